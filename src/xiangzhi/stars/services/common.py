"""What every star service shares: the audit event of a workflow step."""

from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditEvent, AuditKind


def audit(kind: AuditKind, *, acting_user, record, **detail) -> AuditEvent:
    return record_event(kind, actor=acting_user, org=record.org, record=record, detail=detail)
