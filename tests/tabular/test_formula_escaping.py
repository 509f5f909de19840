"""Exported text that Excel would run is escaped, and the importer undoes exactly that escape."""

import io

import pytest
from python_calamine import CalamineWorkbook

from xiangzhi.core.tabular import Column, Sheet, escape_formula, parse_rows, read_rows, write_rows

NOTES = Sheet(
    "notes",
    "记录",
    (Column("编号", "code", required=True), Column("情况记录", "note"), Column("类别", "tags", kind="list")),
    key=("code",),
)
DANGEROUS = ["=1+2", "+86 138", "-", "@SUM(A1)", '=HYPERLINK("http://x")', "'=already quoted", "a=b"]


@pytest.mark.parametrize("value", ["=1+2", "+1", "-1", "@x", "\tx", "\rx"])
def test_formula_starts_get_an_apostrophe(value):
    assert escape_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["a=b", "", 3, None, "'x", "''x"])
def test_other_values_are_untouched(value):
    assert escape_formula(value) == value


def test_export_stores_no_formula_and_reimports_the_same_values():
    records = [{"code": f"N{n}", "note": note, "tags": ["=甲", "乙"]} for n, note in enumerate(DANGEROUS)]
    out = io.BytesIO()
    write_rows(NOTES, records, out)
    out.seek(0)
    cells = CalamineWorkbook.from_filelike(io.BytesIO(out.getvalue())).get_sheet_by_index(0).to_python()
    assert cells[1][1] == "'=1+2"  # stored as text, not as a formula
    parsed = list(parse_rows(read_rows(out, "记录.xlsx", NOTES), NOTES))
    assert [p.values["note"] for p in parsed] == DANGEROUS
    assert parsed[0].values["tags"] == ["=甲", "乙"]


def test_text_that_already_starts_with_an_apostrophe_round_trips():
    assert escape_formula("'=x") == "''=x"
    assert escape_formula("''=x") == "'''=x"
