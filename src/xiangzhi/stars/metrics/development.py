"""Metrics of the other stars: collective economy, environment, projects, events, care and points.

Models of other apps are imported inside each function (see public_safety.py for why); values
compared are the CONTRACT §3 cell values, not other apps' enum member names.
"""

import datetime as dt

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth

from xiangzhi.stars.metrics.base import Figure, MetricContext, ledger_link, metric

_FIVE_BEAUTY = "五美庭院"
_VOLUNTEER = "志愿服务"
_LECTURES = ("专题大讲堂", "宣讲会")
_SEWER, _COMPLETED, _BUILDING = "污水管网", "已完工", "在建"
_SOLVED = "已解决"


@metric("collective_income", "村集体经济收入", kind="number", unit="万元", group="集体经济")
def collective_income(ctx: MetricContext):
    from xiangzhi.economy.models import CollectiveIncome

    rows = ctx.group(ctx.records(CollectiveIncome).filter(year=ctx.period.year), total=Sum("income_wan"))
    year = ctx.period.year
    return ctx.numbers(rows, "total", "万元", lambda pk: ledger_link("collective_income", pk, year=year))


@metric("five_beauty_courtyards", "五美庭院", kind="number", unit="户", group="人居环境")
def five_beauty_courtyards(ctx: MetricContext):
    from xiangzhi.environment.models import Courtyard

    rated = ctx.records(Courtyard).filter(year=ctx.period.year, rating=_FIVE_BEAUTY)
    year = ctx.period.year
    return ctx.numbers(
        ctx.group(rated, n=Count("pk")),
        "n",
        "户",
        lambda pk: ledger_link("courtyards", pk, year=year, rating=_FIVE_BEAUTY),
    )


@metric("cleanup_volume", "环境整治清理量", kind="number", unit="立方米", group="人居环境")
def cleanup_volume(ctx: MetricContext):
    from xiangzhi.environment.models import Cleanup

    cleaned = ctx.records(Cleanup).filter(cleaned_on__range=(ctx.period.start, ctx.period.end))
    year = ctx.period.year
    rows = ctx.group(cleaned, total=Sum("volume_m3"))
    return ctx.numbers(rows, "total", "立方米", lambda pk: ledger_link("cleanups", pk, year=year))


@metric("sewer_completed", "污水管网已完工", kind="bool", group="基础设施")
def sewer_completed(ctx: MetricContext):
    from xiangzhi.projects.models import Project

    sewers = ctx.records(Project).filter(kind=_SEWER)
    finished = Q(status=_COMPLETED, completed_on__lte=ctx.period.end)
    rows = ctx.group(
        sewers, done=Count("pk", filter=finished), building=Count("pk", filter=Q(status=_BUILDING))
    )
    figures = {}
    for pk in ctx.villages.pks:
        row = rows.get(pk, {})
        done, building = row.get("done", 0), row.get("building", 0)
        text = "已完工" if done else ("在建" if building else "未开工")
        figures[pk] = Figure(bool(done), text, ledger_link("projects", pk, kind=_SEWER))
    return figures


def _events(ctx: MetricContext, kinds):
    from xiangzhi.events.models import Event

    return ctx.records(Event).filter(kind__in=kinds, held_on__range=(ctx.period.start, ctx.period.end))


@metric("volunteer_events", "志愿服务活动", kind="number", unit="次", group="活动")
def volunteer_events(ctx: MetricContext):
    year = ctx.period.year
    rows = ctx.group(_events(ctx, [_VOLUNTEER]), n=Count("pk"))
    return ctx.numbers(rows, "n", "次", lambda pk: ledger_link("events", pk, kind=_VOLUNTEER, year=year))


@metric("lectures", "专题大讲堂和宣讲会", kind="number", unit="场", group="活动")
def lectures(ctx: MetricContext):
    year = ctx.period.year
    rows = ctx.group(_events(ctx, _LECTURES), n=Count("pk"))
    return ctx.numbers(rows, "n", "场", lambda pk: ledger_link("events", pk, year=year))


