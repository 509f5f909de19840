"""Record factories of this app's ledgers for the permission matrix (see tests/factories.py)."""

import itertools
from decimal import Decimal

from xiangzhi.core.models import OrgLevel
from xiangzhi.economy.models import CollectiveIncome, Indicator
from xiangzhi.economy.periods import period_bounds

_serial = itertools.count(1)


def make_income(org, **overrides) -> CollectiveIncome:
    """The collective income of the village of ``org`` for a year of its own (key 所属村+年度)."""
    village = org.unit_at_level(OrgLevel.VILLAGE)
    fields = {
        "year": 1949 + next(_serial) % 150,
        "income_wan": Decimal("12.5"),
        "main_source": "土地流转",
        **overrides,
    }
    return CollectiveIncome.objects.create(org=village, town=village.unit_at_level(OrgLevel.TOWN), **fields)


def make_indicator(org, **overrides) -> Indicator:
    """A town indicator (indicators belong to the town of ``org``)."""
    town = org.unit_at_level(OrgLevel.TOWN)
    fields = {
        "name": f"规模以上工业增加值{next(_serial)}",
        "period": "2023Q1",
        "value": Decimal("726"),
        "unit": "万元",
        **overrides,
    }
    start, end = period_bounds(fields["period"])
    return Indicator.objects.create(org=town, town=town, starts_on=start, ends_on=end, **fields)


FACTORIES = {"collective_income": make_income, "indicators": make_indicator}
