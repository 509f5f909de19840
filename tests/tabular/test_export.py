import datetime as dt
import io
from decimal import Decimal

import openpyxl

from xiangzhi.core.tabular import parse_rows, read_rows, write_rows

from .builders import VALID_ID_X

RECORD = {
    "code": "NG-007",
    "village": "北官庄村",
    "grid": None,
    "head_name": "李四",
    "head_id_number": VALID_ID_X,
    "phone": "+86 13800138000",
    "persons": 4,
    "categories": ["低保户", "独居老人"],
    "admitted_on": dt.date(2023, 7, 14),
    "left_on": None,
    "income": Decimal("1234.50"),
    "share": Decimal("0.67"),
    "period": "2023Q1",
    "status": "故障",
}


def _export(sheet, records) -> io.BytesIO:
    out = io.BytesIO()
    write_rows(sheet, records, out)
    out.seek(0)
    return out


def test_export_renders_values_the_way_people_write_them(sheet):
    ledger = openpyxl.load_workbook(_export(sheet, [RECORD])).worksheets[0]
    cells = {c.header: cell for c, cell in zip(sheet.columns, ledger[2], strict=True)}
    assert cells["类别"].value == "低保户、独居老人"
    assert cells["达标率"].value == "67%"
    assert cells["人均收入"].value == 1234.5
    assert cells["纳入日期"].number_format == "yyyy-mm-dd"
    assert cells["网格"].value is None
    assert cells["户主身份证号"].data_type == "s"


def test_export_reimports_to_the_same_values(sheet):
    parsed = list(parse_rows(read_rows(_export(sheet, [RECORD]), "导出.xlsx", sheet), sheet))
    assert parsed[0].errors == []
    assert parsed[0].values == RECORD


def test_export_has_the_template_layout(sheet):
    book = openpyxl.load_workbook(_export(sheet, []))
    assert book.sheetnames == ["困难群体家庭", "说明"]
    assert [c.value for c in book.worksheets[0][1]] == [c.header for c in sheet.columns]
