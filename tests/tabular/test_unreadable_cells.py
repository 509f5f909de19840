"""Excel error values and formulas saved without a result are not blank cells (calamine reads both
as ''): each is an error of its row, named with what Excel shows, so nothing is cleared silently."""

import io
import re
import zipfile

import openpyxl
import pytest

from xiangzhi.core.tabular import parse_rows, read_rows, write_error_workbook
from xiangzhi.core.tabular import unreadable as unreadable_module
from xiangzhi.core.tabular.unreadable import ERROR_REASON, NO_RESULT_REASON

from .builders import HEADERS, rewrite_sheet, row, with_error, xlsx_bytes

WITH_EXIT = [*HEADERS, "退出日期"]


def _workbook(rows: list[list]) -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    for line in rows:
        book.active.append(line)
    return book


def _bytes(book: openpyxl.Workbook) -> io.BytesIO:
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def _parse(data: io.BytesIO, sheet):
    return list(parse_rows(read_rows(data, "台账.xlsx", sheet), sheet))


def _with_exit(value, code: str = "NG-001") -> list:
    return [*row(户编号=code), value]


def test_an_error_value_is_an_error_of_its_row_not_a_blank(sheet):
    book = _workbook([WITH_EXIT, _with_exit("#N/A"), _with_exit("2024-01-01", "NG-002")])
    with_error(book.active["H2"])

    first, second = _parse(_bytes(book), sheet)

    assert [str(error) for error in first.errors] == [f"第 2 行 [退出日期] #N/A: {ERROR_REASON}"]
    assert first.values["left_on"] is None and not first.ok
    assert second.ok and str(second.values["left_on"]) == "2024-01-01"


def test_every_error_code_is_named_as_excel_shows_it(sheet):
    codes = ["#REF!", "#DIV/0!", "#VALUE!", "#NAME?"]
    book = _workbook([WITH_EXIT, *[_with_exit(code, f"NG-{code}") for code in codes]])
    for number in range(2, 2 + len(codes)):
        with_error(book.active[f"H{number}"])

    parsed = _parse(_bytes(book), sheet)

    assert [row.errors[0].value for row in parsed] == codes


def test_a_formula_saved_without_its_result_is_an_error(sheet):
    # openpyxl, like any script, writes the formula and no result: Excel computes it on opening.
    data = xlsx_bytes([WITH_EXIT, _with_exit("=DATE(2024,1,1)")])

    (parsed,) = _parse(data, sheet)

    assert [(error.header, error.value, error.reason) for error in parsed.errors] == [
        ("退出日期", "=DATE(2024,1,1)", NO_RESULT_REASON)
    ]


def test_a_formula_saved_with_its_result_is_read_as_that_result(sheet):
    # What Excel writes: the formula and, after it, the value it computed (45292 = 2024-01-01).
    data = rewrite_sheet(
        xlsx_bytes([WITH_EXIT, _with_exit("=DATE(2024,1,1)")]),
        lambda xml: xml.replace("<v></v>", "<v>45292</v>").replace("<v />", "<v>45292</v>"),
    )

    (parsed,) = _parse(data, sheet)

    assert parsed.ok, parsed.errors
    assert str(parsed.values["left_on"]) == "2024-01-01"


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="H2" t="str"><f>IF(1,"","x")</f><v></v></c>',  # as Excel writes it
        '<c r="H2" t="str"><f>IF(1,"","x")</f></c>',  # no <v>: how some writers save it
    ],
)
def test_a_formula_whose_result_is_empty_text_is_blank(sheet, cell):
    data = rewrite_sheet(
        xlsx_bytes([WITH_EXIT, _with_exit("=PLACEHOLDER()")]),
        lambda xml: re.sub(r'<c r="H2"[^>]*>.*?</c>', cell, xml),
    )

    (parsed,) = _parse(data, sheet)

    assert parsed.ok and parsed.values["left_on"] is None


def test_a_row_holding_only_an_error_value_is_reported_not_skipped(sheet):
    book = _workbook([WITH_EXIT, row(), [None] * 7 + ["#N/A"]])
    with_error(book.active["H3"])

    parsed = _parse(_bytes(book), sheet)

    assert [row.number for row in parsed] == [2, 3]
    assert [error.header for error in parsed[1].errors if error.reason == ERROR_REASON] == ["退出日期"]


def test_an_error_value_in_an_unknown_column_is_ignored_with_the_column(sheet):
    book = _workbook([[*HEADERS, "备注"], [*row(), "#N/A"]])
    with_error(book.active["H2"])

    (parsed,) = _parse(_bytes(book), sheet)

    assert parsed.ok


def test_cells_are_found_where_the_table_starts_right_of_column_a(sheet):
    book = _workbook([[None, *WITH_EXIT], [None, *_with_exit("#N/A")]])
    with_error(book.active["I2"])

    (parsed,) = _parse(_bytes(book), sheet)

    assert [error.header for error in parsed.errors] == ["退出日期"]


