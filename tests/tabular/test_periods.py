import datetime as dt

import pytest

from xiangzhi.core.tabular import CellError, Column, normalise_cell

PERIOD = Column("期间", "period", required=True, kind="period")


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2023", "2023"),
        (2023, "2023"),
        (2023.0, "2023"),
        ("2023年", "2023"),
        ("2023Q1", "2023Q1"),
        ("2023q4", "2023Q4"),
        ("２０２３Ｑ１", "2023Q1"),
        ("2023-03", "2023-03"),
        ("2023-3", "2023-03"),
        ("2023H1", "2023H1"),
        ("２０２３ｈ２", "2023H2"),
    ],
)
def test_periods_in_contract_forms_are_normalised(cell, expected):
    assert normalise_cell(PERIOD, cell) == expected


def test_excel_turning_a_month_into_a_date_is_undone():
    assert normalise_cell(PERIOD, dt.datetime(2023, 3, 1)) == "2023-03"


@pytest.mark.parametrize("cell", ["2023Q5", "2023-13", "2023H3", "23", "2023年第一季度", dt.date(2023, 3, 5)])
def test_other_periods_are_rejected(cell):
    with pytest.raises(CellError) as caught:
        normalise_cell(PERIOD, cell)
    assert caught.value.reason.startswith("期间")
