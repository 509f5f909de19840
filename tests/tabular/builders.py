"""A households-like ledger and helpers that build real small workbooks and CSV files."""

from __future__ import annotations

import io
import zipfile

import openpyxl

from xiangzhi.core.tabular import Column, Sheet

CATEGORIES = (
    "低保户",
    "特困供养户",
    "残疾人家庭",
    "独居老人",
    "留守儿童家庭",
    "重病患者家庭",
    "脱贫监测户",
    "其他",
)
VALID_ID = "410802199001011232"  # GB 11643 check digit verified
VALID_ID_X = "11010519491231002X"  # check digit X
HEADERS = ["户编号", "所属村", "户主姓名", "户主身份证号", "家庭人口", "类别", "纳入日期"]

HOUSEHOLDS = Sheet(
    name="households",
    title="困难群体家庭",
    key=("code",),
    columns=(
        Column("户编号", "code", required=True, example="NG-001"),
        Column("所属村", "village", required=True, example="北官庄村"),
        Column("网格", "grid"),
        Column("户主姓名", "head_name", required=True, max_length=20, example="张三"),
        Column("户主身份证号", "head_id_number", required=True, kind="id_number", example=VALID_ID),
        Column("联系电话", "phone"),
        Column("家庭人口", "persons", required=True, kind="int", example="3"),
        Column(
            "类别", "categories", required=True, kind="list", choices=CATEGORIES, example="低保户、独居老人"
        ),
        Column("纳入日期", "admitted_on", required=True, kind="date", example="2023-07-14"),
        Column("退出日期", "left_on", kind="date"),
        Column("人均收入", "income", kind="decimal"),
        Column("达标率", "share", kind="percent"),
        Column("期间", "period", kind="period"),
        Column("状态", "status", kind="choice", choices=("正常", "故障", "拆除"), default="正常"),
    ),
)


def row(**overrides) -> list:
    """A valid data row in HEADERS order, with some cells replaced."""
    values = {
        "户编号": "NG-001",
        "所属村": "北官庄村",
        "户主姓名": "张三",
        "户主身份证号": VALID_ID,
        "家庭人口": 3,
        "类别": "低保户",
        "纳入日期": "2023-07-14",
    }
    values.update(overrides)
    return [values[h] for h in HEADERS]


def xlsx_bytes(rows: list[list], merge: str | None = None) -> io.BytesIO:
    book = openpyxl.Workbook()
    ws = book.active
    for line in rows:
        ws.append(line)
    if merge:
        ws.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> io.BytesIO:
    text = "\r\n".join(",".join(str(cell) for cell in line) for line in rows) + "\r\n"
    return io.BytesIO(text.encode(encoding))


def with_error(cell) -> None:
    """Make an openpyxl cell hold its value as an Excel error value (#N/A, #REF! …)."""
    cell.data_type = "e"


def rewrite_sheet(data: io.BytesIO, rewrite) -> io.BytesIO:
    """The same workbook with its first sheet's XML passed through ``rewrite(text) -> text``
    (openpyxl cannot write what Excel writes: cached formula results, cells without "r" …)."""
    source = zipfile.ZipFile(data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                content = rewrite(content.decode()).encode()
            target.writestr(entry, content)
    out.seek(0)
    return out
