"""The economy ledgers' declarations (CONTRACT.md §3 「村集体经济收入」「经济社会指标」)."""

import unicodedata

from xiangzhi.core.ledgers import Ledger, VillageLedger, register_ledger
from xiangzhi.core.ledgers.context import RowProblems
from xiangzhi.core.tabular import CellError, Column, Sheet, normalise_cell
from xiangzhi.economy import filters
from xiangzhi.economy.forms import IndicatorForm
from xiangzhi.economy.models import CollectiveIncome, Indicator
from xiangzhi.economy.periods import period_bounds
from xiangzhi.economy.rules import income_rules, indicator_rules

_NUMBER = Column("数值", "value", required=True, kind="decimal")
PERCENT_UNIT = "%"


@register_ledger
class CollectiveIncomeLedger(VillageLedger):
    model = CollectiveIncome
    key_fields = ("org", "year")
    nav_order = 80
    sheet = Sheet(
        name="collective_income",
        title="村集体经济收入",
        key=("village", "year"),
        columns=(
            Column("所属村", "village", required=True, example="北官庄村"),
            Column("年度", "year", example="2023"),
            Column(
                "集体经济收入(万元)",
                "income_wan",
                example="12.5",
                aliases=("集体经济收入", "村集体经济收入", "村集体经济收入(万元)", "收入(万元)", "收入"),
            ),
            Column("主要来源", "main_source", example="土地流转、冷库租赁", aliases=("收入来源", "来源")),
        ),
    )
    list_columns = ("village", "year", "income_wan", "main_source")
    filterset_class = filters.CollectiveIncomeFilterSet

    def validate(self, fields):
        return income_rules(fields)


def parse_value(text: str):
    """数值 as typed: 3420, 3,420, ３４２０, -1.5 or a percentage 8.2% (kept as 8.2 with unit %).

    Returns (number, is_percent); raises RowProblems. The percentage stays the figure people
    read (8.2, unit %) rather than a share (0.082), so the export shows what was typed.
    """
    folded = unicodedata.normalize("NFKC", text).strip()
    is_percent = folded.endswith("%")
    try:
        number = normalise_cell(_NUMBER, folded.removesuffix("%").strip())
    except CellError:
        raise RowProblems([("value", "应为数字，如 3420、-1.5 或 8.2%")]) from None
    return number, is_percent


@register_ledger
class IndicatorLedger(Ledger):
    model = Indicator
    nav_order = 81
    org_levels = ("town",)
    org_label = "所属乡镇"
    sheet = Sheet(
        name="indicators",
        title="经济社会指标",
        key=("name", "period"),
        columns=(
            Column("指标名称", "name", example="规模以上工业增加值", aliases=("指标", "指标名")),
            Column("期间", "period", kind="period", example="2023Q1", aliases=("统计期间", "时期")),
            Column(
                "数值",
                "value",
                # Text, read by parse_value: a percentage keeps its % (the field holds the number).
                kind="text",
                example="726",
                help="数字，可带小数或负号；增速等百分数可写 8.2%（单位填 %）",
                aliases=("指标值", "数据"),
            ),
            Column("单位", "unit", example="万元", aliases=("计量单位",)),
        ),
    )
    sources = {"starts_on": ("period",), "ends_on": ("period",)}
    list_columns = ("name", "period", "value")
    filterset_class = filters.IndicatorFilterSet
    form_class = IndicatorForm

    def resolve(self, values, ctx):
        value, is_percent = parse_value(values["value"])
        unit = values["unit"]
        if is_percent and unit != PERCENT_UNIT:
            raise RowProblems([("value", f"数值带 % 时单位应为 %，不是「{unit}」")])
        start, end = period_bounds(values["period"])
        org = ctx.village_or_town(None, "name")
        return {
            **super().resolve(values, ctx),
            "org": org,
            "value": value,
            "starts_on": start,
            "ends_on": end,
        }

    def validate(self, fields):
        return indicator_rules(fields)

    def prepare(self, record):
        if record.period:
            record.starts_on, record.ends_on = period_bounds(record.period)
