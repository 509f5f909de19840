"""One record factory per ledger: a valid record placed at a grid of the test world.

The permission matrix and the generic ledger tests use these; a ledger without a factory fails
``test_every_ledger_has_a_factory``.
"""

import datetime as dt
import itertools

from xiangzhi.care.models import Household, Matter, Member, Problem, Visit
from xiangzhi.core.pii.fields import fill_companions

_serial = itertools.count(1)


def fake_id_number(birth: str = "19800101", area: str = "410802") -> str:
    """A fictitious 18-digit ID number with a valid GB 11643 check digit."""
    body = f"{area}{birth}{next(_serial) % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
    return body + "10X98765432"[total % 11]


def _town(org):
    return org.unit_at_level("town")


def _save(record, org):
    record.org = org
    record.town = _town(org)
    record.save()
    return record


def make_household(org, **overrides) -> Household:
    n = next(_serial)
    values = {
        "household_no": f"H{n:05d}",
        "head_name": f"测试户主{n}",
        "head_id_number": fake_id_number(),
        "size": 3,
        "categories": ["低保户"],
        "helper": "帮扶人甲",
        "enrolled_on": dt.date(2023, 1, 5),
    }
    household = Household(**{**values, **overrides})
    fill_companions(household, "head_id_number")
    return _save(household, org)


def make_member(org) -> Member:
    household = make_household(org)
    member = Member(household=household, name="成员", id_number=fake_id_number("20100101"), relation="子女")
    fill_companions(member, "id_number")
    return _save(member, org)


def make_visit(org) -> Visit:
    return _save(Visit(household=make_household(org), visited_on=dt.date(2023, 7, 14), visitor="李四"), org)


def make_problem(org) -> Problem:
    n = next(_serial)
    return _save(Problem(problem_no=f"P{n}", raised_on=dt.date(2023, 3, 1), description="房屋漏雨"), org)


def make_matter(org) -> Matter:
    n = next(_serial)
    return _save(Matter(matter_no=f"M{n}", name="修缮排水沟", completed_on=dt.date(2023, 6, 30)), org)


RECORD_FACTORIES = {
    "households": make_household,
    "members": make_member,
    "visits": make_visit,
    "problems": make_problem,
    "matters": make_matter,
}


def _collect_app_factories() -> None:
    """Each domain app's tests/<app>/factories.py declares FACTORIES for its own ledgers."""
    from importlib import import_module

    for app in ("safety", "security", "environment", "projects", "events", "points", "economy", "stars"):
        RECORD_FACTORIES.update(import_module(f"tests.{app}.factories").FACTORIES)


_collect_app_factories()
