"""Writes of the org tree. Each is one transaction with the acting user in the history."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditKind, LedgerModel, OrgUnit
from xiangzhi.core.models.orgs import parent_level_error
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import recheck_scope, require
from xiangzhi.core.services.unchanged import NOT_SHOWN, Shown


def _validate_placement(level: str, parent: OrgUnit | None) -> None:
    message = parent_level_error(level, parent.level if parent else None)
    if message:
        raise ValidationError({"level": message})


def _refuse_sibling_name(parent: OrgUnit | None, name: str, unit: OrgUnit | None = None) -> None:
    """Ledgers name villages and grids by name (所属村, 网格): two of one parent could not be told apart."""
    if parent is None:
        return
    siblings = OrgUnit.objects.active().filter(
        path__startswith=parent.path, depth=parent.depth + 1, name=name.strip()
    )
    if unit is not None:
        siblings = siblings.exclude(pk=unit.pk)
    if siblings.exists():
        raise ValidationError({"name": f"{parent.name}下已有名为「{name.strip()}」的单位"})


@transaction.atomic
def org_create(*, acting_user, parent: OrgUnit | None, code: str, name: str, level: str) -> OrgUnit:
    if parent is None and not acting_user.is_superuser:
        raise ValidationError({"parent": "只有系统管理员可以创建顶级单位"})
    if parent is not None:
        require(acting_user, Capability.MANAGE_ORG, parent)
        parent = _locked(parent)  # a unit deleted meanwhile takes no new children
        if parent.deleted_at is not None:
            raise ValidationError({"parent": f"上级单位「{parent.name}」已被删除，不能在其下新建单位"})
    _validate_placement(level, parent)
    _refuse_sibling_name(parent, name)
    unit = OrgUnit(code=code.strip(), name=name.strip(), level=level)
    unit._history_user = acting_user
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit = (
        OrgUnit.objects.add_child(parent, instance=unit)
        if parent
        else OrgUnit.objects.add_root(instance=unit)
    )
    if parent is not None:
        recheck_scope(acting_user, Capability.MANAGE_ORG, unit)
    return unit


@transaction.atomic
def org_update(*, acting_user, unit: OrgUnit, name: str, code: str, shown: Shown = NOT_SHOWN) -> OrgUnit:
    """Change a unit's name and code. Only those two columns are written, from the row as stored
    now under lock: the caller's copy may be stale in its tree columns (a grid added meanwhile
    moved ``numchild``) or its ``deleted_at``, and saving those back would break the tree."""
    parent = OrgUnit.objects.get_parent(unit)
    require(acting_user, Capability.MANAGE_ORG, parent or unit)
    unit = _locked(unit)
    if unit.deleted_at is not None:
        raise ValidationError(f"单位「{unit.name}」已被他人删除，修改未保存（管理员可在回收站恢复后再修改）")
    shown.check(unit)
    _refuse_sibling_name(parent, name, unit)
    unit.name = name.strip()
    unit.code = code.strip()
    unit._history_user = acting_user
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit.save(update_fields=["name", "code"])
    return unit


@transaction.atomic
def org_delete(*, acting_user, unit: OrgUnit) -> OrgUnit:
    """Soft-delete a unit that has no live units and no live records under it.

    A unit's records belong to it: left live under a deleted village they would still be counted
    (lists, reports) where the village no longer is. Deleted ones stay restorable, with the unit.
    """
    require(acting_user, Capability.MANAGE_ORG, OrgUnit.objects.get_parent(unit) or unit)
    unit = _locked(unit)
    if unit.deleted_at is not None:
        raise ValidationError("该单位已删除")
    if OrgUnit.objects.active().filter(path__startswith=unit.path, depth__gt=unit.depth).exists():
        raise ValidationError("请先删除下级单位")
    held = _live_records_under(unit)
    if held:
        raise ValidationError(
            f"该单位仍有台账记录：{'、'.join(held)}。请先删除或改到其他单位（删除的记录可在回收站恢复），再删除单位"
        )
    unit.deleted_at = timezone.now()
    unit._history_user = acting_user
    unit._change_reason = "删除"
    unit.save(update_fields=["deleted_at"])
    record_event(AuditKind.ORG_DELETED, actor=acting_user, org=unit, record=unit)
    return unit


@transaction.atomic
def org_restore(*, acting_user, unit: OrgUnit) -> OrgUnit:
    require(acting_user, Capability.RESTORE, unit)
    unit = _locked(unit)
    if unit.deleted_at is None:
        raise ValidationError("该单位未被删除，无需恢复")
    parent = OrgUnit.objects.get_parent(unit)
    if parent is not None and parent.deleted_at is not None:
        raise ValidationError("上级单位已删除，请先恢复上级单位")
    unit.deleted_at = None
    unit._history_user = acting_user
    unit._change_reason = "恢复"
    unit.save(update_fields=["deleted_at"])
    record_event(AuditKind.ORG_RESTORED, actor=acting_user, org=unit, record=unit)
    return unit


def _live_records_under(unit: OrgUnit) -> list[str]:
    """「困难群体家庭1条」 for each kind of record (ledgers, star applications, point rules …) with
    live records in the unit's subtree: one count per kind."""
    held = []
    for model in apps.get_models():
        if issubclass(model, LedgerModel):
            count = model.objects.filter(org__path__startswith=unit.path).count()
            if count:
                held.append(f"{model._meta.verbose_name}{count}条")
    return held


def _locked(unit: OrgUnit) -> OrgUnit:
    """The unit as stored now, locked until the end of the transaction: of two clicks on
    删除 or 恢复, or an edit racing a delete or a new child, the second sees what the first did."""
    return OrgUnit.objects.select_for_update().get(pk=unit.pk)
