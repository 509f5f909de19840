"""The events ledger's declaration (CONTRACT.md §3 「活动」)."""

from xiangzhi.core.ledgers import Ledger, register_ledger
from xiangzhi.core.tabular import Column, Sheet
from xiangzhi.events import filters
from xiangzhi.events.models import Event
from xiangzhi.events.rules import event_rules


@register_ledger
class EventLedger(Ledger):
    model = Event
    nav_order = 60
    org_levels = ("town", "village")
    org_label = "组织单位（本镇或所属村）"
    sheet = Sheet(
        name="events",
        title="活动",
        key=("event_no",),
        columns=(
            Column("活动编号", "event_no", example="HD-2023-001", aliases=("编号",)),
            Column("活动类型", "kind", example="讲评会", aliases=("类型", "活动类别")),
            Column("活动名称", "title", example="书记讲评会（第一期）"),
            Column("活动日期", "held_on", example="2023-03-15", aliases=("日期", "活动时间")),
            Column(
                "组织单位",
                "org_unit",
                required=True,
                example="宁郭镇",
                help="填本镇名称或所属村名称",
                aliases=("主办单位", "举办单位", "组织村"),
            ),
            Column("参与人数", "participants", example="45", aliases=("参加人数", "参与人次")),
            Column("发放资料份数", "materials", example="200", aliases=("发放资料", "资料份数")),
        ),
    )
    sources = {"org": ("org_unit",)}
    list_columns = ("event_no", "kind", "title", "held_on", "unit", "participants", "materials")
    filterset_class = filters.EventFilterSet
    detail_template = "events/event_detail.html"

    def resolve(self, values, ctx):
        return {**super().resolve(values, ctx), "org": ctx.village_or_town(values["org_unit"], "org_unit")}

    def validate(self, fields):
        return event_rules(fields)

    def to_row(self, obj, orgs):
        return {**super().to_row(obj, orgs), "org_unit": orgs.village(obj.org_id) or orgs.name(obj.org_id)}

    def detail_context(self, record, request):
        from xiangzhi.events.selectors import event_detail_context

        return event_detail_context(record, request)
