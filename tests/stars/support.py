"""Helpers shared by the star tests: workbooks on disk and the import/export commands."""

import io
from contextlib import redirect_stderr

import openpyxl
import pytest
from django.core.management import call_command


def write_xlsx(path, rows: list[list]) -> str:
    book = openpyxl.Workbook()
    sheet = book.active
    for line in rows:
        sheet.append(line)
    book.save(path)
    return str(path)


def read_xlsx(path) -> list[list]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def run_import(ledger: str, path, town: str = "宁郭镇", *args) -> tuple[int, str]:
    """(exit code, stderr) of ``xiangzhi import``."""
    err = io.StringIO()
    with redirect_stderr(err):
        try:
            call_command("import", ledger, str(path), "--town", town, *args, stdout=io.StringIO(), stderr=err)
        except SystemExit as exit_:
            return exit_.code, err.getvalue()
    return 0, err.getvalue()


def run_export(ledger: str, path, town: str = "宁郭镇") -> str:
    call_command("export", ledger, "--town", town, "--out", str(path), stdout=io.StringIO())
    return str(path)


@pytest.fixture
def import_ok():
    def run(ledger, path, *args):
        code, err = run_import(ledger, path, "宁郭镇", *args)
        assert code == 0, err
        return err

    return run


def simple_document(year: int = 2023, **changes) -> dict:
    """A small standard: each star has one task the village meets by giving evidence; 平安法治星
    has a veto item; 支部过硬星 is the capstone that needs the other four first."""
    stars = []
    for order, name in enumerate(
        ["产业兴旺星", "生态宜居星", "平安法治星", "文明幸福星", "支部过硬星"], start=1
    ):
        capstone = name == "支部过硬星"
        stars.append(
            {
                "star": name,
                "order": order,
                "is_capstone": capstone,
                "requires_all_others": capstone,
                "tasks": [
                    {"seq": 1, "title": f"{name}任务", "indicator_type": "bool", "evidence_required": False}
                ],
                "veto_rules": [{"title": "发生刑事案件", "metric": ""}] if name == "平安法治星" else [],
            }
        )
    return {"year": year, "label": "测试标准", "issuer": "测试", "stars": stars, **changes}
