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
        "不能直接录入或导入"
    )
