"""安全生产: inspections of the period, and the hazards they found, as rectified by the period end."""

from django.db.models import Count, Q, Sum

from xiangzhi.reports.numbers import ratio
from xiangzhi.reports.statement import Figures
from xiangzhi.safety.models import Hazard, Inspection
from xiangzhi.safety.selectors import rectified_by_q


def safety_figures(scope) -> dict[str, Figures]:
    return {
        "safety.inspections": Figures(
            scope.records(Inspection).filter(inspected_on__range=scope.in_period),
            {"n": Count("pk"), "person_times": Sum("person_times")},
        ),
        "safety.hazards": _hazard_figures(scope),
    }


def _hazard_figures(scope) -> Figures:
    """Hazards found in the period (the date of their inspection), rectified and overdue at its end."""
    rectified = rectified_by_q(scope.end)
    # Not rectified by the end, whatever the reason (still open, or done only after the end).
    overdue = Q(deadline__lt=scope.end) & ~rectified
    # For one town, naming the inspection's town too lets PostgreSQL read that town's inspections
    # by index instead of every inspection of the year; a county reads them all anyway.
    same_town = Q() if scope.is_county else scope.in_unit("inspection__")
    return Figures(
        scope.records(Hazard).filter(same_town, inspection__inspected_on__range=scope.in_period),
        {
            "found": Count("pk"),
            "rectified": Count("pk", filter=rectified),
            "overdue": Count("pk", filter=overdue),
        },
    )


def safety_section(rows) -> dict:
    inspections, hazards = rows.one("safety.inspections"), rows.one("safety.hazards")
    return {
        "inspections": inspections["n"],
        "inspector_person_times": inspections["person_times"],
        "hazards_found": hazards["found"],
        "hazards_rectified": hazards["rectified"],
        "hazards_open": hazards["found"] - hazards["rectified"],
        "hazards_overdue": hazards["overdue"],
        "rectification_rate": ratio(hazards["rectified"], hazards["found"]),
    }
