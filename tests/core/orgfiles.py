"""Build org-tree workbooks for the ``xiangzhi import orgs`` tests and run the command."""

from io import StringIO
from pathlib import Path

import openpyxl
from django.core.management import call_command

HEADERS = ["编码", "名称", "层级", "上级编码"]

# A small but complete tree: 省 > 市 > 县 > 乡镇 > 2 villages > grids (one grid under a grid).
GOOD_ROWS = [
    ["41", "河南省", "省", ""],
    ["4108", "焦作市", "市", "41"],
    ["410811", "山阳区", "县", "4108"],
    ["410811101", "宁郭镇", "乡镇", "410811"],
    ["410811101210", "桥湾村", "村", "410811101"],
    ["41081110121001", "桥湾村第1网格", "网格", "410811101210"],
    ["4108111012100101", "桥湾村第1网格东片", "网格", "41081110121001"],
    ["410811101211", "马村", "村", "410811101"],
    ["41081110121101", "马村第1网格", "网格", "410811101211"],
]


def write_orgs(path: Path, rows: list[list], *, title: str | None = None) -> Path:
    """An .xlsx with an optional merged title row above the header, as offices send them."""
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells("A1:D1")
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def run_command(*args) -> tuple[int, str, str]:
    """Run a xiangzhi command; return (exit code, stdout, stderr) as a user would see them."""
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()
