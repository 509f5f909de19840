"""经济 demo: the villages' collective income, and the town's economic indicators as reported.

Article figures: 规模以上工业增加值 3,152 → 3,420万元 (2021 → 2022), 726万元 (2023 Q1); 社会(消费品)零售
总额 124,454 → 225,630万元 (2021 → 2022), 56,664万元 (2023 Q1); 固定资产投资 +8.2% (2023 Q1, year on
year). 5 villages have a collective income above 10万元: 北官庄, 宁郭, 张庄, 桥湾, 姜毛庄 (2023).

The implausible +81% of retail sales in 2022 is reproduced as stated (DOMAIN §14). Which report
shows which figure: 2021 and 2022 values in the reports of those years, Q1 2023 in any 2023 report.
"""

from decimal import Decimal

from xiangzhi.demo.common import Place, bulk
from xiangzhi.economy.models import CollectiveIncome, Indicator
from xiangzhi.economy.periods import period_bounds

INDICATORS = [
    ("规模以上工业增加值", "2021", "3152", "万元"),
    ("规模以上工业增加值", "2022", "3420", "万元"),
    ("规模以上工业增加值", "2023Q1", "726", "万元"),
    ("社会消费品零售总额", "2021", "124454", "万元"),
    ("社会消费品零售总额", "2022", "225630", "万元"),
    ("社会消费品零售总额", "2023Q1", "56664", "万元"),
    ("固定资产投资同比增长", "2023Q1", "8.2", "%"),
]
# 2023 collective income (万元) of the villages above 10万元, with what brings it in.
LEADING_VILLAGES = {
    "北官庄村": ("12.6", "集体土地租赁"),
    "宁郭村": ("15.3", "门面房出租"),
    "张庄村": ("11.2", "集体资产发包"),
    "桥湾村": ("13.5", "“垦农小院”乡村旅游、无花果采摘"),
    "姜毛庄村": ("10.4", "村集体合作社经营"),
}


def load(place: Place) -> None:
    bulk(CollectiveIncome, [*_incomes(place, 2023), *_incomes(place, 2022)])
    bulk(Indicator, [_indicator(place, *row) for row in INDICATORS])


def _incomes(place: Place, year: int):
    for index, village in enumerate(place.villages):
        leading = LEADING_VILLAGES.get(village.name)
        income = Decimal(leading[0]) if leading else Decimal("3.5") + Decimal(index % 7) * Decimal("0.8")
        if year == 2022:  # a year earlier, before the two campaigns bore fruit
            income = (income * Decimal("0.7")).quantize(Decimal("0.1"))
        yield CollectiveIncome(
            org=village,
            town=place.town,
            year=year,
            income_wan=income,
            main_source=leading[1] if leading else "土地流转、资产租赁",
        )


def _indicator(place: Place, name: str, period: str, value: str, unit: str) -> Indicator:
    starts_on, ends_on = period_bounds(period)
    return Indicator(
        org=place.town,
        town=place.town,
        name=name,
        period=period,
        value=Decimal(value),
        unit=unit,
        starts_on=starts_on,
        ends_on=ends_on,
    )
