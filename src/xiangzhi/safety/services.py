"""The hazard cycle 待整改 → 整改中 → 已整改 → 已销号 (or back to 整改中), and hazard photos.

Each move is a named service: it asks the one workflow table (``HAZARD_WORKFLOW``) whether the
move is allowed, saves through ``record_update`` (history, version check, scope re-check) and
writes a typed AuditEvent, all in one transaction. An import may create a hazard in any state (an
imported ledger records the past as it was), but moves a stored one only as the table allows and
closes it only under the same rule as 复查销号 here (``hazard_close_rules``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditKind
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import recheck_scope
from xiangzhi.core.services.records import record_update
from xiangzhi.core.workflow import guard
from xiangzhi.safety.models import HAZARD_WORKFLOW, Hazard, HazardPhoto, HazardStatus, PhotoKind
from xiangzhi.safety.photos import MAX_PER_UPLOAD, CleanPhoto, clean_photo
from xiangzhi.safety.rules import hazard_close_rules


def _event(kind: AuditKind, hazard: Hazard, acting_user, **detail) -> None:
    detail = {"hazard_no": hazard.hazard_no, **detail}
    record_event(kind, actor=acting_user, org=hazard.org_id, record=hazard, detail=detail)


def _require_move(hazard: Hazard, target: str, action: str) -> None:
    guard(HAZARD_WORKFLOW, hazard.status, target, action=action)


def _user_names(user) -> set[str]:
    """The names a person may be written as in a ledger cell: their display and log-in names."""
    return {name for name in (user.display_name, user.username) if name} if user else set()


def _check_day(day: dt.date | None, label: str, *, not_before: dt.date, before_label: str) -> None:
    if day is None:
        raise ValidationError(f"请填写{label}")
    if day > timezone.localdate():
        raise ValidationError(f"{label}不能晚于今天")
    if day < not_before:
        raise ValidationError(f"{label}不能早于{before_label}（{not_before:%Y-%m-%d}）")


def _save_move(
    hazard: Hazard, before: str, *, acting_user, expected_version: int, reason: str, kind: AuditKind
):
    record_update(hazard, acting_user=acting_user, expected_version=expected_version, reason=reason)
    _event(kind, hazard, acting_user, **{"from": before, "to": hazard.status})
    return hazard


@transaction.atomic
def hazard_start(*, hazard: Hazard, acting_user, expected_version: int) -> Hazard:
    """待整改 → 整改中: the responsible party has begun."""
    _require_move(hazard, HazardStatus.IN_PROGRESS, "开始整改")
    before, hazard.status = hazard.status, HazardStatus.IN_PROGRESS
    return _save_move(
        hazard,
        before,
        acting_user=acting_user,
        expected_version=expected_version,
        reason="开始整改",
        kind=AuditKind.HAZARD_STARTED,
    )


@transaction.atomic
def hazard_rectify(
    *,
    hazard: Hazard,
    acting_user,
    expected_version: int,
    rectified_on: dt.date | None,
    after_photos: Iterable = (),
) -> Hazard:
    """待整改/整改中 → 已整改, with its date and at least one 整改后 photo (new or already there)."""
    _require_move(hazard, HazardStatus.RECTIFIED, "登记整改完成")
    _check_day(rectified_on, "整改完成日期", not_before=hazard.found_on, before_label="排查日期")
    cleaned = _clean_all(after_photos)
    if not cleaned and not hazard.photos.filter(kind=PhotoKind.AFTER).exists():
        raise ValidationError("登记整改完成须上传至少一张整改后照片")
    before = hazard.status
    hazard.status = HazardStatus.RECTIFIED
    hazard.rectified_on = rectified_on
    hazard.rectified_by = acting_user
    with _stored_files() as written:
        for photo in cleaned:
            written.append(_store_photo(hazard, PhotoKind.AFTER, photo, acting_user))
        return _save_move(
            hazard,
            before,
            acting_user=acting_user,
            expected_version=expected_version,
            reason="整改完成",
            kind=AuditKind.HAZARD_RECTIFIED,
        )


@transaction.atomic
def hazard_recheck_pass(
    *, hazard: Hazard, acting_user, expected_version: int, rechecked_on: dt.date | None, note: str = ""
) -> Hazard:
    """已整改 → 已销号, by someone other than the person who recorded the rectification."""
    _require_move(hazard, HazardStatus.CLOSED, "复查销号")
    refused = hazard_close_rules(
        rechecker=str(acting_user),
        responsible={hazard.responsible} - {""},
        rectifier_id=hazard.rectified_by_id,
        rectifier_names=_user_names(hazard.rectified_by),
        acting_user_id=acting_user.pk,
    )
    if refused:
        raise ValidationError(refused[0][1])
    _check_recheck_day(hazard, rechecked_on)
    before = hazard.status
    hazard.status = HazardStatus.CLOSED
    _set_recheck(hazard, acting_user, rechecked_on, note)
    return _save_move(
        hazard,
        before,
        acting_user=acting_user,
        expected_version=expected_version,
        reason="复查通过，销号",
        kind=AuditKind.HAZARD_CLOSED,
    )


@transaction.atomic
def hazard_recheck_fail(
    *, hazard: Hazard, acting_user, expected_version: int, rechecked_on: dt.date | None, note: str
) -> Hazard:
    """已整改 → 整改中: the re-check found the hazard still there; the completion is withdrawn."""
    _require_move(hazard, HazardStatus.IN_PROGRESS, "复查")
    if not (note or "").strip():
        raise ValidationError({"note": "复查未通过时请写明原因"})
    _check_recheck_day(hazard, rechecked_on)
    before = hazard.status
    hazard.status, hazard.rectified_on, hazard.rectified_by = HazardStatus.IN_PROGRESS, None, None
    _set_recheck(hazard, acting_user, rechecked_on, note)
    return _save_move(
        hazard,
        before,
        acting_user=acting_user,
        expected_version=expected_version,
        reason="复查未通过，退回整改",
        kind=AuditKind.HAZARD_RECHECK_FAILED,
    )


def _check_recheck_day(hazard: Hazard, rechecked_on: dt.date | None) -> None:
    if hazard.rectified_on is None:  # only an inconsistent stored row lacks it; fall back to 排查日期
        _check_day(rechecked_on, "复查日期", not_before=hazard.found_on, before_label="排查日期")
    else:
        _check_day(rechecked_on, "复查日期", not_before=hazard.rectified_on, before_label="整改完成日期")


def _set_recheck(hazard: Hazard, acting_user, rechecked_on: dt.date, note: str) -> None:
    hazard.rechecked_by, hazard.rechecker, hazard.rechecked_on, hazard.recheck_note = (
        acting_user,
        str(acting_user)[:50],
        rechecked_on,
        (note or "").strip(),
    )


@transaction.atomic
def hazard_photo_add(*, hazard: Hazard, acting_user, kind: str, uploads: Iterable) -> list[HazardPhoto]:
    """Add 整改前/整改后 photos to an open or rectified hazard (a closed one is final)."""
    if kind not in PhotoKind.values:
        raise ValidationError("照片类型无效")
    if hazard.status == HazardStatus.CLOSED:
        raise ValidationError("已销号的隐患不能再添加照片")
    cleaned = _clean_all(uploads)
    if not cleaned:
        raise ValidationError("请选择照片")
    recheck_scope(acting_user, Capability.EDIT, hazard.org)
    with _stored_files() as written:
        for photo in cleaned:
            written.append(_store_photo(hazard, kind, photo, acting_user))
        _event(AuditKind.HAZARD_PHOTO_ADDED, hazard, acting_user, photo_kind=kind, count=len(cleaned))
    return written


def _clean_all(uploads: Iterable) -> list[CleanPhoto]:
    uploads = [u for u in uploads if u]
    if len(uploads) > MAX_PER_UPLOAD:
        raise ValidationError(f"一次最多上传 {MAX_PER_UPLOAD} 张照片")
    return [clean_photo(upload) for upload in uploads]


def _store_photo(hazard: Hazard, kind: str, photo: CleanPhoto, acting_user) -> HazardPhoto:
    record = HazardPhoto(hazard=hazard, kind=kind, uploaded_by=acting_user)
    stem = uuid.uuid4().hex
    record.image.save(f"{stem}.jpg", ContentFile(photo.image), save=False)
    record.thumbnail.save(f"{stem}_thumb.jpg", ContentFile(photo.thumbnail), save=False)
    record._history_user = acting_user
    record.save()
    return record


@contextmanager
def _stored_files() -> Iterator[list[HazardPhoto]]:
    """Files are not part of the transaction: remove what was written if the write fails."""
    written: list[HazardPhoto] = []
    try:
        yield written
    except BaseException:
        for photo in written:
            photo.image.storage.delete(photo.image.name)
            photo.thumbnail.storage.delete(photo.thumbnail.name)
        raise
