"""Record factories of the 平安建设 ledgers (see tests/factories.py).

These ledgers have 所属村 and no grid column, so a record made "at a grid" belongs to its village.
"""

import datetime as dt
import itertools

from xiangzhi.security.models import Camera, Dispute, PatrolTeam

_serial = itertools.count(1)


def _at_village(record, org):
    record.org = org.unit_at_level("village")
    record.town = record.org.unit_at_level("town")
    record.save()
    return record


def make_camera(org, **overrides) -> Camera:
    n = next(_serial)
    values = {"camera_no": f"JK{n:05d}", "location": f"路口{n}", "installed_on": dt.date(2022, 5, 10)}
    return _at_village(Camera(**{**values, **overrides}), org)


def make_patrol(org, **overrides) -> PatrolTeam:
    n = next(_serial)
    values = {"team_no": f"XL{n:05d}", "name": f"夜间巡逻队{n}", "members_count": 8}
    return _at_village(PatrolTeam(**{**values, **overrides}), org)


def make_dispute(org, **overrides) -> Dispute:
    n = next(_serial)
    values = {"dispute_no": f"JF{n:05d}", "registered_on": dt.date(2023, 4, 3), "summary": "宅基地边界争议"}
    return _at_village(Dispute(**{**values, **overrides}), org)


FACTORIES = {"cameras": make_camera, "patrols": make_patrol, "disputes": make_dispute}
