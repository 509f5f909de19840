"""What every star service shares: saving a workflow step with history, and the audit event."""

from django.db import transaction

from xiangzhi.core.models import AuditEvent
from xiangzhi.core.services.access import recheck_scope
from xiangzhi.core.services.records import StaleRecordError


@transaction.atomic
def save_step(record, *, acting_user, capability: str, expected_version: int, reason: str):
    """``record_update`` for a workflow step taken with ``capability`` rather than EDIT.

    County reviewers confirm applications without being allowed to edit ledgers, so the core's
    record_update (which re-checks EDIT) cannot save their step; this does the same version
    check, history entry and scope re-check after the save, for the step's own capability.
    """
    stored = type(record).all_objects.select_for_update().get(pk=record.pk)
    if stored.version != expected_version:
        raise StaleRecordError
    recheck_scope(acting_user, capability, stored.org)
    record.version = stored.version + 1
    record._history_user = acting_user
    record._change_reason = reason
    record.full_clean()
    record.save()
    recheck_scope(acting_user, capability, record.org)
    return record


def audit(kind: str, *, acting_user, record, **detail) -> AuditEvent:
    return AuditEvent.objects.create(
        kind=f"stars.{kind}",
        actor=acting_user,
        org=record.org,
        object_type=record._meta.label_lower,
        object_id=str(record.pk),
        detail=detail,
    )
