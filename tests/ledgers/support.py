"""Real small ledger files of the care ledgers, and the command line as a user runs it.

The test world (tests/world.py) has the town 宁郭镇 (code 410811101) with the villages 桥湾村
(grid 村0网格) and 村1 (grid 村1网格), and another town 外镇 with the village 外村.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from django.core.management import call_command
from stdnum.cn.ric import calc_check_digit

from xiangzhi.care.models import Household, Matter, Member, Problem, Visit

HOUSEHOLD_HEADERS = [
    "户编号", "所属村", "网格", "户主姓名", "户主身份证号", "联系电话", "家庭人口", "类别", "帮扶责任人",
    "纳入日期", "退出日期", "退出原因",
]  # fmt: skip
FULL_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
CARE_MODELS = (Household, Member, Visit, Problem, Matter)


def valid_id(serial: int, birth: str = "19800101") -> str:
    """A fictitious ID number with a valid GB 11643 check digit, different for each serial."""
    body = f"410802{birth}{serial:03d}"
    return body + calc_check_digit(body + "0")  # stdnum wants a placeholder check digit


def household(**overrides) -> dict[str, object]:
    """A valid household row by header; ``None`` values leave the cell empty."""
    row: dict[str, object] = {
        "户编号": "NG-001",
        "所属村": "桥湾村",
        "网格": "村0网格",
        "户主姓名": "张三",
        "户主身份证号": valid_id(1),
        "联系电话": "13900001111",
        "家庭人口": 3,
        "类别": "低保户",
        "帮扶责任人": "李四",
        "纳入日期": "2023-01-05",
        "退出日期": None,
        "退出原因": None,
    }
    row.update(overrides)
    return row


def write_xlsx(
    path: Path, headers: list[str], rows: list[dict], *, title: str | None = None, blank_rows: int = 0
) -> Path:
    """An .xlsx like a village keeps it: an optional merged title row and blank rows, then the table."""
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    for _ in range(blank_rows):
        sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(header) for header in headers])
    book.save(path)
    return path


def write_csv(path: Path, headers: list[str], rows: list[dict], encoding: str) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if row.get(h) is None else row.get(h) for h in headers])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def read_xlsx(path: Path) -> list[list]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


def run(command: str, *args: str) -> Result:
    """A management command as the user runs it: exit code (0 when it returns), stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return Result(int(exit_.code), out.getvalue(), err.getvalue())
    return Result(0, out.getvalue(), err.getvalue())


def import_cli(ledger: str, path: Path, *args: str, town: str = "宁郭镇") -> Result:
    return run("import", ledger, str(path), "--town", town, *args)


def export_cli(ledger: str, path: Path, town: str = "宁郭镇") -> Result:
    return run("export", ledger, "--town", town, "--out", str(path))


def counts() -> dict[str, int]:
    """Records and history rows of every care ledger, deleted records included."""
    found = {}
    for model in CARE_MODELS:
        found[model.__name__] = model.all_objects.count()
        found[f"{model.__name__}History"] = model.history.model.objects.count()
    return found


NOTHING = {key: 0 for model in CARE_MODELS for key in (model.__name__, f"{model.__name__}History")}


# What people type where a number, a date or a name is wanted (and what is typed into addresses).
GARBAGE = ["0", "-1", "99999999999999999999", "2023-02-30", "abc", "９９", "1e400", "x" * 300, "<b>"]
