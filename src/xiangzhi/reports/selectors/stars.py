"""五星支部创建: the town's targets, the villages' plans and results of the year, by level and star."""

from django.db.models import Avg, Count, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.reports.statement import Figures
from xiangzhi.stars.choices import StarName
from xiangzhi.stars.models import StarPlan, StarResult, StarTarget

LEVELS = range(6)


def stars_figures(scope) -> dict[str, Figures]:
    return {
        "stars.targets": _target_figures(scope),
        "stars.planned": _star_figures(scope.records(StarPlan).filter(year=scope.year)),
        "stars.awarded": _star_figures(scope.records(StarResult).filter(year=scope.year)),
    }


def stars_section(rows, *, review_meetings: int) -> dict:
    """``review_meetings`` comes from the events section: the 讲评会 of the period (one count)."""
    return {
        "targets": _targets(rows.one("stars.targets")),
        "planned": _star_counts(rows["stars.planned"]),
        "awarded": _star_counts(rows["stars.awarded"]),
        "review_meetings": review_meetings,
    }


def _star_figures(records) -> Figures:
    """Per level: how many villages, and how many of them hold each star."""
    per_star = {star: Count("pk", filter=Q(stars__contains=star)) for star in StarName.values}
    return Figures(records, {"n": Count("pk"), **per_star}, keys=("level",))


def _star_counts(rows: list[dict]) -> dict:
    """Villages by level ("0"–"5", always all six) and by star (only the stars that occur)."""
    by_level = {str(level): 0 for level in LEVELS}
    by_star = dict.fromkeys(StarName.values, 0)
    for row in rows:
        if row["level"] in by_level:
            by_level[row["level"]] += row["n"]
        for star in StarName.values:
            by_star[star] += row[star]
    return {"by_level": by_level, "by_star": {star: n for star, n in by_star.items() if n}}


def _target_figures(scope) -> Figures:
    """The year's targets. For a county counts add up and the share is weighted by villages."""
    targets = scope.records(StarTarget).filter(year=scope.year)
    if not scope.is_county:
        # One target per town and year (a unique constraint): its share as set, nothing to weigh.
        weighing = {"weighted": Sum("three_plus_share"), "covered": Count("pk")}
        return Figures(targets, {"five": Sum("five_star"), "four": Sum("four_star"), **weighing})
    villages = (
        OrgUnit.objects.active()
        .filter(OrgUnit.children_of(OuterRef("town__path")), level=OrgLevel.VILLAGE)
        .order_by()
        .values("depth")
        .annotate(n=Count("pk"))
        .values("n")
    )
    targets = targets.annotate(villages=Coalesce(Subquery(villages, output_field=IntegerField()), 0))
    weighing = {
        "weighted": Sum(F("three_plus_share") * F("villages")),
        "covered": Sum("villages"),
        # Towns without villages yet: the plain mean of their shares.
        "mean": Avg("three_plus_share"),
    }
    return Figures(targets, {"five": Sum("five_star"), "four": Sum("four_star"), **weighing})


def _targets(totals: dict) -> dict:
    share = totals["weighted"] / totals["covered"] if totals["covered"] else totals.get("mean", 0)
    return {
        "five_star": totals["five"],
        "four_star": totals["four"],
        "three_star_or_above_share": round(float(share or 0), 4),
    }
