"""Generic writes of ledger records: create, update with optimistic locking, soft delete, restore.

Every write runs in one transaction, validates with ``full_clean()``, records the acting user in
the record's history and re-checks scope after the save.
"""

from django.db import transaction
from django.utils import timezone

from xiangzhi.core.roles import Capability
from xiangzhi.core.services.access import recheck_scope


class StaleRecordError(Exception):
    """Somebody else saved the record after this user opened it."""

    message = "该记录已被他人修改，请刷新后重新编辑（您的修改尚未保存）。"


def _save(instance, acting_user, reason: str = "") -> None:
    instance._history_user = acting_user
    if reason:
        instance._change_reason = reason
    instance.full_clean()
    instance.save()


@transaction.atomic
def record_create(instance, *, acting_user, reason: str = ""):
    _save(instance, acting_user, reason)
    recheck_scope(acting_user, Capability.EDIT, instance.org)
    return instance


@transaction.atomic
def record_update(
    instance, *, acting_user, expected_version: int, reason: str = "", capability: str = Capability.EDIT
):
    """Save ``instance`` (already holding the new values) if nobody saved it since ``expected_version``.

    ``capability`` is what the change needs over the record's org before and after it: EDIT for an
    edit, another one for a workflow step (a county reviewer confirms a star application without
    being allowed to edit ledgers).
    """
    model = type(instance)
    stored = model.all_objects.select_for_update().get(pk=instance.pk)
    if stored.version != expected_version:
        raise StaleRecordError
    recheck_scope(acting_user, capability, stored.org)
    instance.version = stored.version + 1
    _save(instance, acting_user, reason)
    recheck_scope(acting_user, capability, instance.org)
    return instance


@transaction.atomic
def record_delete(instance, *, acting_user, reason: str = "删除"):
    model = type(instance)
    stored = model.all_objects.select_for_update().get(pk=instance.pk)
    recheck_scope(acting_user, Capability.EDIT, stored.org)
    stored.deleted_at = timezone.now()
    stored.version += 1
    _save(stored, acting_user, reason)
    return stored


@transaction.atomic
def record_restore(instance, *, acting_user, reason: str = "恢复"):
    model = type(instance)
    stored = model.all_objects.select_for_update().get(pk=instance.pk)
    recheck_scope(acting_user, Capability.RESTORE, stored.org)
    stored.deleted_at = None
    stored.version += 1
    _save(stored, acting_user, reason)
    return stored
