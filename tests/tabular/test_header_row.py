from xiangzhi.core.tabular import parse_rows, read_rows

from .builders import HEADERS, csv_bytes, row, xlsx_bytes


def test_header_row_found_under_merged_title_rows(sheet):
    data = xlsx_bytes([["宁郭镇困难群体台账"], ["2023年度"], [], HEADERS, row()], merge="A1:G1")
    reader = read_rows(data, "台账.xlsx", sheet)
    assert reader.header_row == 4
    rows = list(parse_rows(reader, sheet))
    assert [r.number for r in rows] == [5]
    assert rows[0].values["code"] == "NG-001"


def test_row_numbers_are_what_excel_shows_and_blank_rows_are_skipped(sheet):
    data = xlsx_bytes([HEADERS, row(), [], ["", "  ", None], row(户编号="NG-002")])
    numbers = [r.number for r in read_rows(data, "台账.xlsx", sheet)]
    assert numbers == [2, 5]


def test_header_found_when_sheet_starts_below_and_right_of_a1(sheet):
    import io

    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    for offset, line in ((3, HEADERS), (4, row())):
        for index, value in enumerate(line):
            ws.cell(row=offset, column=index + 3, value=value)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    reader = read_rows(data, "台账.xlsx", sheet)
    assert reader.header_row == 3
    assert [(r.number, r.values["village"]) for r in reader] == [(4, "北官庄村")]


def test_columns_may_come_in_any_order(sheet):
    order = list(reversed(HEADERS))
    data = xlsx_bytes([order, list(reversed(row()))])
    parsed = next(parse_rows(read_rows(data, "台账.xlsx", sheet), sheet))
    assert parsed.errors == []
    assert parsed.values["head_name"] == "张三"
    assert parsed.values["persons"] == 3


def test_csv_row_numbers_count_the_title_and_header_lines(sheet):
    data = csv_bytes([["宁郭镇困难群体台账"], HEADERS, row(), row(户编号="NG-002")])
    reader = read_rows(data, "台账.csv", sheet)
    assert reader.header_row == 2
    assert [r.number for r in reader] == [3, 4]
