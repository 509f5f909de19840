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
    PatrolTeam,
)
from xiangzhi.security.rules import dispute_rules, patrol_rules

_VILLAGE = Column("所属村", "village", required=True, example="桥湾村")


@register_ledger
class CameraLedger(VillageLedger):
    model = Camera
    nav_order = 30
    sheet = Sheet(
        name="cameras",
        title="监控点位",
        key=("camera_no",),
        columns=(
            Column("点位编号", "camera_no", example="JK-QW-01", aliases=("监控编号", "监控点位编号", "编号")),
            _VILLAGE,
            Column(
                "位置", "location", example="桥湾村村委会路口", aliases=("安装位置", "安装地点", "点位位置")
            ),
            Column("安装日期", "installed_on", example="2022-05-10"),
            Column(
                "状态", "status", default=CameraStatus.WORKING.value, example="正常", aliases=("运行状态",)
            ),
        ),
    )
    list_columns = ("camera_no", "village", "location", "installed_on", "status")
    filterset_class = filters.CameraFilterSet


@register_ledger
class PatrolTeamLedger(VillageLedger):
    model = PatrolTeam
    nav_order = 31
    sheet = Sheet(
        name="patrols",
        title="巡逻队",
        key=("team_no",),
        columns=(
            Column("队伍编号", "team_no", example="XL-QW-01", aliases=("巡逻队编号", "编号")),
            _VILLAGE,
            Column("队伍名称", "name", example="桥湾村夜间巡逻队", aliases=("巡逻队名称", "名称")),
            Column("队员人数", "members_count", example="8", aliases=("队员数", "人数", "巡逻队员人数")),
            Column("成立日期", "founded_on", example="2021-03-01"),
        ),
    )
    list_columns = ("team_no", "village", "name", "members_count", "founded_on")
    filterset_class = filters.PatrolTeamFilterSet

    def validate(self, fields):
        return patrol_rules(fields)


@register_ledger
class DisputeLedger(VillageLedger):
    model = Dispute
    workflow = DISPUTE_WORKFLOW
    nav_order = 32
    sheet = Sheet(
        name="disputes",
        title="矛盾纠纷",
        key=("dispute_no",),
        columns=(
            Column("纠纷编号", "dispute_no", example="JF-2023-001", aliases=("编号",)),
            _VILLAGE,
            Column("登记日期", "registered_on", example="2023-04-03", aliases=("受理日期",)),
            Column("纠纷类型", "kind", example="邻里纠纷", aliases=("类型",)),
            Column(
                "简要情况",
                "summary",
                example="宅基地边界争议",
                aliases=("纠纷简要情况", "基本情况", "情况简介"),
            ),
            Column("调处状态", "status", example="已化解", aliases=("状态", "调解状态", "处理状态")),
            Column("化解日期", "resolved_on", example="2023-04-20", aliases=("调处日期",)),
        ),
    )
    list_columns = ("dispute_no", "village", "registered_on", "kind", "status", "resolved_on")
    filterset_class = filters.DisputeFilterSet
    # The status moves only through the named services (化解 / 上报), never by a plain edit.
    form_fields = ("dispute_no", "org", "registered_on", "kind", "summary", "resolved_on")
    detail_template = "security/dispute_detail.html"

    def validate(self, fields):
        return dispute_rules(fields)

    def initial(self, request):
        # A new dispute is being mediated: 化解日期 is set by the 化解 move, not prefilled as today.
        initial = super().initial(request)
        if "resolved_on" not in request.GET:
            initial.pop("resolved_on", None)
        return initial
