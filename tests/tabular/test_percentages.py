from decimal import Decimal

import pytest

from xiangzhi.core.tabular import CellError, Column, normalise_cell

SHARE = Column("三星及以上占比", "share", required=True, kind="percent")


@pytest.mark.parametrize("cell", ["67%", "67 %", "６７％", "0.67", 0.67])
def test_percentages_accept_percent_sign_or_fraction(cell):
    assert normalise_cell(SHARE, cell) == Decimal("0.67")


def test_percent_formatted_numeric_cell_is_a_fraction():
    assert normalise_cell(SHARE, 1) == Decimal("1")
    assert normalise_cell(SHARE, "100%") == Decimal("1")


@pytest.mark.parametrize("cell", ["67", 67, 67.0])
def test_number_above_one_without_percent_sign_is_ambiguous(cell):
    with pytest.raises(CellError) as caught:
        normalise_cell(SHARE, cell)
    assert "67%" in caught.value.reason


@pytest.mark.parametrize("cell", ["120%", "-5%", "大约一半"])
def test_impossible_percentages_are_rejected(cell):
    with pytest.raises(CellError):
        normalise_cell(SHARE, cell)
