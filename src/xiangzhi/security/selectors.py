"""Reads for the 平安建设 home: per-village figures from one aggregate query per ledger."""

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from xiangzhi.core.models import OrgLevel, OrgUnit
from xiangzhi.security.models import Camera, CameraStatus, Dispute, DisputeStatus, PatrolTeam

FIGURES = (
    ("cameras", "在用监控"),
    ("faulty", "其中故障"),
    ("teams", "巡逻队"),
    ("members", "队员人数"),
    ("disputes_open", "调处中纠纷"),
    ("disputes_resolved", "已化解纠纷"),
    ("disputes_escalated", "已上报纠纷"),
)


@dataclass
class VillageRow:
    name: str
    figures: dict[str, int] = field(default_factory=dict)

    def values(self) -> list[int]:
        return [self.figures.get(key, 0) for key, _ in FIGURES]


def villages_under(user, org: OrgUnit | None):
    if org is None:
        return OrgUnit.objects.none()
    units = OrgUnit.objects.visible_to(user).active().filter(level=OrgLevel.VILLAGE)
    return units.filter(path__startswith=org.path).only("pk", "name", "path")


def _by_org(queryset, org: OrgUnit, **aggregates) -> dict[int, dict]:
    rows = queryset.filter(org__path__startswith=org.path).order_by().values("org_id").annotate(**aggregates)
    return {row.pop("org_id"): row for row in rows}


def security_overview(user, org: OrgUnit | None) -> tuple[list[VillageRow], VillageRow]:
    """One row per village under ``org`` (cameras not removed count as in service) and a total."""
    total = VillageRow("合计")
    if org is None:
        return [], total
    figures: dict[int, dict] = {}
    parts = (
        _by_org(
            Camera.objects.visible_to(user),
            org,
            cameras=Count("pk", filter=~Q(status=CameraStatus.REMOVED)),
            faulty=Count("pk", filter=Q(status=CameraStatus.FAULTY)),
        ),
        _by_org(PatrolTeam.objects.visible_to(user), org, teams=Count("pk"), members=Sum("members_count")),
        _by_org(
            Dispute.objects.visible_to(user),
            org,
            disputes_open=Count("pk", filter=Q(status=DisputeStatus.MEDIATING)),
            disputes_resolved=Count("pk", filter=Q(status=DisputeStatus.RESOLVED)),
            disputes_escalated=Count("pk", filter=Q(status=DisputeStatus.ESCALATED)),
        ),
    )
    for part in parts:
        for org_id, values in part.items():
            figures.setdefault(org_id, {}).update({k: v or 0 for k, v in values.items()})
    rows = [VillageRow(v.name, figures.get(v.pk, {})) for v in villages_under(user, org)]
    for key, _ in FIGURES:
        total.figures[key] = sum(row.figures.get(key, 0) for row in rows)
    return rows, total
