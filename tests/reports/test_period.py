"""Report periods: how a year or a from/to pair is read, and how a report names its period."""

import datetime as dt

import pytest

from xiangzhi.reports.period import Period, PeriodError, parse_period, period_code_label


def test_a_year_is_its_first_to_last_day():
    assert parse_period("2023") == Period(dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert parse_period("2023年").is_calendar_year


def test_dates_are_read_like_ledger_cells():
    period = parse_period(None, "2023/1/1", "2023年3月31日")
    assert (period.start, period.end) == (dt.date(2023, 1, 1), dt.date(2023, 3, 31))


def test_a_one_day_period_is_allowed():
    assert parse_period(None, "2023-05-01", "2023-05-01").start == dt.date(2023, 5, 1)


@pytest.mark.parametrize(
    ("year", "start", "end", "message"),
    [
        (None, None, None, "请指定报告期间"),
        ("1800", None, None, "1900–2100"),
        ("abc", None, None, "年度「abc」无效"),
        (None, "2023-01-01", None, "缺少结束日期"),
        (None, None, "2023-01-01", "缺少开始日期"),
        (None, "2023-13-01", "2023-12-31", "月份应为 1–12"),
        (None, "2023-12-31", "2023-01-01", "早于开始日期"),
        ("2023", "2023-01-01", "2023-02-01", "只用一种方式"),
    ],
)
def test_bad_periods_are_refused_with_a_reason(year, start, end, message):
    with pytest.raises(PeriodError) as refused:
        parse_period(year, start, end)
    assert message in refused.value.message


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        ("2023-01-01", "2023-12-31", "2023年"),
        ("2023-04-01", "2023-06-30", "2023年第二季度"),
        ("2023-01-01", "2023-06-30", "2023年1月1日至2023年6月30日"),
    ],
)
def test_period_labels(start, end, label):
    assert parse_period(None, start, end).label() == label


@pytest.mark.parametrize(
    ("code", "label"),
    [("2023", "2023年"), ("2023Q1", "2023年第一季度"), ("2023H2", "2023年下半年"), ("2023-03", "2023年3月")],
)
def test_indicator_periods_in_prose(code, label):
    assert period_code_label(code) == label
