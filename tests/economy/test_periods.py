import datetime as dt

import pytest

from xiangzhi.economy.periods import period_bounds, period_kind, period_label


@pytest.mark.parametrize(
    ("period", "start", "end", "kind", "label"),
    [
        ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "year", "2023年"),
        ("2023Q1", dt.date(2023, 1, 1), dt.date(2023, 3, 31), "quarter", "2023年第1季度"),
        ("2023Q4", dt.date(2023, 10, 1), dt.date(2023, 12, 31), "quarter", "2023年第4季度"),
        ("2023H2", dt.date(2023, 7, 1), dt.date(2023, 12, 31), "half", "2023年下半年"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "month", "2024年2月"),
    ],
)
def test_each_period_form_has_its_days(period, start, end, kind, label):
    assert period_bounds(period) == (start, end)
    assert period_kind(period) == kind
    assert period_label(period) == label


@pytest.mark.parametrize("period", ["2023Q5", "2023-13", "2023年", "23Q1", ""])
def test_a_non_canonical_period_is_refused(period):
    with pytest.raises(ValueError):
        period_bounds(period)
