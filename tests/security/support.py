"""Helpers the ledger tests of security, environment and projects share: build a messy workbook,
run the CLI as a user would, and compare a ledger before and after a re-import."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from django.core.management import call_command

TOWN = "宁郭镇"  # the test world's town (tests/world.py)


def write_xlsx(path: Path, rows: list[list], *, title: str | None = None) -> Path:
    """A workbook as people make them: an optional merged title row and a blank row above the header."""
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(len(r) for r in rows))
        sheet.append([])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run(*args: str) -> CliResult:
    """``xiangzhi <args>`` in-process, with its exit code (0 unless the command exits)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = exit_.code
    return CliResult(code, out.getvalue(), err.getvalue())


def import_file(ledger: str, path: Path, *extra: str) -> CliResult:
    return run("import", ledger, str(path), "--town", TOWN, *extra)


def export_file(ledger: str, path: Path) -> Path:
    result = run("export", ledger, "--town", TOWN, "--out", str(path))
    assert result.code == 0, result.err
    return path


_BOOKKEEPING = {"created_at", "updated_at", "id"}


def snapshot(model) -> list[dict]:
    """Every live record's stored values (bookkeeping aside), in a stable order."""
    names = [f.attname for f in model._meta.concrete_fields if f.name not in _BOOKKEEPING]
    return [
        dict(zip(names, row, strict=True)) for row in model.all_objects.order_by("pk").values_list(*names)
    ]


def history_count(model) -> int:
    return model.history.count()


def assert_reimport_changes_nothing(ledger: str, model, tmp_path: Path) -> None:
    """Export the town's ledger and import it again: same records, no new history."""
    before, history = snapshot(model), history_count(model)
    exported = export_file(ledger, tmp_path / f"{ledger}-export.xlsx")
    result = import_file(ledger, exported)
    assert result.code == 0, result.err
    assert "新增 0，更新 0" in result.out
    assert snapshot(model) == before
    assert history_count(model) == history
