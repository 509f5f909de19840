"""Helpers shared by the events, points and economy tests: workbooks, the CLI, query counts."""

import io
from pathlib import Path

import openpyxl
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

TOWN = "宁郭镇"


def write_xlsx(path: Path, rows: list[list], title: str | None = None) -> Path:
    """A workbook as people make them: an optional merged title row above the header row."""
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(r) for r in rows))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def read_xlsx(path: Path) -> list[list]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def cli(*args) -> tuple[int, str, str]:
    """Run a xiangzhi command; (exit code, stdout, stderr) as a user would see them."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def import_file(ledger: str, path: Path, town: str = TOWN) -> tuple[int, str, str]:
    return cli("import", ledger, str(path), "--town", town)


def export_file(ledger: str, path: Path, town: str = TOWN) -> Path:
    code, _, err = cli("export", ledger, "--town", town, "--out", str(path))
    assert code == 0, err
    return path


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)
