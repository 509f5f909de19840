"""Evidence a village attaches to a task: text, a declared figure, and a photo or document.

Files are checked by size and by their first bytes (not their name or the browser's word), stored
with a random name through Django's default storage under the data dir, and served only by a
scoped view.
"""

import warnings

from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from xiangzhi.core.images import bomb_refusal, pixel_problem
from xiangzhi.core.models import AuditKind, OrgUnit
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import require
from xiangzhi.core.services.records import record_create, record_delete
from xiangzhi.stars.access import town_of
from xiangzhi.stars.models import EVIDENCE_MAX_BYTES, StarEvidence, StarStandard, StarTask
from xiangzhi.stars.services.common import audit

# Leading bytes of the file types a village sends as evidence, by the extension they are kept under.
_SIGNATURES = {
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    ".xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
ACCEPTED = "、".join(s.lstrip(".") for s in _SIGNATURES)


def check_upload(upload) -> None:
    name = upload.name or ""
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if suffix not in _SIGNATURES:
        raise ValidationError({"file": f"只接受以下类型的文件：{ACCEPTED}"})
    if upload.size > EVIDENCE_MAX_BYTES:
        limit = EVIDENCE_MAX_BYTES // (1024 * 1024)
        raise ValidationError({"file": f"文件超过 {limit} MB，请压缩后再上传"})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in _SIGNATURES[suffix]):
        raise ValidationError({"file": f"文件内容与扩展名 {suffix} 不符，请确认文件没有损坏或改过扩展名"})
    if suffix in IMAGE_SUFFIXES:
        _check_pixels(upload, name)


def _check_pixels(upload, name: str) -> None:
    """Pictures are shown on the evidence pages: one that declares gigapixels would make every
    browser (and phone) that opens the page decode it. Only the header is read here."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as picture:
                size = picture.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError({"file": bomb_refusal(name)}) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError({"file": f"「{name}」图片已损坏，无法读取"}) from None
    finally:
        upload.seek(0)
    problem = pixel_problem(name, *size)
    if problem:
        raise ValidationError({"file": problem})


@transaction.atomic
def evidence_add(
    *, village: OrgUnit, year: int, task: StarTask, acting_user, text: str = "", value=None, upload=None
) -> StarEvidence:
    require(acting_user, Capability.EDIT, village)
    standard = StarStandard.objects.in_force(village, year)
    if standard is None or task.star.standard_id != standard.pk:
        raise ValidationError("该任务不属于本村本年度适用的创星标准")
    text = (text or "").strip()
    if not text and upload is None and value is None:
        raise ValidationError("请填写说明、自评数值或上传附件（至少一项）")
    evidence = StarEvidence(org=village, year=year, task=task, text=text, value=value)
    if upload is not None:
        check_upload(upload)
        evidence.file_name = upload.name[-200:]
        evidence.file_size = upload.size
        evidence.town = town_of(village)
        evidence.file.save(upload.name, upload, save=False)
    try:
        record_create(evidence, acting_user=acting_user, reason="上传佐证材料")
    except Exception:
        # The file is written before the row; a refused row must not leave an orphan on disk.
        if evidence.file:
            evidence.file.delete(save=False)
        raise
    audit(AuditKind.STARS_EVIDENCE_ADDED, acting_user=acting_user, record=evidence, task=task.pk)
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: StarEvidence, acting_user) -> StarEvidence:
    """Withdraw a piece of evidence: soft-deleted with history, its file kept for the record."""
    require(acting_user, Capability.EDIT, evidence.org)
    removed = record_delete(evidence, acting_user=acting_user, reason="撤回佐证材料")
    audit(AuditKind.STARS_EVIDENCE_REMOVED, acting_user=acting_user, record=evidence, task=evidence.task_id)
    return removed
