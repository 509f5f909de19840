"""The 平安建设 ledgers' declarations (CONTRACT.md §3): headers, keys, and row ↔ record mapping.

All three belong to a village (所属村 is required and there is no grid column), so a record's
org is the village itself.
"""

from xiangzhi.core.ledgers import VillageLedger, register_ledger
from xiangzhi.core.tabular import Column, Sheet
from xiangzhi.security import filters
from xiangzhi.security.models import (
    DISPUTE_WORKFLOW,
    Camera,
    CameraStatus,
    Dispute,
    DisputeStatus,
    PatrolTeam,
)
from xiangzhi.security.rules import dispute_rules, patrol_rules

_VILLAGE = Column("所属村", "village", required=True, example="桥湾村")


@register_ledger
class CameraLedger(VillageLedger):
    name = "cameras"
    model = Camera
    key_fields = ("camera_no",)
    nav_label = "监控点位"
    nav_order = 30
    sheet = Sheet(
        name="cameras",
        title="监控点位",
        key=("camera_no",),
        columns=(
            Column(
                "点位编号",
                "camera_no",
                required=True,
                example="JK-QW-01",
                max_length=40,
                aliases=("监控编号", "监控点位编号", "编号"),
            ),
            _VILLAGE,
            Column(
                "位置",
                "location",
                required=True,
                example="桥湾村村委会路口",
                max_length=200,
                aliases=("安装位置", "安装地点", "点位位置"),
            ),
            Column("安装日期", "installed_on", kind="date", example="2022-05-10"),
            Column(
                "状态",
                "status",
                kind="choice",
                choices=tuple(CameraStatus.values),
                default=CameraStatus.WORKING.value,
                example="正常",
                aliases=("运行状态",),
            ),
        ),
    )
    list_columns = ("camera_no", "village", "location", "installed_on", "status")
    filterset_class = filters.CameraFilterSet
    form_fields = ("camera_no", "org", "location", "installed_on", "status")

    def resolve(self, values, ctx):
        return {
            "camera_no": values["camera_no"],
            "org": ctx.village(values["village"]),
            "location": values["location"],
            "installed_on": values.get("installed_on"),
            "status": values.get("status") or CameraStatus.WORKING,
        }

    def to_row(self, obj, orgs):
        return {
            "camera_no": obj.camera_no,
            "village": orgs.village(obj.org_id),
            "location": obj.location,
            "installed_on": obj.installed_on,
            "status": obj.status,
        }


@register_ledger
class PatrolTeamLedger(VillageLedger):
    name = "patrols"
    model = PatrolTeam
    key_fields = ("team_no",)
    nav_label = "巡逻队"
    nav_order = 31
    sheet = Sheet(
        name="patrols",
        title="巡逻队",
        key=("team_no",),
        columns=(
            Column(
                "队伍编号",
                "team_no",
                required=True,
                example="XL-QW-01",
                max_length=40,
                aliases=("巡逻队编号", "编号"),
            ),
            _VILLAGE,
            Column(
                "队伍名称",
                "name",
                required=True,
                example="桥湾村夜间巡逻队",
                max_length=100,
                aliases=("巡逻队名称", "名称"),
            ),
            Column(
                "队员人数",
                "members_count",
                required=True,
                kind="int",
                example="8",
                aliases=("队员数", "人数", "巡逻队员人数"),
            ),
            Column("成立日期", "founded_on", kind="date", example="2021-03-01"),
        ),
    )
    list_columns = ("team_no", "village", "name", "members_count", "founded_on")
    filterset_class = filters.PatrolTeamFilterSet
    form_fields = ("team_no", "org", "name", "members_count", "founded_on")

    def resolve(self, values, ctx):
        return {
            "team_no": values["team_no"],
            "org": ctx.village(values["village"]),
            "name": values["name"],
            "members_count": values["members_count"],
            "founded_on": values.get("founded_on"),
        }

    def validate(self, fields):
        return patrol_rules(fields)

    def to_row(self, obj, orgs):
        return {
            "team_no": obj.team_no,
            "village": orgs.village(obj.org_id),
            "name": obj.name,
            "members_count": obj.members_count,
            "founded_on": obj.founded_on,
        }


@register_ledger
class DisputeLedger(VillageLedger):
    name = "disputes"
    model = Dispute
    key_fields = ("dispute_no",)
    workflow = DISPUTE_WORKFLOW
    nav_label = "矛盾纠纷"
    nav_order = 32
    sheet = Sheet(
        name="disputes",
        title="矛盾纠纷",
        key=("dispute_no",),
        columns=(
            Column(
                "纠纷编号",
                "dispute_no",
                required=True,
                example="JF-2023-001",
                max_length=40,
                aliases=("编号",),
            ),
            _VILLAGE,
            Column(
                "登记日期",
                "registered_on",
                required=True,
                kind="date",
                example="2023-04-03",
                aliases=("受理日期",),
            ),
            Column("纠纷类型", "kind", example="邻里纠纷", max_length=50, aliases=("类型",)),
            Column(
                "简要情况",
                "summary",
                required=True,
                example="宅基地边界争议",
                aliases=("纠纷简要情况", "基本情况", "情况简介"),
            ),
            Column(
                "调处状态",
                "status",
                required=True,
                kind="choice",
                choices=tuple(DisputeStatus.values),
                example="已化解",
                aliases=("状态", "调解状态", "处理状态"),
            ),
            Column("化解日期", "resolved_on", kind="date", example="2023-04-20", aliases=("调处日期",)),
        ),
    )
    list_columns = ("dispute_no", "village", "registered_on", "kind", "status", "resolved_on")
    filterset_class = filters.DisputeFilterSet
    # The status moves only through the named services (化解 / 上报), never by a plain edit.
    form_fields = ("dispute_no", "org", "registered_on", "kind", "summary", "resolved_on")
    detail_template = "security/dispute_detail.html"

    def resolve(self, values, ctx):
        return {
            "dispute_no": values["dispute_no"],
            "org": ctx.village(values["village"]),
            "registered_on": values["registered_on"],
            "kind": values.get("kind") or "",
            "summary": values["summary"],
            "status": values["status"],
            "resolved_on": values.get("resolved_on"),
        }

    def validate(self, fields):
        return dispute_rules(fields)

    def initial(self, request):
        # A new dispute is being mediated: 化解日期 is set by the 化解 move, not prefilled as today.
        initial = super().initial(request)
        if "resolved_on" not in request.GET:
            initial.pop("resolved_on", None)
        return initial

    def to_row(self, obj, orgs):
        return {
            "dispute_no": obj.dispute_no,
            "village": orgs.village(obj.org_id),
            "registered_on": obj.registered_on,
            "kind": obj.kind,
            "summary": obj.summary,
            "status": obj.status,
            "resolved_on": obj.resolved_on,
        }
