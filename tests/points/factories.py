"""Record factories of this app's ledgers for the permission matrix (see tests/factories.py)."""

import datetime as dt
import itertools

from xiangzhi.core.models import OrgLevel
from xiangzhi.points.models import Identity, PointEntry, PointRule, Redemption

_serial = itertools.count(1)


def _village(org):
    return org.unit_at_level(OrgLevel.VILLAGE)


def make_point_entry(org, **overrides) -> PointEntry:
    """An entry in the village of ``org`` (points are kept per village)."""
    village = _village(org)
    n = next(_serial)
    fields = {
        "record_no": f"JF{n:05d}",
        "person_name": "王五",
        "identity": Identity.RESIDENT,
        "entry_date": dt.date(2023, 5, 20),
        "item": "参加志愿服务",
        "points": 5,
        **overrides,
    }
    return PointEntry.objects.create(org=village, town=village.unit_at_level(OrgLevel.TOWN), **fields)


def make_point_rule(org, **overrides) -> PointRule:
    village = _village(org)
    fields = {"item": f"参加志愿服务{next(_serial)}", "points": 5, **overrides}
    return PointRule.objects.create(org=village, town=village.unit_at_level(OrgLevel.TOWN), **fields)


def make_redemption(org, **overrides) -> Redemption:
    village = _village(org)
    fields = {
        "person_name": "王五",
        "redeemed_on": dt.date(2023, 6, 1),
        "item": "洗衣粉",
        "points_spent": 3,
        **overrides,
    }
    return Redemption.objects.create(org=village, town=village.unit_at_level(OrgLevel.TOWN), **fields)


FACTORIES = {"points": make_point_entry}
