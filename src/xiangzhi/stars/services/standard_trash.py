"""A standard's parts (its stars, tasks and veto items) go to the recycle bin, never away.

Deleting a part sets its ``deleted_at`` with history; a star takes its live tasks and veto items
with it, at the same moment, and restoring the star brings back exactly those. A part cannot be
deleted while a village's application of its star is being judged under that standard, nor
restored while its star is deleted or its place (the star, or the task's number) is taken again.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from xiangzhi.core.roles import ROLE_CAPABILITIES, Capability
from xiangzhi.core.trash import TrashKind, register_trash_kind
from xiangzhi.stars.choices import ApplicationStatus
from xiangzhi.stars.models import StarApplication, StarDefinition, StarStandard, StarTask, VetoRule

IN_PROGRESS = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.RETURNED,
    ApplicationStatus.TOWN_PASSED,
    ApplicationStatus.COUNTY_CONFIRMED,
    ApplicationStatus.IN_NOTICE,
)


def standard_of(part) -> StarStandard:
    return part.standard if isinstance(part, StarDefinition) else part.star.standard


def star_name_of(part) -> str:
    return part.star if isinstance(part, StarDefinition) else part.star.star


def refuse_while_judged(part) -> None:
    """A part the reviewers are judging an application by stays until that application is decided."""
    applications = (
        StarApplication.objects.filter(
            standard=standard_of(part), star=star_name_of(part), status__in=IN_PROGRESS
        )
        .select_related("org")
        .order_by("org__path", "pk")
    )
    named = [f"{a.org.name}{a.year}年度{a.star}申报（{a.get_status_display()}）" for a in applications]
    if named:
        raise ValidationError(f"以下申报正按该标准评定，不能删除「{part}」：{'、'.join(named)}")


def _children(definition: StarDefinition, deleted_at) -> list:
    tasks = StarTask.all_objects.filter(star=definition, deleted_at=deleted_at)
    rules = VetoRule.all_objects.filter(star=definition, deleted_at=deleted_at)
    return [*tasks.order_by("pk"), *rules.order_by("pk")]


def _mark(part, moment, acting_user, reason: str) -> None:
    part.deleted_at = moment
    part._history_user = acting_user
    part._change_reason = reason
    part.save(update_fields=["deleted_at"])


def part_to_trash(part, *, acting_user, reason: str = "删除") -> None:
    """Move ``part`` (and a star's live tasks and veto items) to the recycle bin, with history."""
    moment = timezone.now()
    if isinstance(part, StarDefinition):
        for child in _children(part, None):
            _mark(child, moment, acting_user, f"{reason}（随{part.star}）")
    _mark(part, moment, acting_user, reason)


@transaction.atomic
def part_restore(part, *, acting_user) -> None:
    """Bring a part back from the recycle bin (a star with what was deleted together with it)."""
    from xiangzhi.stars.services.standards import require_editable

    standard = standard_of(part)
    require_editable(standard, acting_user)
    part = type(part).all_objects.select_for_update().get(pk=part.pk)
    if part.deleted_at is None:
        return
    _refuse_taken_place(part)
    moment = part.deleted_at
    _mark(part, None, acting_user, "恢复")
    if isinstance(part, StarDefinition):
        for child in _children(part, moment):
            _mark(child, None, acting_user, f"恢复（随{part.star}）")


def _refuse_taken_place(part) -> None:
    if isinstance(part, StarDefinition):
        if StarDefinition.objects.filter(standard=part.standard_id, star=part.star).exists():
            raise ValidationError(f"该标准中已有「{part.star}」，不能再恢复一个")
        return
    if part.star.deleted_at is not None:
        raise ValidationError(f"请先恢复它所属的「{part.star.star}」")
    if isinstance(part, StarTask) and StarTask.objects.filter(star=part.star_id, seq=part.seq).exists():
        raise ValidationError(f"「{part.star.star}」已有序号为 {part.seq} 的任务，请先修改那条任务的序号")


def managed_standards(user, org=None):
    """The standards the user keeps (``may_manage_standard``), issued inside ``org`` if given."""
    standards = StarStandard.objects.all()
    if not user.is_active:
        return standards.none()
    if not user.is_superuser:
        keeping = {Capability.MANAGE_ORG, Capability.REVIEW_COUNTY}
        paths = [a.org.path for a in user.assignments if keeping & ROLE_CAPABILITIES[a.role]]
        if not paths:
            return standards.none()
        standards = standards.filter(reduce(or_, [Q(org__path__startswith=path) for path in paths]))
    if org is not None:
        standards = standards.filter(org__path__startswith=org.path)
    return standards


def deleted_parts(model):
    """The recycle bin's list of ``model``: deleted parts of the standards the user keeps; a task
    or veto item deleted with its star is not listed, the star stands for it."""

    def deleted(user, org):
        parts = model.all_objects.filter(
            deleted_at__isnull=False, **{f"{model.standard_path}__in": managed_standards(user, org)}
        )
        if model is not StarDefinition:
            parts = parts.exclude(star__deleted_at=F("deleted_at"))
        return parts.select_related(f"{model.standard_path}__org")

    return deleted


def restore_from_trash(part, user) -> None:
    from xiangzhi.stars.services.standards import standard_item_restore

    standard_item_restore(part, acting_user=user)


def register_standard_parts() -> None:
    for model in (StarDefinition, StarTask, VetoRule):
        register_trash_kind(
            TrashKind(
                model=model,
                deleted=deleted_parts(model),
                restore=restore_from_trash,
                unit_of=lambda part: standard_of(part).org,
            )
        )
