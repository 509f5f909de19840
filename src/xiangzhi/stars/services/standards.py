"""Writes of star standards: load a file, copy to a new year, and the small edits of the UI.

A standard that has judged an award is frozen (results keep the standard they were judged under);
a new year's rules are a new standard, so nothing here can change a past result.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditKind, OrgUnit
from xiangzhi.core.services.access import require_actor
from xiangzhi.core.services.unchanged import NOT_SHOWN, Shown
from xiangzhi.stars.access import may_manage_standard
from xiangzhi.stars.choices import ApplicationStatus
from xiangzhi.stars.models import StarApplication, StarEvidence, StarStandard, VetoEvent
from xiangzhi.stars.services.standard_file import (
    ParsedStandard,
    StandardFileError,
    document_of,
    parse_document,
    read_document,
)
from xiangzhi.stars.services.standard_trash import (
    part_restore,
    part_to_trash,
    refuse_while_judged,
    standard_of,
)

_JUDGED = (ApplicationStatus.AWARDED, ApplicationStatus.WITHDRAWN)


def _check_manager(acting_user, org: OrgUnit | None) -> None:
    require_actor(acting_user)  # the command line acts as system_user()
    if not may_manage_standard(acting_user, org):
        raise PermissionDenied


def is_frozen(standard: StarStandard) -> bool:
    return StarApplication.all_objects.filter(standard=standard, status__in=_JUDGED).exists()


def is_in_use(standard: StarStandard) -> bool:
    return (
        StarApplication.all_objects.filter(standard=standard).exists()
        or StarEvidence.all_objects.filter(task__star__standard=standard).exists()
        or VetoEvent.all_objects.filter(rule__star__standard=standard).exists()
    )


def require_editable(standard: StarStandard, acting_user) -> None:
    _check_manager(acting_user, standard.org)
    if is_frozen(standard):
        raise ValidationError("该标准已用于定星，不能再修改；请复制为新标准后修改")


def _audit(kind: AuditKind, standard: StarStandard, acting_user, **detail) -> None:
    record_event(
        kind, actor=acting_user, org=standard.org, record=standard, detail={"year": standard.year, **detail}
    )


@transaction.atomic
def standard_load(*, raw: bytes, org: OrgUnit | None, acting_user, replace: bool = False) -> StarStandard:
    """Load a standard file for ``org`` (None: every unit). Raises StandardFileError listing every
    problem; nothing is written unless the whole file is valid."""
    _check_manager(acting_user, org)
    return standard_write(parse_document(read_document(raw), org), acting_user=acting_user, replace=replace)


def standard_write(parsed: ParsedStandard, *, acting_user, replace: bool) -> StarStandard:
    new = parsed.standard
    existing = StarStandard.objects.filter(org=new.org, year=new.year).first()
    if existing is not None:
        scope = new.org.name if new.org else "全部单位"
        if not replace:
            raise StandardFileError(
                [f"{scope}{new.year}年度的创星标准已存在；如要整体替换，请选择“替换”（命令行加 --replace）"]
            )
        if is_in_use(existing):
            raise StandardFileError(
                [f"{scope}{new.year}年度的标准已有申报或佐证材料，不能整体替换；请在页面上逐项修改"]
            )
        for definition in existing.stars.all():  # to the recycle bin, with their tasks and vetoes
            part_to_trash(definition, acting_user=acting_user, reason="替换标准文件")
        new.pk, new.created_at = existing.pk, existing.created_at
    new._history_user = acting_user
    new._change_reason = "导入标准文件"
    new.save()
    for star in parsed.stars:
        star.definition.standard = new
        _save(star.definition, acting_user)
        for item in [*star.tasks, *star.vetoes]:
            item.star = star.definition
            _save(item, acting_user)
    _audit(AuditKind.STARS_STANDARD_LOADED, new, acting_user, replaced=existing is not None)
    return new


def _save(instance, acting_user) -> None:
    instance._history_user = acting_user
    instance.full_clean()
    instance.save()


@transaction.atomic
def standard_copy(
    *, source: StarStandard, org: OrgUnit | None, year: int, acting_user, label: str = ""
) -> StarStandard:
    """A new standard (for another year or another unit) with the same stars, tasks and vetoes."""
    _check_manager(acting_user, org)
    document = {**document_of(source), "year": year}
    if label.strip():
        document["label"] = label.strip()
    try:
        return standard_write(parse_document(document, org), acting_user=acting_user, replace=False)
    except StandardFileError as error:
        raise ValidationError(error.problems) from None


@transaction.atomic
def standard_item_save(
    instance, *, standard: StarStandard, acting_user, reason: str, shown: Shown = NOT_SHOWN
):
    """Save one edited part of a standard (its header, a star, a task or a veto item) with history,
    unless somebody changed it since the editor was ``shown`` it."""
    require_editable(standard, acting_user)
    shown.expect(instance)
    instance._history_user = acting_user
    instance._change_reason = reason
    instance.full_clean()
    instance.save()
    _audit(
        AuditKind.STARS_STANDARD_CHANGED, standard, acting_user, item=instance._meta.model_name, reason=reason
    )
    return instance


@transaction.atomic
def standard_item_delete(instance, *, standard: StarStandard, acting_user) -> None:
    """Move a task or veto item to the recycle bin; one a village has attached evidence to, or one
    an application in progress is judged by, stays."""
    require_editable(standard, acting_user)
    if instance._meta.model_name == "startask" and StarEvidence.all_objects.filter(task=instance).exists():
        raise ValidationError("已有村为该任务上传了佐证材料，不能删除；可修改其内容")
    if instance._meta.model_name == "vetorule" and VetoEvent.all_objects.filter(rule=instance).exists():
        raise ValidationError("已有否决事件引用该否决事项，不能删除；可修改其内容")
    refuse_while_judged(instance)
    part_to_trash(instance, acting_user=acting_user)
    _audit_part(standard, instance, acting_user, f"删除：{instance}")


@transaction.atomic
def standard_item_restore(instance, *, acting_user) -> None:
    """Bring a star, task or veto item back from the recycle bin."""
    part_restore(instance, acting_user=acting_user)
    _audit_part(standard_of(instance), instance, acting_user, f"恢复：{instance}")


def _audit_part(standard: StarStandard, part, acting_user, reason: str) -> None:
    _audit(AuditKind.STARS_STANDARD_CHANGED, standard, acting_user, item=part._meta.model_name, reason=reason)
