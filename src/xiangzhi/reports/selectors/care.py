"""六帮六助: the register as of the period end, and the visits, problems and 实事 of the period."""

from django.db.models import Count, Q, Sum

from xiangzhi.care.models import Household, Matter, Problem, ProblemStatus, Visit
from xiangzhi.care.selectors import in_register_on
from xiangzhi.reports.statement import Figures


def care_figures(scope) -> dict[str, Figures]:
    raised = Q(raised_on__range=scope.in_period)
    resolved = Q(status=ProblemStatus.RESOLVED, resolved_on__range=scope.in_period)
    return {
        "care.register": Figures(
            in_register_on(scope.records(Household), scope.end),
            {"households": Count("pk"), "persons": Sum("size")},
        ),
        "care.visits": Figures(
            scope.records(Visit).filter(visited_on__range=scope.in_period), {"n": Count("pk")}
        ),
        # Both counts in one pass over the problems that touch the period at all.
        "care.problems": Figures(
            scope.records(Problem).filter(raised | resolved),
            {"raised": Count("pk", filter=raised), "resolved": Count("pk", filter=resolved)},
        ),
        "care.matters": Figures(
            scope.records(Matter).filter(completed_on__range=scope.in_period), {"n": Count("pk")}
        ),
    }


def care_section(rows) -> dict:
    register, problems = rows.one("care.register"), rows.one("care.problems")
    return {
        "households": register["households"],
        "persons": register["persons"],
        "visits": rows.one("care.visits")["n"],
        "problems_raised": problems["raised"],
        "problems_resolved": problems["resolved"],
        "practical_matters": rows.one("care.matters")["n"],
    }