def test_cells_without_references_are_counted_by_position(sheet):
    # The "r" attributes of rows and cells are optional; some writers leave them out.
    book = _workbook([WITH_EXIT, row(), _with_exit("#N/A", "NG-002")])
    with_error(book.active["H3"])
    data = rewrite_sheet(_bytes(book), lambda xml: re.sub(r' r="[A-Z]*\d+"', "", xml))

    first, second = _parse(data, sheet)

    assert first.ok
    assert [str(error) for error in second.errors] == [f"第 3 行 [退出日期] #N/A: {ERROR_REASON}"]


def test_a_marker_split_between_two_reads_is_still_found(sheet, monkeypatch):
    book = _workbook([WITH_EXIT, *[_with_exit(None, f"NG-{n}") for n in range(30)], _with_exit("#N/A")])
    with_error(book.active["H32"])
    data = _bytes(book)
    monkeypatch.setattr(unreadable_module, "_CHUNK", 7)

    parsed = _parse(data, sheet)

    assert [row.number for row in parsed if not row.ok] == [32]


def test_the_error_workbook_shows_the_error_value_in_its_cell(sheet):
    book = _workbook([WITH_EXIT, _with_exit("#N/A")])
    with_error(book.active["H2"])
    data = _bytes(book)
    errors = [error for parsed in _parse(data, sheet) for error in parsed.errors]
    out = io.BytesIO()

    write_error_workbook(read_rows(data, "台账.xlsx", sheet), errors, out)

    written = openpyxl.load_workbook(out).active
    assert written["H2"].value == "#N/A"
    assert ERROR_REASON in written["I2"].value


@pytest.mark.parametrize("broken", ["xl/_rels/workbook.xml.rels", "xl/workbook.xml"])
def test_a_workbook_whose_parts_cannot_be_followed_reads_as_before(sheet, broken):
    # unreadable_cells finds nothing rather than fail: calamine decides what is readable.
    data = rewrite_sheet(xlsx_bytes([WITH_EXIT, _with_exit(None)]), lambda xml: xml)
    assert unreadable_module.unreadable_cells(_without(data, broken)) == {}


def _without(data: io.BytesIO, name: str) -> io.BytesIO:
    source = zipfile.ZipFile(data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            if entry.filename != name:
                target.writestr(entry, source.read(entry.filename))
    out.seek(0)
    return out


def test_cells_are_found_in_a_sheet_written_with_a_namespace_prefix(sheet):
    # Some writers (the .NET Open XML SDK) spell every element <x:c>, <x:v>, <x:f>.
    book = _workbook([WITH_EXIT, _with_exit("#N/A")])
    with_error(book.active["H2"])

    def prefixed(xml: str) -> str:
        xml = re.sub(r"<(/?)([A-Za-z]\w*)(?=[\s>/])", r"<\1x:\2", xml)
        return xml.replace(' xmlns="', ' xmlns:x="', 1)

    (parsed,) = _parse(rewrite_sheet(_bytes(book), prefixed), sheet)

    assert [error.value for error in parsed.errors] == ["#N/A"]


@pytest.mark.parametrize("shown", ["#N/A", "#REF!", " #div/0! "])
def test_an_error_value_saved_as_text_in_a_csv_is_an_error_too(sheet, shown):
    data = io.BytesIO(
        ("\r\n".join([",".join(WITH_EXIT), ",".join(map(str, _with_exit(shown)))]) + "\r\n").encode()
    )

    (parsed,) = list(parse_rows(read_rows(data, "台账.csv", sheet), sheet))

    assert [(error.header, error.reason) for error in parsed.errors] == [("退出日期", ERROR_REASON)]


def test_a_text_column_holding_an_error_value_is_an_error_not_a_name(sheet):
    data = io.BytesIO(
        ("\r\n".join([",".join(HEADERS), ",".join(map(str, row(户主姓名="#NAME?")))]) + "\r\n").encode()
    )

    (parsed,) = list(parse_rows(read_rows(data, "台账.csv", sheet), sheet))

    assert [error.header for error in parsed.errors] == ["户主姓名"]


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="H2"><f>DATE(2024,1,1)</f></c>',  # no <v> element at all, as some libraries write it
        '<c r="H2"><f t="shared" ref="H2" si="0">A2</f></c>',
        '<c r="H2"><f t="array" ref="H2">A2</f></c>',
    ],
)
def test_a_formula_without_any_value_element_is_an_error(sheet, cell):
    data = rewrite_sheet(
        xlsx_bytes([WITH_EXIT, _with_exit("=PLACEHOLDER()")]),
        lambda xml: re.sub(r'<c r="H2"[^>]*>.*?</c>', cell, xml),
    )

    (parsed,) = _parse(data, sheet)

    assert [(error.header, error.reason) for error in parsed.errors] == [("退出日期", NO_RESULT_REASON)]


def test_rows_of_unsaved_formulas_below_the_last_value_are_reported_not_dropped(sheet):
    book = _workbook([WITH_EXIT, _with_exit(None)])
    book.active.append([f"={letter}2" for letter in "ABCDEFGH"])

    first, second = _parse(_bytes(book), sheet)

    assert first.ok
    assert second.number == 3 and len(second.errors) == len(WITH_EXIT)
    assert {error.reason for error in second.errors} == {NO_RESULT_REASON}