def due_months(ctx: MetricContext) -> list[int]:
    """Months of the year already over (all twelve for a past year). In January nothing is over
    yet, and the month under way is what is due."""
    end = ctx.period.end
    last_day = (dt.date(end.year, end.month, 28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    finished = end.month if end == last_day else end.month - 1
    return list(range(1, max(finished, 1) + 1))


@metric("volunteer_every_quarter", "每个季度都开展志愿服务", kind="bool", group="活动")
def volunteer_every_quarter(ctx: MetricContext):
    due = sorted({(month - 1) // 3 + 1 for month in due_months(ctx)})
    held: dict[int, set[int]] = {}
    rows = ctx.villages.group_by(
        _events(ctx, [_VOLUNTEER]), {"month": ExtractMonth("held_on")}, n=Count("pk")
    )
    for pk, row in rows:
        held.setdefault(pk, set()).add((row["month"] - 1) // 3 + 1)
    year = ctx.period.year
    figures = {}
    for pk in ctx.villages.pks:
        covered = len(held.get(pk, set()) & set(due))
        link = ledger_link("events", pk, kind=_VOLUNTEER, year=year)
        figures[pk] = Figure(covered == len(due), f"已开展 {covered}/{len(due)} 个季度", link)
    return figures


@metric("care_visited_monthly", "在册困难家庭每月走访", kind="bool", group="六帮六助")
def care_visited_monthly(ctx: MetricContext):
    from xiangzhi.care.models import Household
    from xiangzhi.care.selectors import in_register_on, unvisited_in_month

    households = ctx.records(Household)
    months = due_months(ctx)
    enrolled = ctx.group(in_register_on(households, ctx.period.end), n=Count("pk"))
    missed: dict[int, int] = {}
    for month in months:
        rows = ctx.group(unvisited_in_month(households, dt.date(ctx.period.year, month, 1)), n=Count("pk"))
        for pk, row in rows.items():
            missed[pk] = missed.get(pk, 0) + row["n"]
    start, end = ctx.period.start.isoformat(), ctx.period.end.isoformat()
    span = f"{months[0]}–{months[-1]}月" if len(months) > 1 else f"{months[0]}月"
    figures = {}
    for pk in ctx.villages.pks:
        count, register = missed.get(pk, 0), enrolled.get(pk, {}).get("n", 0)
        text = f"{span}缺访 {count} 户次" if count else f"{span}均已走访（在册 {register} 户）"
        figures[pk] = Figure(
            not count, text, ledger_link("visits", pk, visited_after=start, visited_before=end)
        )
    return figures


@metric("care_problems_all_resolved", "本年度困难问题全部解决", kind="bool", group="六帮六助")
def care_problems_all_resolved(ctx: MetricContext):
    from xiangzhi.care.models import Problem

    raised = ctx.records(Problem).filter(raised_on__range=(ctx.period.start, ctx.period.end))
    rows = ctx.group(raised, total=Count("pk"), done=Count("pk", filter=Q(status=_SOLVED)))
    return ctx.shares(
        rows,
        "done",
        "total",
        lambda done, total: f"已解决 {done}/{total} 个",
        lambda pk: ledger_link("problems", pk),
    )


@metric("points_participants", "参与积分制的人数", kind="number", unit="人", group="积分制")
def points_participants(ctx: MetricContext):
    from xiangzhi.points.models import PointEntry

    entries = ctx.records(PointEntry).filter(entry_date__range=(ctx.period.start, ctx.period.end))
    year = ctx.period.year
    rows = ctx.group(entries, n=Count("person_name", distinct=True))
    return ctx.numbers(rows, "n", "人", lambda pk: ledger_link("points", pk, year=year))


@metric("action_items_overdue", "讲评会整改事项逾期未办", kind="number", unit="项", group="讲评会")
def action_items_overdue(ctx: MetricContext):
    from xiangzhi.events.models import ActionItem

    overdue = ctx.records(ActionItem).filter(
        done_on__isnull=True, deadline__lt=ctx.period.today, event__deleted_at__isnull=True
    )
    return ctx.numbers(ctx.group(overdue, n=Count("pk")), "n", "项", lambda pk: "")
