"""Generic writes of ledger records: create, update with optimistic locking, soft delete, restore.

Every write runs in one transaction, validates with ``full_clean()``, records the acting user in
the record's history and re-checks scope after the save.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from xiangzhi.core.ledgers.declaration import ledger_name_of
from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import recheck_scope
from xiangzhi.core.services.dependants import deleted_parent, dependants
from xiangzhi.core.services.followers import carry_followers


class StaleRecordError(Exception):
    """Somebody else saved the record after this user opened it."""

    message = "该记录已被他人修改，请刷新后重新编辑（您的修改尚未保存）。"


class DeletedRecordError(StaleRecordError):
    """Somebody deleted the record after this user opened it: an edit must not bring it back."""

    message = "该记录已被他人删除，您的修改尚未保存（管理员可在回收站恢复后再修改）。"


def _recheck(acting_user, capability: str, record) -> None:
    recheck_scope(acting_user, capability, record.org, ledger_name_of(type(record)))


def _save(instance, acting_user, reason: str = "") -> None:
    instance._history_user = acting_user
    if reason:
        instance._change_reason = reason
    instance.full_clean()
    instance.save()


@transaction.atomic
def record_create(instance, *, acting_user, reason: str = "", capability: str = Capability.EDIT):
    _save(instance, acting_user, reason)
    _recheck(acting_user, capability, instance)
    return instance


@transaction.atomic
def record_update(
    instance, *, acting_user, expected_version: int, reason: str = "", capability: str = Capability.EDIT
):
    """Save ``instance`` (already holding the new values) if nobody saved it since ``expected_version``.

    ``capability`` is what the change needs over the record's org before and after it: EDIT for an
    edit (as the roles table has it for the record's ledger), another one for a workflow step (a
    county reviewer confirms a star application without being allowed to edit ledgers).
    """
    model = type(instance)
    stored = model.all_objects.select_for_update().get(pk=instance.pk)
    if stored.deleted_at is not None:
        raise DeletedRecordError  # saving the caller's copy would write deleted_at back as empty
    if stored.version != expected_version:
        raise StaleRecordError
    _recheck(acting_user, capability, stored)
    instance.version = stored.version + 1
    _save(instance, acting_user, reason)
    _recheck(acting_user, capability, instance)
    if instance.org_id != stored.org_id:
        carry_followers(
            model, {instance.pk: instance.org_id}, acting_user=acting_user, reason=f"随{_named(instance)}迁移"
        )
    return instance


@transaction.atomic
def record_delete(instance, *, acting_user, reason: str = "删除"):
    """Move the record, and the records that cannot exist without it, to the recycle bin."""
    model = type(instance)
    stored = model.all_objects.select_for_update().get(pk=instance.pk)
    _recheck(acting_user, Capability.EDIT, stored)
    if stored.deleted_at is not None:
        return stored  # a second click, or somebody else was quicker: nothing more to record
    moment = timezone.now()
    for dependant in dependants(stored, deleted_at=None):
        _recheck(acting_user, Capability.EDIT, dependant)
        _set_deleted_at(dependant, moment, acting_user, f"{reason}（随{_named(stored)}）")
    _set_deleted_at(stored, moment, acting_user, reason)
    return stored


@transaction.atomic
def record_restore(instance, *, acting_user, reason: str = "恢复"):
    """Bring the record back, with the dependants that were deleted together with it."""
    model = type(instance)
    stored = model.all_objects.select_for_update().get(pk=instance.pk)
    _recheck(acting_user, Capability.RESTORE, stored)
    if stored.deleted_at is None:
        return stored
    parent = deleted_parent(stored)
    if parent is not None:
        raise ValidationError(f"请先恢复它所属的{_named(parent)}")
    if stored.org.deleted_at is not None:  # a live record under a deleted unit would be counted
        raise ValidationError(f"请先恢复它所属的单位「{stored.org.name}」")
    moment = stored.deleted_at
    _set_deleted_at(stored, None, acting_user, reason)
    for dependant in dependants(stored, deleted_at=moment):
        _recheck(acting_user, Capability.RESTORE, dependant)
        _set_deleted_at(dependant, None, acting_user, f"{reason}（随{_named(stored)}）")
    return stored


def _set_deleted_at(stored, moment, acting_user, reason: str) -> None:
    stored.deleted_at = moment
    stored.version += 1
    _save(stored, acting_user, reason)


def _named(record) -> str:
    return f"{record._meta.verbose_name}「{record}」"
