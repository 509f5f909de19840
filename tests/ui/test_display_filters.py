import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from xiangzhi.core.templatetags.xiangzhi_tags import repeat, wan, zh_date, zh_datetime


def test_zh_date_writes_dates_the_chinese_way():
    assert zh_date(datetime.date(2023, 7, 14)) == "2023年7月14日"
    assert zh_date(None) == "—"
    assert zh_date("") == "—"


def test_zh_date_uses_the_local_day_of_an_aware_datetime():
    late_utc = datetime.datetime(2023, 7, 13, 20, 0, tzinfo=datetime.UTC)  # 04:00 next day in Shanghai
    assert zh_date(late_utc) == "2023年7月14日"
    assert zh_datetime(late_utc) == "2023年7月14日 04:00"
    assert zh_datetime(datetime.datetime(2023, 7, 14, 9, 5, tzinfo=ZoneInfo("Asia/Shanghai"))) == (
        "2023年7月14日 09:05"
    )


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (125000, "元", "12.5万元"),
        (100000, "元", "10万元"),
        (3500, "元", "0.35万元"),
        (12345678, "元", "1,234.57万元"),
        (Decimal("12.50"), "万元", "12.5万元"),
        (0, "元", "0万元"),
        (None, "元", "—"),
    ],
)
def test_wan_formats_money_in_wan_yuan(value, unit, expected):
    assert wan(value, unit) == expected


def test_repeat_indents_by_depth():
    assert repeat("　", 2) == "　　"
    assert repeat("　", None) == ""


def test_library_loads_in_templates():
    html = Template("{% load xiangzhi_tags %}{{ d|zh_date }} {{ n|wan }}").render(
        Context({"d": datetime.date(2023, 7, 14), "n": 125000})
    )
    assert html == "2023年7月14日 12.5万元"
