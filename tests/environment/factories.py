"""Record factories of the 人居环境 ledgers (see tests/factories.py).

These ledgers have 所属村 and no grid column, so a record made "at a grid" belongs to its village.
"""

import datetime as dt
import itertools
from decimal import Decimal

from xiangzhi.environment.models import Cleanup, CleanupKind, Courtyard, CourtyardRating

_serial = itertools.count(1)


def _at_village(record, org):
    record.org = org.unit_at_level("village")
    record.town = record.org.unit_at_level("town")
    record.save()
    return record


def make_courtyard(org, **overrides) -> Courtyard:
    n = next(_serial)
    values = {
        "courtyard_no": f"TY{n:05d}",
        "owner_name": f"户主{n}",
        "year": 2023,
        "rating": CourtyardRating.FIVE_BEAUTIES,
    }
    return _at_village(Courtyard(**{**values, **overrides}), org)


def make_cleanup(org, **overrides) -> Cleanup:
    n = next(_serial)
    values = {
        "record_no": f"ZZ{n:05d}",
        "cleaned_on": dt.date(2023, 5, 12),
        "kind": CleanupKind.CONSTRUCTION,
        "volume_m3": Decimal("120.5"),
    }
    return _at_village(Cleanup(**{**values, **overrides}), org)


FACTORIES = {"courtyards": make_courtyard, "cleanups": make_cleanup}
