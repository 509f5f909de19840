"""Care records in bulk for the care tests (the factories in tests/factories.py make one at a time)."""

import datetime as dt
import itertools

from tests.ledgers.support import valid_id
from xiangzhi.care.models import Household, Matter, Member, Problem, Visit
from xiangzhi.core.pii.fields import fill_companions

_serial = itertools.count(1)


def households(org, count: int, **overrides) -> list[Household]:
    """``count`` households at ``org`` (a village or grid of the test world), with unique numbers and IDs."""
    town = org.unit_at_level("town")
    made = []
    for _ in range(count):
        n = next(_serial)
        fields = dict(
            household_no=f"B{n:05d}",
            head_name=f"户主{n}",
            head_id_number=valid_id(n % 900 + 100, f"19{50 + n // 900:02d}0101"),
            phone=f"139{n:08d}",
            size=2,
            categories=["低保户"],
            helper="帮扶人甲",
            enrolled_on=dt.date(2023, 1, 5),
        )
        household = Household(org=org, town=town, **{**fields, **overrides})
        fill_companions(household, "head_id_number")
        made.append(household)
    return Household.objects.bulk_create(made)


def members(households_: list[Household]) -> list[Member]:
    made = []
    for household in households_:
        n = next(_serial)
        member = Member(
            household=household,
            org_id=household.org_id,
            town_id=household.town_id,
            name=f"成员{n}",
            id_number=valid_id(n % 900 + 100, f"20{n // 900 % 20:02d}0101"),
            relation="子女",
        )
        fill_companions(member, "id_number")
        made.append(member)
    return Member.objects.bulk_create(made)


def visits(households_: list[Household], day: dt.date, visitor: str = "李四") -> list[Visit]:
    return Visit.objects.bulk_create(
        Visit(household=h, org_id=h.org_id, town_id=h.town_id, visited_on=day, visitor=visitor)
        for h in households_
    )


def problems(households_: list[Household]) -> list[Problem]:
    return Problem.objects.bulk_create(
        Problem(
            problem_no=f"P{next(_serial)}",
            household=h,
            org_id=h.org_id,
            town_id=h.town_id,
            raised_on=dt.date(2023, 3, 1),
            description="房屋漏雨",
        )
        for h in households_
    )


def matters(org, count: int) -> list[Matter]:
    town = org.unit_at_level("town")
    return Matter.objects.bulk_create(
        Matter(
            org=org,
            town=town,
            matter_no=f"M{next(_serial)}",
            name="修缮排水沟",
            completed_on=dt.date(2023, 6, 30),
        )
        for _ in range(count)
    )
