"""六帮六助: the register as of the period end, and the visits, problems and 实事 of the period."""

from django.db.models import Count, Q, Sum

from xiangzhi.care.models import Household, Matter, Problem, ProblemStatus, Visit
from xiangzhi.care.selectors import in_register_on
from xiangzhi.reports.selectors.numbers import plain


def care_section(scope) -> dict:
    register = in_register_on(scope.records(Household), scope.end).aggregate(
        households=Count("pk"), persons=Sum("size")
    )
    problems = _problems(scope)
    return {
        "households": register["households"],
        "persons": plain(register["persons"]),
        "visits": scope.records(Visit).filter(visited_on__range=scope.in_period).count(),
        "problems_raised": problems["raised"],
        "problems_resolved": problems["resolved"],
        "practical_matters": scope.records(Matter).filter(completed_on__range=scope.in_period).count(),
    }


def _problems(scope) -> dict:
    raised = Q(raised_on__range=scope.in_period)
    resolved = Q(status=ProblemStatus.RESOLVED, resolved_on__range=scope.in_period)
    # Both counts in one pass over the problems that touch the period at all.
    return (
        scope.records(Problem)
        .filter(raised | resolved)
        .aggregate(raised=Count("pk", filter=raised), resolved=Count("pk", filter=resolved))
    )
