"""Helpers of the safety tests: messy workbooks as villages really keep them, imports and exports."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.core.management import call_command

from xiangzhi.core.ledgers import get_ledger
from xiangzhi.core.ledgers.importer import import_file
from xiangzhi.core.models import system_user


def write_workbook(path: Path, header: list, rows: list[list], title: str | None = None) -> Path:
    """An .xlsx with an optional merged title row and a blank row above the header, like 台账 in use."""
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def read_workbook(path: Path) -> list[list]:
    sheet = openpyxl.load_workbook(path, read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


class Importer:
    def __init__(self, tmp_path: Path, town):
        self.tmp_path = tmp_path
        self.town = town
        self.count = 0

    def workbook(self, header, rows, title=None) -> Path:
        self.count += 1
        return write_workbook(self.tmp_path / f"book{self.count}.xlsx", header, rows, title)

    def run(self, ledger: str, path: Path, *, user=None, dry_run=False):
        return import_file(
            get_ledger(ledger),
            path,
            path.name,
            town=self.town,
            acting_user=user or system_user(),
            dry_run=dry_run,
        )

    def cli(self, ledger: str, path: Path) -> tuple[int, str, str]:
        """``xiangzhi import`` as a user runs it: (exit code, stdout, stderr)."""
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import", ledger, str(path), "--town", self.town.name, stdout=out, stderr=err)
        except SystemExit as exit_:
            return int(exit_.code), out.getvalue(), err.getvalue()
        return 0, out.getvalue(), err.getvalue()

    def export(self, ledger: str) -> Path:
        self.count += 1
        path = self.tmp_path / f"export{self.count}.xlsx"
        call_command("export", ledger, "--town", self.town.code, "--out", str(path), stdout=io.StringIO())
        return path


@pytest.fixture
def importer(tmp_path, world):
    return Importer(tmp_path, world.town)
