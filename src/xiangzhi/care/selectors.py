"""Reads of the care ledgers: a household's file, and who has not been visited this month."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef

from xiangzhi.care.models import Household, Member, Problem, Visit
from xiangzhi.core.ledgers.orgdir import OrgDirectory


def household_detail_context(household: Household, request) -> dict:
    return {
        "members": Member.objects.visible_to(request.user).filter(household=household),
        "visits": Visit.objects.visible_to(request.user).filter(household=household)[:24],
        "problems": Problem.objects.visible_to(request.user).filter(household=household),
    }


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def in_register_on(households, day: dt.date):
    """Households in the register on ``day`` (纳入日期 ≤ day, not exited by then)."""
    return households.filter(enrolled_on__lte=day).exclude(exited_on__lte=day)


def unvisited_in_month(households, month_day: dt.date):
    """In-register households with no visit in the month of ``month_day`` (每月走访)."""
    first, last = month_bounds(month_day)
    visited = Visit.objects.filter(household=OuterRef("pk"), visited_on__range=(first, last))
    return in_register_on(households, last).exclude(Exists(visited))


@dataclass
class CoverageRow:
    name: str
    households: int
    unvisited: int

    @property
    def visited(self) -> int:
        return self.households - self.unvisited


def coverage_by_village(households, month_day: dt.date, root) -> list[CoverageRow]:
    """Per village: households in register and how many are not yet visited this month."""
    _, last = month_bounds(month_day)
    totals = _count_by_org(in_register_on(households, last))
    missing = _count_by_org(unvisited_in_month(households, month_day))
    orgs = OrgDirectory(root)
    rows: dict[str, CoverageRow] = {}
    for org_id, count in totals.items():
        name = orgs.village(org_id) or orgs.name(org_id)
        row = rows.setdefault(name, CoverageRow(name, 0, 0))
        row.households += count
        row.unvisited += missing.get(org_id, 0)
    return sorted(rows.values(), key=lambda r: r.name)


def coverage_by_helper(households, month_day: dt.date) -> list[CoverageRow]:
    _, last = month_bounds(month_day)
    totals = _count_by(in_register_on(households, last), "helper")
    missing = _count_by(unvisited_in_month(households, month_day), "helper")
    return [CoverageRow(name or "（未指定）", n, missing.get(name, 0)) for name, n in sorted(totals.items())]


def _count_by_org(queryset) -> dict[int, int]:
    return _count_by(queryset, "org_id")


def _count_by(queryset, field: str) -> dict:
    rows = queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
    return dict(rows)
