"""The dispute cycle 调处中 → 已化解 / 已上报, as named services with history and an audit event."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditKind
from xiangzhi.core.problems import refuse_problems
from xiangzhi.core.services.records import record_update
from xiangzhi.core.workflow import guard
from xiangzhi.security.models import DISPUTE_WORKFLOW, Dispute, DisputeStatus
from xiangzhi.security.rules import dispute_rules


def _check_open(dispute: Dispute, target: str, action: str) -> None:
    # Both moves start from 调处中 only: a resolved or escalated dispute is closed for the village.
    guard(DISPUTE_WORKFLOW, dispute.status, target, action=action)


def _audit(dispute: Dispute, kind: AuditKind, acting_user, detail: dict) -> None:
    record_event(kind, actor=acting_user, org=dispute.org, record=dispute, detail=detail)


@transaction.atomic
def dispute_resolve(
    *, dispute: Dispute, acting_user, expected_version: int, resolved_on: dt.date | None
) -> Dispute:
    """调处中 → 已化解 on ``resolved_on`` (required, not before the registration date)."""
    _check_open(dispute, DisputeStatus.RESOLVED, "化解")
    after = {"status": DisputeStatus.RESOLVED, "resolved_on": resolved_on}
    refuse_problems(dispute_rules({**after, "registered_on": dispute.registered_on}))
    dispute.status, dispute.resolved_on = after["status"], resolved_on
    record_update(dispute, acting_user=acting_user, expected_version=expected_version, reason="化解")
    _audit(dispute, AuditKind.DISPUTE_RESOLVED, acting_user, {"resolved_on": resolved_on.isoformat()})
    return dispute


@transaction.atomic
def dispute_escalate(
    *, dispute: Dispute, acting_user, expected_version: int, escalated_on: dt.date | None, note: str = ""
) -> Dispute:
    """调处中 → 已上报: the village could not settle it and passed it up on ``escalated_on``.

    CONTRACT has no column for the escalation date, so it lives in the audit event and in the
    history entry's reason rather than in a field the ledger template cannot carry.
    """
    _check_open(dispute, DisputeStatus.ESCALATED, "上报")
    if escalated_on is None:
        raise ValidationError({"escalated_on": "请填写上报日期"})
    if escalated_on < dispute.registered_on:
        raise ValidationError({"escalated_on": "上报日期不能早于登记日期"})
    dispute.status = DisputeStatus.ESCALATED
    reason = f"上报（{escalated_on:%Y-%m-%d}）"
    record_update(dispute, acting_user=acting_user, expected_version=expected_version, reason=reason)
    _audit(
        dispute,
        AuditKind.DISPUTE_ESCALATED,
        acting_user,
        {"escalated_on": escalated_on.isoformat(), "note": note},
    )
    return dispute
