"""五星支部创建: the town's targets, the villages' plans and results of the year, by level and star."""

from django.db.models import Avg, Count, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.reports.selectors.numbers import plain
from xiangzhi.stars.choices import StarName
from xiangzhi.stars.models import StarPlan, StarResult, StarTarget

LEVELS = range(6)


def stars_section(scope, *, review_meetings: int) -> dict:
    """``review_meetings`` comes from the events section: the 讲评会 of the period (one count)."""
    return {
        "targets": _targets(scope),
        "planned": star_counts(scope.records(StarPlan).filter(year=scope.period.year)),
        "awarded": star_counts(scope.records(StarResult).filter(year=scope.period.year)),
        "review_meetings": review_meetings,
    }


def star_counts(records) -> dict:
    """Villages by level ("0"–"5", always all six) and by star (only the stars that occur).

    One grouped query: per level, how many villages and how many of them hold each star.
    """
    per_star = {f"s{i}": Count("pk", filter=Q(stars__contains=star)) for i, star in enumerate(StarName)}
    rows = records.order_by().values("level").annotate(n=Count("pk"), **per_star)
    by_level = {str(level): 0 for level in LEVELS}
    by_star = dict.fromkeys(StarName.values, 0)
    for row in rows:
        if str(row["level"]) in by_level:
            by_level[str(row["level"])] += row["n"]
        for i, star in enumerate(StarName.values):
            by_star[star] += row[f"s{i}"]
    return {"by_level": by_level, "by_star": {star: n for star, n in by_star.items() if n}}


def _targets(scope) -> dict:
    """The year's targets. For a county, counts add up and the share is weighted by villages."""
    targets = scope.records(StarTarget).filter(year=scope.period.year)
    if not scope.is_county:
        # One target per town and year (a unique constraint): nothing to weigh.
        row = targets.values_list("five_star", "four_star", "three_plus_share").first() or (0, 0, 0)
        return _target_dict(*row)
    villages = (
        OrgUnit.objects.active()
        .filter(level=OrgLevel.VILLAGE, path__startswith=OuterRef("town__path"))
        .order_by()
        .values("depth")
        .annotate(n=Count("pk"))
        .values("n")
    )
    totals = targets.annotate(
        villages=Coalesce(Subquery(villages, output_field=IntegerField()), 0)
    ).aggregate(
        five=Sum("five_star"),
        four=Sum("four_star"),
        weighted=Sum(F("three_plus_share") * F("villages")),
        covered=Sum("villages"),
        mean=Avg("three_plus_share"),
    )
    share = totals["weighted"] / totals["covered"] if totals["covered"] else totals["mean"]
    return _target_dict(totals["five"], totals["four"], share)


def _target_dict(five, four, share) -> dict:
    return {
        "five_star": plain(five),
        "four_star": plain(four),
        "three_star_or_above_share": round(float(share or 0), 4),
    }
