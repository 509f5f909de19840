import pytest

from xiangzhi.core.tabular import FileRejected, Limits, read_rows

from .builders import HEADERS, csv_bytes, row, xlsx_bytes


def test_too_many_rows_is_rejected_as_soon_as_the_limit_is_passed(sheet):
    rows = [HEADERS] + [row(户编号=f"NG-{n}") for n in range(5)]
    reader = read_rows(xlsx_bytes(rows), "台账.xlsx", sheet, Limits(max_rows=3))
    seen = []
    with pytest.raises(FileRejected) as caught:
        for raw in reader:
            seen.append(raw.number)
    assert seen == [2, 3, 4]
    assert caught.value.message.startswith("行数过多")


def test_too_many_columns_in_a_workbook_is_rejected(sheet):
    wide = [*HEADERS, *(f"列{n}" for n in range(10))]
    with pytest.raises(FileRejected) as caught:
        read_rows(xlsx_bytes([wide, row()]), "台账.xlsx", sheet, Limits(max_columns=10))
    assert caught.value.message.startswith("列数过多")


def test_too_many_columns_in_a_csv_row_is_rejected(sheet):
    data = csv_bytes([HEADERS, row() + ["x"] * 20])
    reader = read_rows(data, "台账.csv", sheet, Limits(max_columns=10))
    with pytest.raises(FileRejected) as caught:
        list(reader)
    assert "第 2 行" in caught.value.message


def test_reader_can_only_be_iterated_once(sheet):
    reader = read_rows(xlsx_bytes([HEADERS, row()]), "台账.xlsx", sheet)
    assert len(list(reader)) == 1
    with pytest.raises(RuntimeError):
        iter(reader)


def test_workbook_far_over_the_row_limit_is_rejected_before_any_row_is_read(sheet):
    rows = [HEADERS] + [row(户编号=f"NG-{n}") for n in range(1100)]
    with pytest.raises(FileRejected) as caught:
        read_rows(xlsx_bytes(rows), "台账.xlsx", sheet, Limits(max_rows=50))
    assert caught.value.message.startswith("行数过多")


def test_workbook_that_unpacks_too_large_is_rejected(sheet):
    with pytest.raises(FileRejected) as caught:
        read_rows(xlsx_bytes([HEADERS, row()]), "台账.xlsx", sheet, Limits(max_unpacked_bytes=1000))
    assert "解压后" in caught.value.message


def test_numeric_unknown_header_is_named_as_typed(sheet):
    reader = read_rows(xlsx_bytes([[*HEADERS, 2023], [*row(), 1]]), "台账.xlsx", sheet)
    assert reader.warnings == ["忽略未知列：2023"]
