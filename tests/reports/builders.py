"""Records with exactly the dates and states a counting-rule test needs, placed at an org unit.

Saved with ``save()`` (no services): these tests are about what the report counts, not about how
records get written.
"""

import datetime as dt
import itertools
from decimal import Decimal

from tests.factories import fake_id_number
from xiangzhi.care.models import Household, Matter, Problem, ProblemStatus, Visit
from xiangzhi.core.models import system_user
from xiangzhi.core.pii.fields import fill_companions
from xiangzhi.economy.models import CollectiveIncome, Indicator
from xiangzhi.economy.periods import period_bounds
from xiangzhi.environment.models import Cleanup, Courtyard
from xiangzhi.events.models import Event
from xiangzhi.points.models import PointEntry
from xiangzhi.projects.models import Project
from xiangzhi.reports.period import Period
from xiangzhi.reports.scope import ReportScope
from xiangzhi.reports.selectors import build_report
from xiangzhi.safety.models import Hazard, HazardStatus, Inspection, Premises
from xiangzhi.security.models import Camera, CameraStatus, Dispute, PatrolTeam
from xiangzhi.stars.models import StarPlan, StarResult, StarTarget

_serial = itertools.count(1)
D = dt.date


def report(unit, year: int | None = 2023, *, start=None, end=None, user=None) -> dict:
    period = Period(start, end) if start else Period.of_year(year)
    return build_report(ReportScope(unit, period, user or system_user()))


def _save(record, org):
    record.org = org
    record.town = org.unit_at_level("town")
    record.save()
    return record


def _no(prefix: str) -> str:
    return f"{prefix}{next(_serial):05d}"


def household(org, enrolled, exited=None, size=3) -> Household:
    record = Household(
        household_no=_no("H"),
        head_name="测试户主",
        head_id_number=fake_id_number(),
        size=size,
        categories=["低保户"],
        enrolled_on=enrolled,
        exited_on=exited,
    )
    fill_companions(record, "head_id_number")
    return _save(record, org)


def visit(home: Household, day) -> Visit:
    return _save(Visit(household=home, visited_on=day, visitor=_no("走访人")), home.org)


def problem(org, raised, status=ProblemStatus.OPEN, resolved=None) -> Problem:
    record = Problem(
        problem_no=_no("P"), raised_on=raised, description="困难", status=status, resolved_on=resolved
    )
    return _save(record, org)


def matter(org, completed) -> Matter:
    return _save(Matter(matter_no=_no("M"), name="实事", completed_on=completed), org)


def inspection(org, day, person_times=5) -> Inspection:
    site = _save(Premises(premises_no=_no("CS"), name="场所", kind="企业"), org)
    record = Inspection(inspection_no=_no("PC"), premises=site, inspected_on=day, person_times=person_times)
    return _save(record, org)


def hazard(found: Inspection, status=HazardStatus.PENDING, rectified=None, deadline=None) -> Hazard:
    record = Hazard(
        hazard_no=_no("YH"),
        inspection=found,
        category="燃气安全",
        description="隐患",
        deadline=deadline or found.inspected_on + dt.timedelta(days=7),
        status=status,
        rectified_on=rectified,
    )
    return _save(record, found.org)


def camera(org, installed=None, status=CameraStatus.WORKING) -> Camera:
    return _save(Camera(camera_no=_no("SX"), location="路口", installed_on=installed, status=status), org)


def patrol(org, founded=None, members=8) -> PatrolTeam:
    record = PatrolTeam(team_no=_no("XL"), name="巡逻队", members_count=members, founded_on=founded)
    return _save(record, org)


def dispute(org, registered, status="调处中", resolved=None) -> Dispute:
    record = Dispute(
        dispute_no=_no("JF"), registered_on=registered, summary="纠纷", status=status, resolved_on=resolved
    )
    return _save(record, org)


def courtyard(org, year, rating="五美庭院") -> Courtyard:
    return _save(Courtyard(courtyard_no=_no("TY"), owner_name="户主", year=year, rating=rating), org)


def cleanup(org, day, kind="建筑垃圾", m3="10") -> Cleanup:
    return _save(Cleanup(record_no=_no("ZZ"), cleaned_on=day, kind=kind, volume_m3=Decimal(m3)), org)


def project(
    org, kind="村道大修", status="已完工", completed=None, length=None, wan=None, started=None
) -> Project:
    record = Project(
        project_no=_no("XM"),
        name="项目",
        kind=kind,
        status=status,
        started_on=started,
        completed_on=completed,
        length_m=length,
        investment_wan=wan,
    )
    return _save(record, org)


def event(org, kind, day, participants=None, materials=None) -> Event:
    record = Event(
        event_no=_no("HD"),
        kind=kind,
        title="活动",
        held_on=day,
        participants=participants,
        materials=materials,
    )
    return _save(record, org)


def points(org, name, day, value=5) -> PointEntry:
    record = PointEntry(
        record_no=_no("JF"), person_name=name, identity="群众", entry_date=day, item="志愿服务", points=value
    )
    return _save(record, org)


def income(village, year, wan) -> CollectiveIncome:
    return _save(CollectiveIncome(year=year, income_wan=Decimal(wan)), village)


def indicator(town, name, period, value, unit="万元") -> Indicator:
    starts_on, ends_on = period_bounds(period)
    record = Indicator(
        name=name, period=period, value=Decimal(value), unit=unit, starts_on=starts_on, ends_on=ends_on
    )
    return _save(record, town)


def target(town, year, five=1, four=3, share="0.67") -> StarTarget:
    record = StarTarget(year=year, five_star=five, four_star=four, three_plus_share=Decimal(share))
    return _save(record, town)


def plan(village, year, stars) -> StarPlan:
    return _save(StarPlan(year=year, stars=list(stars), level=len(set(stars))), village)


def result(village, year, stars) -> StarResult:
    return _save(StarResult(year=year, stars=list(stars), level=len(set(stars))), village)
