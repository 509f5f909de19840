"""The points ledger's declaration (CONTRACT.md §3 「积分记录」)."""

from xiangzhi.core.ledgers import VillageLedger, register_ledger
from xiangzhi.core.tabular import Column, Sheet
from xiangzhi.points import filters
from xiangzhi.points.forms import PointEntryForm
from xiangzhi.points.models import PointEntry
from xiangzhi.points.rules import entry_rules


@register_ledger
class PointLedger(VillageLedger):
    # Points are corrected by a reversing entry (冲正), never deleted (DOMAIN §4).
    deletable = False
    deletion_refused = "积分记录不能删除，如需更正请使用冲正。"
    model = PointEntry
    nav_order = 70
    sheet = Sheet(
        name="points",
        title="积分记录",
        key=("record_no",),
        columns=(
            Column("记录编号", "record_no", example="JF-2023-0001", aliases=("编号",)),
            Column("所属村", "village", required=True, example="大驾村"),
            Column("姓名", "person_name", example="王五"),
            Column("身份", "identity", example="党员", aliases=("政治面貌", "人员类别")),
            Column("日期", "entry_date", example="2023-05-20", aliases=("积分日期",)),
            Column("积分事项", "item", example="参加志愿服务", aliases=("事项", "积分项目", "加减分事由")),
            Column(
                "分值",
                "points",
                example="5",
                help="整数；扣分填负数，如 -2",
                aliases=("积分", "分数", "得分"),
            ),
        ),
    )
    list_columns = ("record_no", "village", "person_name", "identity", "entry_date", "item", "points")
    filterset_class = filters.PointEntryFilterSet
    form_class = PointEntryForm
    fixed_fields = ("org", "person_name", "identity", "points")
    fixed_refusal = "已入账的积分记录不能修改所属村、姓名、身份或分值；如有错误，请在记录页面使用「冲正」"
    detail_template = "points/entry_detail.html"

    def validate(self, fields):
        return entry_rules(fields)

    def detail_context(self, record, request):
        from xiangzhi.points.selectors import entry_detail_context

        return entry_detail_context(record, request)
