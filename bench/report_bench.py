"""How long the work report takes on a county-sized database, next to its slowest single query.

Not a test (pytest does not collect it). Builds a county of 20 towns × 20 villages with one year
(2023) of ledgers at a realistic density, in a temporary SQLite data directory, then times:

- the town report and the county report (``build_report``, median of several runs);
- each aggregate of those reports (a report runs them all as one statement) on its own through a
  raw cursor: the slowest one is the floor, the time the database needs for the largest aggregate
  whatever the Python around it does.

Target: the town report within 3 × its floor. Run from the repository root::

    .venv/bin/python bench/report_bench.py
    .venv/bin/python bench/report_bench.py --database-url postgres://postgres@127.0.0.1:5432/xz_bench

With --database-url the database must be empty (it is migrated and filled, not dropped after).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal

SIZES = {
    "households": 250,
    "premises": 300,
    "inspections": 1000,
    "hazards": 380,
    "problems": 60,
    "matters": 12,
    "cameras": 60,
    "patrols": 20,
    "disputes": 25,
    "courtyards": 320,
    "cleanups": 150,
    "projects": 40,
    "events": 120,
    "points": 600,
}
YEAR = 2023


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--database-url", help="PostgreSQL URL of an empty database (default: temporary SQLite)"
    )
    parser.add_argument("--towns", type=int, default=20)
    parser.add_argument("--villages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=7)
    return parser.parse_args()


def _setup(args) -> None:
    os.environ["XIANGZHI_DATA_DIR"] = tempfile.mkdtemp(prefix="xiangzhi-report-bench-")
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xiangzhi.settings")
    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- the county -------------------------------------------------------------------------------


def build_orgs(towns: int, villages: int):
    """County → towns → villages, written in bulk with treebeard's paths (add_child is one by one)."""
    from xiangzhi.core.models import OrgLevel, OrgUnit

    if OrgUnit.objects.filter(code="419901").exists():
        raise SystemExit("the database already holds the benchmark county: use an empty database")
    county = OrgUnit.objects.add_root(dict(code="419901", name="基准区", level=OrgLevel.COUNTY))
    town_units, village_units = [], []
    for t in range(towns):
        town = OrgUnit(
            code=f"419901{t + 100:03d}",
            name=f"基准{t + 1}镇",
            level=OrgLevel.TOWN,
            path=OrgUnit._get_path(county.path, 2, t + 1),
            depth=2,
            numchild=villages,
        )
        town_units.append(town)
        for v in range(villages):
            village_units.append(
                OrgUnit(
                    code=f"{town.code}{v + 200:03d}",
                    name=f"{town.name}{v + 1}村",
                    level=OrgLevel.VILLAGE,
                    path=OrgUnit._get_path(town.path, 3, v + 1),
                    depth=3,
                    numchild=0,
                )
            )
    OrgUnit.objects.bulk_create(town_units)
    OrgUnit.objects.bulk_create(village_units, batch_size=500)
    OrgUnit.objects.filter(pk=county.pk).update(numchild=towns)
    county.refresh_from_db()
    towns_by_path = {u.path: u for u in OrgUnit.objects.filter(depth=2)}
    villages_of = {}
    for village in OrgUnit.objects.filter(depth=3).order_by("path"):
        villages_of.setdefault(village.path[: 2 * OrgUnit.steplen], []).append(village)
    return county, [(towns_by_path[p], villages_of[p]) for p in sorted(towns_by_path)]


def _day(rng: random.Random) -> dt.date:
    return dt.date(YEAR, 1, 1) + dt.timedelta(days=rng.randrange(365))


def _in(rows: list, model) -> None:
    model.objects.bulk_create(rows, batch_size=1000)


def fill_town(town, villages, rng: random.Random, serial: int) -> None:
    """One year of every ledger in one town (plain bulk_create: history does not change reports)."""
    _care(town, villages, rng, serial)
    _safety(town, villages, rng)
    _security(town, villages, rng)
    _others(town, villages, rng)


def _care(town, villages, rng, serial) -> None:
    from xiangzhi.care.models import Household, Visit
    from xiangzhi.core.pii.fields import fill_companions

    homes = []
    for index in range(SIZES["households"]):
        enrolled = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(1400))
        home = Household(
            org=villages[index % len(villages)],
            town=town,
            household_no=f"H{index:05d}",
            head_name="户主",
            head_id_number=_id_number(serial * 1000 + index),
            size=rng.randint(1, 5),
            categories=["低保户"],
            enrolled_on=enrolled,
            exited_on=enrolled + dt.timedelta(days=300) if rng.random() < 0.1 else None,
        )
        fill_companions(home, "head_id_number")
        homes.append(home)
    _in(homes, Household)
    visits = [
        Visit(household=h, org=h.org, town=town, visited_on=dt.date(YEAR, m, 1 + i % 28), visitor="网格员")
        for i, h in enumerate(homes)
        for m in range(1, 13)
    ]
    _in(visits, Visit)
    _care_flows(town, villages, rng)


