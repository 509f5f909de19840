"""安全生产: inspections of the period, and the hazards they found, as rectified by the period end."""

from django.db.models import Count, Q, Sum

from xiangzhi.reports.selectors.numbers import plain, ratio
from xiangzhi.safety.models import DONE_STATUSES, Hazard, Inspection


def safety_section(scope) -> dict:
    inspections = (
        scope.records(Inspection)
        .filter(inspected_on__range=scope.in_period)
        .aggregate(n=Count("pk"), person_times=Sum("person_times"))
    )
    hazards = hazard_counts(scope)
    return {
        "inspections": inspections["n"],
        "inspector_person_times": plain(inspections["person_times"]),
        "hazards_found": hazards["found"],
        "hazards_rectified": hazards["rectified"],
        "hazards_open": hazards["found"] - hazards["rectified"],
        "hazards_overdue": hazards["overdue"],
        "rectification_rate": ratio(hazards["rectified"], hazards["found"]),
    }


def rectified_by(end) -> Q:
    """Rectified as of ``end``: a done status, and done on or before ``end``."""
    return Q(status__in=DONE_STATUSES, rectified_on__lte=end)


def hazard_counts(scope) -> dict:
    """Hazards found in the period (the date of their inspection), rectified and overdue at its end."""
    rectified = rectified_by(scope.end)
    # Not rectified by the end, whatever the reason (still open, or done only after the end).
    overdue = Q(deadline__lt=scope.end) & ~rectified
    # For one town, naming the inspection's town too lets PostgreSQL read that town's inspections
    # by index instead of every inspection of the year; a county reads them all anyway.
    same_town = Q() if scope.is_county else scope.in_unit("inspection__")
    return (
        scope.records(Hazard)
        .filter(same_town, inspection__inspected_on__range=scope.in_period)
        .aggregate(
            found=Count("pk"),
            rectified=Count("pk", filter=rectified),
            overdue=Count("pk", filter=overdue),
        )
    )
