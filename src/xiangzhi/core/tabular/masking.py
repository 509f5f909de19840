"""Masking of identity-card numbers for anything a person or a log may read.

CONTRACT §2: a 身份证号 is never printed in full in errors or logs. The format itself lives in
xiangzhi.core.pii.masking (Django-free), so import errors, lists and exports mask alike; this
module is the engine's import point for it.
"""

from xiangzhi.core.pii.masking import mask_id, mask_ids_in_text

__all__ = ["mask_id", "mask_ids_in_text"]