def _care_flows(town, villages, rng) -> None:
    from xiangzhi.care.models import Matter, Problem

    problems = []
    for index in range(SIZES["problems"]):
        raised = _day(rng)
        done = index % 6 != 0
        problems.append(
            Problem(
                org=villages[index % len(villages)],
                town=town,
                problem_no=f"P{index}",
                raised_on=raised,
                description="困难",
                status="已解决" if done else "办理中",
                resolved_on=raised + dt.timedelta(days=10) if done else None,
            )
        )
    _in(problems, Problem)
    _in(
        [
            Matter(org=town, town=town, matter_no=f"M{i}", name="实事", completed_on=_day(rng))
            for i in range(12)
        ],
        Matter,
    )


def _id_number(serial: int) -> str:
    from stdnum.cn.ric import calc_check_digit

    born = dt.date(1940, 1, 1) + dt.timedelta(days=serial // 900)
    body = f"410802{born:%Y%m%d}{serial % 900 + 100:03d}"
    return body + calc_check_digit(body + "0")


def _safety(town, villages, rng) -> None:
    from xiangzhi.safety.models import Hazard, Inspection, Premises

    sites = [
        Premises(
            org=villages[i % len(villages)], town=town, premises_no=f"CS{i}", name="场所", kind="九小场所"
        )
        for i in range(SIZES["premises"])
    ]
    _in(sites, Premises)
    rounds = [
        Inspection(
            premises=sites[i % len(sites)],
            org=sites[i % len(sites)].org,
            town=town,
            inspection_no=f"PC{i}",
            inspected_on=_day(rng),
            person_times=rng.randint(2, 8),
        )
        for i in range(SIZES["inspections"])
    ]
    _in(rounds, Inspection)
    hazards = []
    for index in range(SIZES["hazards"]):
        found = rounds[rng.randrange(len(rounds))]
        done = rng.random() < 0.9
        hazards.append(
            Hazard(
                inspection=found,
                org=found.org,
                town=town,
                hazard_no=f"YH{index}",
                category="燃气安全",
                description="隐患",
                deadline=found.inspected_on + dt.timedelta(days=7),
                status="已销号" if done else "整改中",
                rectified_on=found.inspected_on + dt.timedelta(days=rng.randint(1, 20)) if done else None,
            )
        )
    _in(hazards, Hazard)


def _security(town, villages, rng) -> None:
    from xiangzhi.security.models import Camera, Dispute, PatrolTeam

    pick = lambda i: villages[i % len(villages)]  # noqa: E731
    _in([Camera(org=pick(i), town=town, camera_no=f"SX{i}", location="路口") for i in range(60)], Camera)
    _in(
        [
            PatrolTeam(org=pick(i), town=town, team_no=f"XL{i}", name="巡逻队", members_count=8)
            for i in range(20)
        ],
        PatrolTeam,
    )
    disputes = []
    for index in range(SIZES["disputes"]):
        registered = _day(rng)
        disputes.append(
            Dispute(
                org=pick(index),
                town=town,
                dispute_no=f"JF{index}",
                registered_on=registered,
                summary="纠纷",
                status="已化解",
                resolved_on=registered + dt.timedelta(days=5),
            )
        )
    _in(disputes, Dispute)


def _others(town, villages, rng) -> None:
    from xiangzhi.environment.models import Cleanup, Courtyard
    from xiangzhi.events.models import Event
    from xiangzhi.points.models import PointEntry
    from xiangzhi.projects.models import Project

    def at(i: int) -> dict:
        return {"org": villages[i % len(villages)], "town": town}

    ratings, kinds = ["五美庭院", "美丽庭院", "未达标"], ["建筑垃圾", "生活垃圾"]
    courtyards = [
        Courtyard(**at(i), courtyard_no=f"TY{i}", owner_name="户主", year=YEAR, rating=ratings[i % 3])
        for i in range(SIZES["courtyards"])
    ]
    _in(courtyards, Courtyard)
    cleanups = [
        Cleanup(
            **at(i),
            record_no=f"ZZ{i}",
            cleaned_on=_day(rng),
            kind=kinds[i % 2],
            volume_m3=rng.randint(50, 300),
        )
        for i in range(SIZES["cleanups"])
    ]
    _in(cleanups, Cleanup)
    project_kinds = ["村道大修", "背街小巷硬化", "污水管网", "排水沟疏通"]
    projects = [
        Project(**at(i), project_no=f"XM{i}", name="项目", kind=project_kinds[i % 4], length_m=500,
                investment_wan=20, status="已完工" if i % 3 else "在建",
                completed_on=_day(rng) if i % 3 else None)
        for i in range(SIZES["projects"])
    ]  # fmt: skip
    _in(projects, Project)
    event_kinds = ["专题大讲堂", "宣讲会", "讲评会", "志愿服务", "宣传活动", "安全演练", "安全宣讲"]
    events = [
        Event(**at(i), event_no=f"HD{i}", kind=event_kinds[i % 7], title="活动", held_on=_day(rng),
              participants=50, materials=100)
        for i in range(SIZES["events"])
    ]  # fmt: skip
    _in(events, Event)
    entries = [
        PointEntry(**at(i), record_no=f"JF{i}", person_name=f"人{i % 150}", identity="群众",
                   entry_date=_day(rng), item="志愿服务", points=5)
        for i in range(SIZES["points"])
    ]  # fmt: skip
    _in(entries, PointEntry)
    _yearly(town, villages, rng)


def _yearly(town, villages, rng) -> None:
    from xiangzhi.economy.models import CollectiveIncome, Indicator
    from xiangzhi.economy.periods import period_bounds
    from xiangzhi.stars.models import StarPlan, StarTarget

    incomes = [CollectiveIncome(org=v, town=town, year=YEAR, income_wan=rng.randint(3, 15)) for v in villages]
    _in(incomes, CollectiveIncome)
    indicators = []
    for quarter in range(1, 5):
        code = f"{YEAR}Q{quarter}"
        first, last = period_bounds(code)
        indicators.append(
            Indicator(org=town, town=town, name="规模以上工业增加值", period=code, value=700, unit="万元",
                      starts_on=first, ends_on=last)
        )  # fmt: skip
    _in(indicators, Indicator)
    target = StarTarget(
        org=town, town=town, year=YEAR, five_star=1, four_star=3, three_plus_share=Decimal("0.67")
    )
    _in([target], StarTarget)
    _in(
        [
            StarPlan(org=v, town=town, year=YEAR, stars=["产业兴旺星", "生态宜居星"], level=2)
            for v in villages
        ],
        StarPlan,
    )


# --- timing -------------------------------------------------------------------------------------


def _median(run, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def time_report(unit, runs: int, user=None) -> tuple[float, int, list[tuple[str, list]]]:
    """The report's median time, its number of queries, and each of its aggregates on its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xiangzhi.core.models import system_user
    from xiangzhi.reports.period import Period
    from xiangzhi.reports.scope import ReportScope
    from xiangzhi.reports.selectors import build_report, report_statement

    scope = ReportScope(unit, Period.of_year(YEAR), user or system_user())
    build_report(scope)  # compile the statement and warm the caches, as a running server has them
    with CaptureQueriesContext(connection) as captured:
        build_report(scope)
    aggregates = report_statement(scope).branches(scope.bindings())
    return _median(lambda: build_report(scope), runs), len(captured), aggregates


def raw_timings(aggregates: list[tuple[str, list]], runs: int) -> list[tuple[float, str]]:
    """Each aggregate of the report run on its own through a raw cursor (median of ``runs``)."""
    from django.db import connection

    def run(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    return [(_median(lambda s=sql, p=params: run(s, p), runs), sql) for sql, params in aggregates]


def main() -> None:
    args = _arguments()
    _setup(args)
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic():
        county, towns = build_orgs(args.towns, args.villages)
        rng = random.Random(2023)
        for serial, (town, villages) in enumerate(towns):
            fill_town(town, villages, rng, serial)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    built = time.perf_counter() - started
    print(f"数据库：{connection.vendor}；{args.towns} 个乡镇 × {args.villages} 个村，生成用时 {built:.1f} 秒")
    town = towns[0][0]
    _print("乡镇报告", *time_report(town, args.runs), args.runs)
    _print("县级报告", *time_report(county, args.runs), args.runs)


def _print(label: str, elapsed: float, queries: int, aggregates: list, runs: int) -> None:
    timed = raw_timings(aggregates, runs)
    floor, sql = max(timed)
    separately = sum(t for t, _ in timed)
    print(f"{label}：{elapsed * 1000:.2f} ms，{queries} 条查询，{len(aggregates)} 个聚合")
    print(f"  最慢单个聚合（下限）{floor * 1000:.2f} ms；比值 {elapsed / floor:.2f}（目标 ≤ 3）")
    print(f"  各聚合单独执行合计 {separately * 1000:.2f} ms")
    print(f"  最慢聚合：{sql[:160]}…")


if __name__ == "__main__":
    main()
