"""What every star service shares: the audit event of a workflow step."""

from xiangzhi.core.models import AuditEvent


def audit(kind: str, *, acting_user, record, **detail) -> AuditEvent:
    return AuditEvent.objects.create(
        kind=f"stars.{kind}",
        actor=acting_user,
        org=record.org,
        object_type=record._meta.label_lower,
        object_id=str(record.pk),
        detail=detail,
    )
