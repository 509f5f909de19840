import io

import openpyxl

from xiangzhi.core.tabular import parse_rows, read_rows, write_template


def _template(sheet) -> io.BytesIO:
    out = io.BytesIO()
    write_template(sheet, out)
    out.seek(0)
    return out


def test_template_has_canonical_headers_and_an_example_row(sheet):
    book = openpyxl.load_workbook(_template(sheet))
    ledger = book.worksheets[0]
    assert ledger.title == "困难群体家庭"
    assert [c.value for c in ledger[1]] == [c.header for c in sheet.columns]
    example = {c.header: cell.value for c, cell in zip(sheet.columns, ledger[2], strict=True)}
    assert example["户编号"] == "NG-001"
    assert example["家庭人口"] == 3


def test_template_has_a_shuoming_sheet_explaining_every_column(sheet):
    book = openpyxl.load_workbook(_template(sheet))
    rows = list(book["说明"].iter_rows(values_only=True))
    assert rows[0] == ("列名", "是否必填", "格式", "允许的值", "说明")
    by_header = {r[0]: r for r in rows[1 : len(sheet.columns) + 1]}
    assert set(by_header) == {c.header for c in sheet.columns}
    assert by_header["纳入日期"][1] == "是"
    assert "2023年7月14日" in by_header["纳入日期"][2]
    assert by_header["类别"][3].startswith("低保户、特困供养户")
    assert by_header["网格"][1] == "否"


def test_required_headers_are_styled_but_not_renamed(sheet):
    ledger = openpyxl.load_workbook(_template(sheet)).worksheets[0]
    fonts = {cell.value: cell.font for cell in ledger[1]}
    assert fonts["户编号"].color.rgb.endswith("C00000") and fonts["户编号"].b
    assert fonts["网格"].color is None or not fonts["网格"].color.rgb.endswith("C00000")


def test_template_example_row_imports_cleanly(sheet):
    reader = read_rows(_template(sheet), "模板.xlsx", sheet)
    assert reader.warnings == []
    parsed = list(parse_rows(reader, sheet))
    assert len(parsed) == 1 and parsed[0].errors == []
    assert parsed[0].values["categories"] == ["低保户", "独居老人"]


def test_choice_columns_get_a_drop_down(sheet):
    ledger = openpyxl.load_workbook(_template(sheet)).worksheets[0]
    formulas = [rule.formula1 for rule in ledger.data_validations.dataValidation]
    assert formulas == ['"正常,故障,拆除"']
