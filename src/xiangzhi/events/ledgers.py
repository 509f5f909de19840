"""The events ledger's declaration (CONTRACT.md §3 「活动」)."""

from xiangzhi.core.ledgers import Ledger, register_ledger
from xiangzhi.core.tabular import Column, Sheet
from xiangzhi.events import filters
from xiangzhi.events.models import Event, EventKind
from xiangzhi.events.rules import event_rules


@register_ledger
class EventLedger(Ledger):
    name = "events"
    model = Event
    key_fields = ("event_no",)
    nav_label = "活动"
    nav_order = 60
    org_levels = ("town", "village")
    org_label = "组织单位（本镇或所属村）"
    sheet = Sheet(
        name="events",
        title="活动",
        key=("event_no",),
        columns=(
            Column(
                "活动编号", "event_no", required=True, example="HD-2023-001", max_length=40, aliases=("编号",)
            ),
            Column(
                "活动类型",
                "kind",
                required=True,
                kind="choice",
                choices=tuple(EventKind.values),
                example="讲评会",
                aliases=("类型", "活动类别"),
            ),
            Column("活动名称", "title", required=True, example="书记讲评会（第一期）", max_length=200),
            Column(
                "活动日期",
                "held_on",
                required=True,
                kind="date",
                example="2023-03-15",
                aliases=("日期", "活动时间"),
            ),
            Column(
                "组织单位",
                "org_unit",
                required=True,
                example="宁郭镇",
                help="填本镇名称或所属村名称",
                aliases=("主办单位", "举办单位", "组织村"),
            ),
            Column("参与人数", "participants", kind="int", example="45", aliases=("参加人数", "参与人次")),
            Column("发放资料份数", "materials", kind="int", example="200", aliases=("发放资料", "资料份数")),
        ),
    )
    sources = {"org": ("org_unit",)}
    list_columns = ("event_no", "kind", "title", "held_on", "unit", "participants", "materials")
    filterset_class = filters.EventFilterSet
    form_fields = ("event_no", "kind", "title", "held_on", "org", "participants", "materials")
    detail_template = "events/event_detail.html"

    def resolve(self, values, ctx):
        return {
            "event_no": values["event_no"],
            "kind": values["kind"],
            "title": values["title"],
            "held_on": values["held_on"],
            "org": ctx.village_or_town(values["org_unit"], "org_unit"),
            "participants": values.get("participants"),
            "materials": values.get("materials"),
        }

    def validate(self, fields):
        return event_rules(fields)

    def to_row(self, obj, orgs):
        return {
            "event_no": obj.event_no,
            "kind": obj.kind,
            "title": obj.title,
            "held_on": obj.held_on,
            "org_unit": orgs.village(obj.org_id) or orgs.name(obj.org_id),
            "participants": obj.participants,
            "materials": obj.materials,
        }

    def detail_context(self, record, request):
        from xiangzhi.events.selectors import event_detail_context

        return event_detail_context(record, request)
