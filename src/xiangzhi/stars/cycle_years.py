"""Which years of a village's stars run in the platform, and so come from 定星 alone.

A year runs in the platform for a village when a star standard is in force for it that year
(issued for its town, its county or above, or for every unit — ``StandardQuerySet.in_force``):
only then can the village apply and be reviewed, published and awarded here. The 评星结果 ledger
records the years before that, typed or imported by the county, which determines stars; a result
of a platform year is written only by 定星 and 摘星 (stars/services/outcome.py).
"""

from xiangzhi.core.models import OrgUnit
from xiangzhi.stars.models.standards import StarStandard


def cycle_year_problem(unit: OrgUnit, year: int, years: set[int] | None = None) -> str | None:
    """Why a result of ``unit`` for ``year`` may not be written by hand, or None.

    ``years`` are the unit's platform years when the caller has read them already (an import
    reads them once for its town: a village has no standard of its own, so its town's years are its).
    """
    if years is None:
        years = StarStandard.objects.years_in_force(unit)
    if year not in years:
        return None
    return (
        f"{year}年度已在本平台开展创星评定，评星结果只能经村自评、镇初审、县审核、公示后定星产生，"
        "不能直接录入、导入或删除"
    )


def import_year_problem(ctx, fields: dict, rated_on_given: bool) -> str | None:
    """``cycle_year_problem`` for an imported row, read once per import for its town. A row
    equal to the stored result writes nothing and passes, so an exported file imports again."""
    stored = ctx.cached("star_results_stored", lambda: _stored_results(ctx.town))
    held = stored.get((fields["org"].pk, fields["year"]))
    same_date = held is not None and (not rated_on_given or held[1] == fields["rated_on"])
    if same_date and held[0] == fields["stars"]:
        return None
    years = ctx.cached("star_cycle_years", lambda: StarStandard.objects.years_in_force(ctx.town))
    return cycle_year_problem(ctx.town, fields["year"], years)


def _stored_results(town: OrgUnit) -> dict:
    from xiangzhi.stars.models import StarResult

    rows = StarResult.objects.filter(town=town).values_list("org_id", "year", "stars", "rated_on")
    return {(org_id, year): (stars, rated_on) for org_id, year, stars, rated_on in rows}
