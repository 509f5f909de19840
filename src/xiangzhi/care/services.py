"""The problem cycle 待办理 → 办理中 → 已解决, as named services with history and an audit event."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from xiangzhi.care.models import PROBLEM_WORKFLOW, Problem, ProblemStatus
from xiangzhi.care.rules import problem_rules
from xiangzhi.core.audit import record_event
from xiangzhi.core.models import AuditKind
from xiangzhi.core.problems import refuse_problems
from xiangzhi.core.services.records import record_update
from xiangzhi.core.workflow import guard


def _check_rules(problem: Problem) -> None:
    """The ledger's cross-field rules (the same the import and the edit form apply)."""
    fields = {f.name: getattr(problem, f.attname) for f in problem._meta.concrete_fields}
    refuse_problems(problem_rules(fields))


def _move(problem: Problem, target: str, *, acting_user, expected_version: int, reason: str) -> Problem:
    guard(PROBLEM_WORKFLOW, problem.status, target, action=reason)
    before = problem.status
    problem.status = target
    record_update(problem, acting_user=acting_user, expected_version=expected_version, reason=reason)
    kind = AuditKind.PROBLEM_RESOLVED if target == ProblemStatus.RESOLVED else AuditKind.PROBLEM_STARTED
    record_event(
        kind, actor=acting_user, org=problem.org, record=problem, detail={"from": before, "to": target}
    )
    return problem


@transaction.atomic
def problem_start(*, problem: Problem, acting_user, expected_version: int) -> Problem:
    return _move(
        problem,
        ProblemStatus.IN_PROGRESS,
        acting_user=acting_user,
        expected_version=expected_version,
        reason="开始办理",
    )


@transaction.atomic
def problem_resolve(
    *, problem: Problem, acting_user, expected_version: int, resolved_on: dt.date, result: str
) -> Problem:
    if not result.strip():
        raise ValidationError({"result": "请填写办理结果"})
    if resolved_on > timezone.localdate():
        raise ValidationError({"resolved_on": "解决日期不能晚于今天"})
    problem.resolved_on = resolved_on
    problem.result = result.strip()
    _check_rules(problem)
    return _move(
        problem,
        ProblemStatus.RESOLVED,
        acting_user=acting_user,
        expected_version=expected_version,
        reason="办结",
    )
