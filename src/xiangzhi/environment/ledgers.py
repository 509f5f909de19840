"""The 人居环境 ledgers' declarations (CONTRACT.md §3): headers, keys, and row ↔ record mapping.

Both belong to a village (所属村 is required, there is no grid column).
"""

from xiangzhi.core.ledgers import VillageLedger, register_ledger
from xiangzhi.core.tabular import Column, Sheet
from xiangzhi.environment import filters
from xiangzhi.environment.models import Cleanup, Courtyard
from xiangzhi.environment.rules import cleanup_rules, courtyard_rules, tidy_decimal

_VILLAGE = Column("所属村", "village", required=True, example="桥湾村")


@register_ledger
class CourtyardLedger(VillageLedger):
    model = Courtyard
    # The same courtyard is rated again every year: each year's rating is its own record.
    nav_order = 40
    sheet = Sheet(
        name="courtyards",
        title="庭院评比",
        key=("courtyard_no", "year"),
        columns=(
            Column("庭院编号", "courtyard_no", example="TY-QW-001", aliases=("编号",)),
            _VILLAGE,
            Column("户主姓名", "owner_name", example="张三", aliases=("户主", "姓名")),
            Column("评比年度", "year", example="2023", aliases=("年度", "年份", "评比年份")),
            Column("评定结果", "rating", example="五美庭院", aliases=("评比结果", "评定等级", "结果")),
        ),
    )
    list_columns = ("courtyard_no", "village", "owner_name", "year", "rating")
    filterset_class = filters.CourtyardFilterSet

    def validate(self, fields):
        return courtyard_rules(fields)


@register_ledger
class CleanupLedger(VillageLedger):
    model = Cleanup
    nav_order = 41
    sheet = Sheet(
        name="cleanups",
        title="环境整治",
        key=("record_no",),
        columns=(
            Column("记录编号", "record_no", example="ZZ-2023-001", aliases=("编号",)),
            _VILLAGE,
            Column("日期", "cleaned_on", example="2023-05-12", aliases=("清理日期", "整治日期")),
            Column("清理类型", "kind", example="建筑垃圾", aliases=("类型", "垃圾类型")),
            Column(
                "清理量(立方米)",
                "volume_m3",
                example="120.5",
                aliases=("清理量", "清理量(方)", "清理方量", "方量", "清理量(m3)"),
            ),
        ),
    )
    list_columns = ("record_no", "village", "cleaned_on", "kind", "volume_m3")
    filterset_class = filters.CleanupFilterSet

    def resolve(self, values, ctx):
        return {**super().resolve(values, ctx), "volume_m3": tidy_decimal(values["volume_m3"])}

    def validate(self, fields):
        return cleanup_rules(fields)
