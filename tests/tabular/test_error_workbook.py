import io

import openpyxl

from xiangzhi.core.tabular import parse_rows, read_rows, write_error_workbook

from .builders import HEADERS, row, xlsx_bytes


def _failed_import(sheet):
    data = xlsx_bytes(
        [
            ["宁郭镇困难群体台账"],
            [*HEADERS, "备注"],
            [*row(), "好"],
            [*row(户编号="NG-2", 家庭人口="三"), "-注意"],
        ],
        merge="A1:H1",
    )
    errors = [e for p in parse_rows(read_rows(data, "台账.xlsx", sheet), sheet) for e in p.errors]
    data.seek(0)
    out = io.BytesIO()
    write_error_workbook(read_rows(data, "台账.xlsx", sheet), errors, out)
    out.seek(0)
    return errors, openpyxl.load_workbook(out).worksheets[0]


def test_error_workbook_adds_an_error_column_and_leaves_rows_without_an_error_blank(sheet):
    errors, ws = _failed_import(sheet)
    assert [c.value for c in ws[2]] == [*HEADERS, "备注", "错误"]
    assert {c.value for c in ws[3]} == {None}
    assert ws[4][-1].value == "第 4 行 [家庭人口] 三: 应为整数，如 3"
    assert [str(e) for e in errors] == [ws[4][-1].value]


def test_error_workbook_keeps_rows_at_their_original_row_numbers(sheet):
    _, ws = _failed_import(sheet)
    assert ws.cell(row=4, column=1).value == "NG-2"
    assert ws.cell(row=4, column=5).value == "三"


def test_error_workbook_escapes_formulas_from_the_upload(sheet):
    _, ws = _failed_import(sheet)
    assert ws.cell(row=4, column=8).value == "'-注意"


def test_error_workbook_accepts_parsed_rows_and_a_mapping(sheet):
    data = xlsx_bytes([HEADERS, row(), row(户编号="NG-2")])
    reader = read_rows(data, "台账.xlsx", sheet)
    parsed = list(parse_rows(reader, sheet))
    out = io.BytesIO()
    write_error_workbook(parsed, {3: ["村不属于本镇"]}, out, headers=reader.headers)
    out.seek(0)
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert [r[0] for r in ws.iter_rows(values_only=True)] == ["户编号", None, "NG-2"]
    assert [r[-1] for r in ws.iter_rows(values_only=True)] == ["错误", None, "村不属于本镇"]
