"""人居环境: the year's courtyard ratings and the period's clean-up volumes, by category."""

from django.db.models import Count, Sum

from xiangzhi.environment.models import Cleanup, CleanupKind, Courtyard, CourtyardRating
from xiangzhi.reports.statement import Figures


def environment_figures(scope) -> dict[str, Figures]:
    return {
        "environment.courtyards": Figures(
            scope.records(Courtyard).filter(year=scope.year), {"n": Count("pk")}, keys=("rating",)
        ),
        "environment.cleanups": Figures(
            scope.records(Cleanup).filter(cleaned_on__range=scope.in_period),
            {"m3": Sum("volume_m3")},
            keys=("kind",),
        ),
    }


def environment_section(rows) -> dict:
    courtyards = {row["rating"]: row["n"] for row in rows["environment.courtyards"]}
    volumes = {row["kind"]: row["m3"] for row in rows["environment.cleanups"]}
    return {
        "courtyards": in_order(courtyards, CourtyardRating.values),
        "cleanup_m3": in_order(volumes, CleanupKind.values),
    }


def in_order(counts: dict, order: list[str]) -> dict:
    """Only the categories that occur, in the order of their choice list (then any others)."""
    known = [key for key in order if key in counts]
    return {key: counts[key] for key in known + sorted(set(counts) - set(known))}
