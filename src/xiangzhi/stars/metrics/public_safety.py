"""Metrics of 平安法治: hazards and inspections (safety), disputes, cameras and patrols (security).

Models of other apps are imported inside each function: the metric registry loads with the stars
app and must not make it depend on the order in which apps are installed.
"""

from django.db.models import Count, Q

from xiangzhi.stars.metrics.base import MetricContext, ledger_link, metric

_SAFETY = "安全生产"
_SECURITY = "平安建设"
# CONTRACT §3 values (what the ledger cells hold), not the other apps' enum member names.
_MAJOR = "重大"
_RESOLVED, _MEDIATING = "已化解", "调处中"
_WORKING = "正常"


def _range(ctx: MetricContext) -> dict:
    return {"after": ctx.period.start.isoformat(), "before": ctx.period.end.isoformat()}


@metric("hazards_all_rectified", "本年度排查发现的隐患全部整改", kind="bool", group=_SAFETY)
def hazards_all_rectified(ctx: MetricContext):
    from xiangzhi.safety.models import Hazard
    from xiangzhi.safety.selectors import rectified_by_q

    found = ctx.records(Hazard).filter(inspection__inspected_on__range=(ctx.period.start, ctx.period.end))
    # The one definition the hazard list and the report use: done by the period's end.
    done = rectified_by_q(ctx.period.end)
    rows = ctx.group(found, total=Count("pk"), done=Count("pk", filter=done))
    span = _range(ctx)
    return ctx.shares(
        rows,
        "done",
        "total",
        lambda done, total: f"已整改 {done}/{total} 处",
        lambda pk: ledger_link("hazards", pk, found_after=span["after"], found_before=span["before"]),
    )


@metric("major_hazards_open", "未整改的重大隐患", kind="number", unit="处", group=_SAFETY)
def major_hazards_open(ctx: MetricContext):
    from xiangzhi.safety.models import Hazard
    from xiangzhi.safety.selectors import rectified_by_q

    open_major = (
        ctx.records(Hazard)
        .filter(grade=_MAJOR, inspection__inspected_on__lte=ctx.period.end)
        .exclude(rectified_by_q(ctx.period.end))
    )
    rows = ctx.group(open_major, n=Count("pk"))
    return ctx.numbers(rows, "n", "处", lambda pk: ledger_link("hazards", pk, grade=_MAJOR))


@metric("inspections", "安全排查", kind="number", unit="家次", group=_SAFETY)
def inspections(ctx: MetricContext):
    from xiangzhi.safety.models import Inspection

    done = ctx.records(Inspection).filter(inspected_on__range=(ctx.period.start, ctx.period.end))
    span = _range(ctx)
    return ctx.numbers(
        ctx.group(done, n=Count("pk")),
        "n",
        "家次",
        lambda pk: ledger_link(
            "inspections", pk, inspected_after=span["after"], inspected_before=span["before"]
        ),
    )


@metric("disputes_all_resolved", "本年度登记的矛盾纠纷全部化解", kind="bool", group=_SECURITY)
def disputes_all_resolved(ctx: MetricContext):
    from xiangzhi.security.models import Dispute

    registered = ctx.records(Dispute).filter(registered_on__range=(ctx.period.start, ctx.period.end))
    resolved = Q(status=_RESOLVED)
    rows = ctx.group(registered, total=Count("pk"), done=Count("pk", filter=resolved))
    span = _range(ctx)
    return ctx.shares(
        rows,
        "done",
        "total",
        lambda done, total: f"已化解 {done}/{total} 件",
        lambda pk: ledger_link(
            "disputes", pk, registered_after=span["after"], registered_before=span["before"]
        ),
    )


@metric("disputes_open", "调处中的矛盾纠纷", kind="number", unit="件", group=_SECURITY)
def disputes_open(ctx: MetricContext):
    from xiangzhi.security.models import Dispute

    pending = ctx.records(Dispute).filter(status=_MEDIATING, registered_on__lte=ctx.period.end)
    rows = ctx.group(pending, n=Count("pk"))
    return ctx.numbers(rows, "n", "件", lambda pk: ledger_link("disputes", pk, status=_MEDIATING))


@metric("cameras_working", "正常运行的监控点位", kind="number", unit="个", group=_SECURITY)
def cameras_working(ctx: MetricContext):
    from xiangzhi.security.models import Camera

    installed = Q(installed_on__lte=ctx.period.end) | Q(installed_on__isnull=True)
    working = ctx.records(Camera).filter(installed, status=_WORKING)
    rows = ctx.group(working, n=Count("pk"))
    return ctx.numbers(rows, "n", "个", lambda pk: ledger_link("cameras", pk, status=_WORKING))


@metric("patrol_teams", "巡逻队", kind="number", unit="支", group=_SECURITY)
def patrol_teams(ctx: MetricContext):
    from xiangzhi.security.models import PatrolTeam

    founded = Q(founded_on__lte=ctx.period.end) | Q(founded_on__isnull=True)
    rows = ctx.group(ctx.records(PatrolTeam).filter(founded), n=Count("pk"))
    return ctx.numbers(rows, "n", "支", lambda pk: ledger_link("patrols", pk))
