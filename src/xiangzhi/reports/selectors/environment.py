"""人居环境: the year's courtyard ratings and the period's clean-up volumes, by category."""

from django.db.models import Count, Sum

from xiangzhi.environment.models import Cleanup, CleanupKind, Courtyard, CourtyardRating
from xiangzhi.reports.selectors.numbers import plain


def environment_section(scope) -> dict:
    courtyards = dict(
        scope.records(Courtyard)
        .filter(year=scope.period.year)
        .order_by()
        .values("rating")
        .annotate(n=Count("pk"))
        .values_list("rating", "n")
    )
    volumes = dict(
        scope.records(Cleanup)
        .filter(cleaned_on__range=scope.in_period)
        .order_by()
        .values("kind")
        .annotate(m3=Sum("volume_m3"))
        .values_list("kind", "m3")
    )
    return {
        "courtyards": _in_order(courtyards, CourtyardRating.values),
        "cleanup_m3": {kind: plain(m3) for kind, m3 in _in_order(volumes, CleanupKind.values).items()},
    }


def _in_order(counts: dict, order: list[str]) -> dict:
    """Only the categories that occur, in the order of their choice list (then any others)."""
    known = [key for key in order if key in counts]
    return {key: counts[key] for key in known + sorted(set(counts) - set(known))}
