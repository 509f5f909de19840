"""Display masks for personal data (DOMAIN §12.2 rule 3): the one place these formats live.

Lists, exports, reports and 公示 use these; the full value is shown only through
``xiangzhi.core.pii.access.reveal_field``, which logs the view. Every mask accepts ``None``,
numbers and values too short for the format, and then reveals less, never more.
"""

import re
import unicodedata

ID_MASK = "*" * 8
# An ID-like run of digits inside free text (a number mis-filed in a 备注 column, an error message).
# \d is any Unicode digit: an ID typed with a full-width keyboard (４１０８…) is an ID number too.
_ID_IN_TEXT = re.compile(r"(?<!\d)\d{17}[\dXxＸｘ](?![\dA-Za-zＡ-Ｚａ-ｚ])|(?<!\d)\d{15}(?!\d)")
_SEPARATORS = {"-", "(", ")", "（", "）", "+", "\u200b", "\ufeff"}


def _clean(value: object) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(ch for ch in text if not ch.isspace())


def mask_id(value: object) -> str:
    """``410802********1234``: first 6 and last 4 of an ID number, always 8 asterisks between.

    Anything shorter than an ID number (15 characters, the old format) is masked entirely.
    """
    text = _clean(value).upper()
    if not text:
        return ""
    if len(text) < 15:
        return ID_MASK
    return f"{text[:6]}{ID_MASK}{text[-4:]}"


def mask_ids_in_text(text: str) -> str:
    """Mask every ID-number-looking run of digits inside a longer string."""
    return _ID_IN_TEXT.sub(lambda match: mask_id(match.group(0)), text)


def mask_phone(value: object) -> str:
    """``139****2238`` for an 11-digit mobile (an optional +86 is dropped); else ``****`` + last 4."""
    digits = "".join(ch for ch in _clean(value) if ch not in _SEPARATORS)
    if not digits:
        return ""
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    if len(digits) <= 4:
        return "****"
    return f"****{digits[-4:]}"


def mask_name(value: object) -> str:
    """``张*三`` / ``欧**明`` / ``李*``: first and last character, one asterisk per hidden one."""
    text = _clean(value)
    if len(text) <= 1:
        return "*" if text else ""
    if len(text) == 2:
        return f"{text[0]}*"
    return f"{text[0]}{'*' * (len(text) - 2)}{text[-1]}"


def mask_account(value: object) -> str:
    """``****1234``: bank and 一卡通 account numbers keep only the last 4 (§12.2)."""
    text = "".join(ch for ch in _clean(value) if ch not in _SEPARATORS)
    if not text:
        return ""
    return f"****{text[-4:]}" if len(text) > 4 else "****"
