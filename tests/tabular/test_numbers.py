from decimal import Decimal

import pytest

from xiangzhi.core.tabular import CellError, Column, normalise_cell

PERSONS = Column("家庭人口", "persons", required=True, kind="int")
POINTS = Column("分值", "points", required=True, kind="int")
INCOME = Column("集体经济收入(万元)", "income", required=True, kind="decimal")


@pytest.mark.parametrize("cell", ["3", 3, 3.0, "３", " 3 ", "3.0", "+3"])
def test_integers_accept_text_numbers_and_full_width_digits(cell):
    assert normalise_cell(PERSONS, cell) == 3


def test_negative_integers_are_kept():
    assert normalise_cell(POINTS, "-5") == -5


def test_thousands_separators_in_integers():
    assert normalise_cell(PERSONS, "1,234") == 1234


@pytest.mark.parametrize("cell", ["3.5", 3.5])
def test_fractional_integer_is_rejected(cell):
    with pytest.raises(CellError) as caught:
        normalise_cell(PERSONS, cell)
    assert caught.value.reason == "应为整数"


@pytest.mark.parametrize("cell", ["三", "3人", True])
def test_non_numbers_are_not_integers(cell):
    with pytest.raises(CellError):
        normalise_cell(PERSONS, cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("1,234.5", "1234.5"), ("１２.５", "12.5"), (12.5, "12.5"), (0.1, "0.1"), (7, "7"), (".5", "0.5")],
)
def test_decimals_accept_thousands_separators_and_floats_without_binary_noise(cell, expected):
    assert normalise_cell(INCOME, cell) == Decimal(expected)
    assert str(normalise_cell(INCOME, cell)) == str(Decimal(expected))


@pytest.mark.parametrize("cell", ["1,23.4", "12万", "NaN", float("inf")])
def test_malformed_decimals_are_rejected(cell):
    with pytest.raises(CellError) as caught:
        normalise_cell(INCOME, cell)
    assert caught.value.reason == "应为数字"
