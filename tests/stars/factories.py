"""Record factories of this app's ledgers for the permission matrix (see tests/factories.py).

Targets belong to the town, plans and results to the village of the location given.
"""

import itertools
from decimal import Decimal

from xiangzhi.stars.models import StarPlan, StarResult, StarTarget

_years = itertools.count(0)


def _next_year() -> int:
    # Distinct years keep the (village, year) keys unique when a test makes several records.
    return 2000 + next(_years) % 100


def _place(record, org):
    record.org = org
    record.town = org.unit_at_level("town")
    record.full_clean()
    record.save()
    return record


def make_star_target(org, **overrides) -> StarTarget:
    fields = {"year": _next_year(), "five_star": 1, "four_star": 3, "three_plus_share": Decimal("0.67")}
    fields.update(overrides)
    return _place(StarTarget(**fields), org.unit_at_level("town"))


def make_star_plan(org, **overrides) -> StarPlan:
    fields = {"year": _next_year(), "stars": ["产业兴旺星", "生态宜居星", "文明幸福星"]}
    fields.update(overrides)
    return _place(StarPlan(**fields), org.unit_at_level("village"))


def make_star_result(org, **overrides) -> StarResult:
    """A stored result; in a year of the platform's cycle, as 定星 would have written it."""
    fields = {"year": _next_year(), "stars": ["生态宜居星"], "rated_on": None}
    fields.update(overrides)
    result = StarResult(**fields)
    result.from_cycle = True
    return _place(result, org.unit_at_level("village"))


FACTORIES: dict = {
    "star_targets": make_star_target,
    "star_plans": make_star_plan,
    "star_results": make_star_result,
}
