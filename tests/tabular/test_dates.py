import datetime as dt

import pytest

from xiangzhi.core.tabular import CellError, Column, normalise_cell, parse_rows, read_rows

from .builders import HEADERS, row, xlsx_bytes

DATE = Column("纳入日期", "admitted_on", required=True, kind="date")
JULY_14 = dt.date(2023, 7, 14)


@pytest.mark.parametrize(
    "text",
    [
        "2023-07-14",
        "2023/7/14",
        "2023.7.14",
        "2023年7月14日",
        " 2023-7-14 ",
        "２０２３－０７－１４",
        "2023/7/14 0:00",
    ],
)
def test_date_text_formats_are_accepted(text):
    assert normalise_cell(DATE, text) == JULY_14


@pytest.mark.parametrize(
    "cell", [JULY_14, dt.datetime(2023, 7, 14, 9, 30), 45121, 45121.0, 45121.75], ids=str
)
def test_excel_date_cells_and_serials_are_accepted(cell):
    assert normalise_cell(DATE, cell) == JULY_14


def test_dates_typed_into_a_workbook_arrive_as_dates(sheet):
    data = xlsx_bytes([HEADERS, row(纳入日期=dt.datetime(2023, 7, 14))])
    parsed = next(parse_rows(read_rows(data, "台账.xlsx", sheet), sheet))
    assert parsed.values["admitted_on"] == JULY_14


def test_impossible_date_is_rejected_with_a_clear_reason():
    with pytest.raises(CellError) as caught:
        normalise_cell(DATE, "2023-02-30")
    assert caught.value.reason == "日期不存在：2023年2月没有30日"


def test_month_thirteen_is_rejected():
    with pytest.raises(CellError, match="月份"):
        normalise_cell(DATE, "2023/13/1")


@pytest.mark.parametrize("text", ["14/07/2023", "2023-07/14", "昨天", "2023年7月"])
def test_unrecognised_date_text_lists_the_accepted_formats(text):
    with pytest.raises(CellError) as caught:
        normalise_cell(DATE, text)
    assert "2023年7月14日" in caught.value.reason


def test_time_only_cell_is_not_a_date():
    with pytest.raises(CellError):
        normalise_cell(DATE, dt.time(9, 30))


def test_blank_required_date_is_required():
    with pytest.raises(CellError) as caught:
        normalise_cell(DATE, "  ")
    assert caught.value.reason == "必填"
