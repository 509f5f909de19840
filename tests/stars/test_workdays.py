"""The 公示 period counts working days by the State Council's holiday schedule."""

import datetime as dt

import chinese_calendar
import pytest

from xiangzhi.stars.workdays import is_working_day, notice_end, schedule_known


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (dt.date(2026, 10, 1), False),  # 国庆节, a Thursday
        (dt.date(2026, 10, 10), True),  # a Saturday worked in exchange (调休)
        (dt.date(2026, 2, 16), False),  # 春节, a Monday
        (dt.date(2026, 2, 14), True),  # a Saturday worked in exchange
        (dt.date(2026, 3, 2), True),  # an ordinary Monday
        (dt.date(2026, 3, 7), False),  # an ordinary Saturday
    ],
)
def test_working_days_follow_the_holiday_schedule(day, working):
    assert is_working_day(day) is working


def test_a_notice_over_the_national_day_ends_after_it():
    # 9月29日、30日, then 10月1日–7日 off, then 10月8日、9日 and the worked Saturday 10月10日.
    assert notice_end(dt.date(2026, 9, 29), 5) == dt.date(2026, 10, 10)


def test_a_year_without_a_published_schedule_counts_monday_to_friday(monkeypatch):
    def unpublished(day):
        raise NotImplementedError(f"no available data for year {day.year}")

    monkeypatch.setattr(chinese_calendar, "is_workday", unpublished)
    assert not schedule_known(dt.date(2027, 1, 1))
    assert notice_end(dt.date(2027, 1, 1), 5) == dt.date(2027, 1, 7)  # Friday 1月1日 counts, too
