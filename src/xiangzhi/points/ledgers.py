"""The points ledger's declaration (CONTRACT.md §3 「积分记录」)."""

from xiangzhi.core.ledgers import Ledger, get_ledger, register_ledger
from xiangzhi.core.tabular import Column, Sheet
from xiangzhi.points import filters
from xiangzhi.points.forms import PointEntryForm
from xiangzhi.points.models import Identity, PointEntry
from xiangzhi.points.rules import entry_rules


@register_ledger
class PointLedger(Ledger):
    name = "points"
    # Points are corrected by a reversing entry (冲正), never deleted (DOMAIN §4).
    deletable = False
    deletion_refused = "积分记录不能删除，如需更正请使用冲正。"
    model = PointEntry
    key_fields = ("record_no",)
    nav_label = "积分记录"
    nav_order = 70
    org_levels = ("village",)
    org_label = "所属村"
    sheet = Sheet(
        name="points",
        title="积分记录",
        key=("record_no",),
        columns=(
            Column(
                "记录编号",
                "record_no",
                required=True,
                example="JF-2023-0001",
                max_length=40,
                aliases=("编号",),
            ),
            Column("所属村", "village", required=True, example="大驾村"),
            Column("姓名", "person_name", required=True, example="王五", max_length=50),
            Column(
                "身份",
                "identity",
                required=True,
                kind="choice",
                choices=tuple(Identity.values),
                example="党员",
                aliases=("政治面貌", "人员类别"),
            ),
            Column(
                "日期", "entry_date", required=True, kind="date", example="2023-05-20", aliases=("积分日期",)
            ),
            Column(
                "积分事项",
                "item",
                required=True,
                example="参加志愿服务",
                max_length=200,
                aliases=("事项", "积分项目", "加减分事由"),
            ),
            Column(
                "分值",
                "points",
                required=True,
                kind="int",
                example="5",
                help="整数；扣分填负数，如 -2",
                aliases=("积分", "分数", "得分"),
            ),
        ),
    )
    sources = {"org": ("village",)}
    list_columns = ("record_no", "village", "person_name", "identity", "entry_date", "item", "points")
    filterset_class = filters.PointEntryFilterSet
    form_class = PointEntryForm
    form_fields = ("record_no", "org", "person_name", "identity", "entry_date", "item", "points")
    detail_template = "points/entry_detail.html"

    def resolve(self, values, ctx):
        return {
            "record_no": values["record_no"],
            "org": ctx.village(values["village"]),
            "person_name": values["person_name"],
            "identity": values["identity"],
            "entry_date": values["entry_date"],
            "item": values["item"],
            "points": values["points"],
        }

    def validate(self, fields):
        return entry_rules(fields)

    def to_row(self, obj, orgs):
        return {
            "record_no": obj.record_no,
            "village": orgs.village(obj.org_id),
            "person_name": obj.person_name,
            "identity": obj.identity,
            "entry_date": obj.entry_date,
            "item": obj.item,
            "points": obj.points,
        }

    def detail_context(self, record, request):
        from xiangzhi.points.selectors import entry_detail_context

        return entry_detail_context(record, request)


# A ledger's own form class must know its ledger (form_for() sets it only on generated forms).
PointEntryForm.ledger = get_ledger(PointLedger.name)
