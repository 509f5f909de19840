"""A ledger re-imported with #N/A (or an unsaved formula) where a value was stored keeps the value:
the file is refused with the cell named, on the command line and in the browser, and nothing is
written. Before, the cell read as blank and cleared the stored 退出日期 without a word."""

import datetime as dt

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.ledgers.support import HOUSEHOLD_HEADERS, household, import_cli, write_xlsx
from xiangzhi.care.models import Household
from xiangzhi.core.tabular.unreadable import ERROR_REASON, NO_RESULT_REASON

pytestmark = pytest.mark.django_db

LEFT = household(退出日期="2023-06-30", 退出原因="迁出")


@pytest.fixture
def stored(world, tmp_path) -> Household:
    result = import_cli("households", write_xlsx(tmp_path / "first.xlsx", HOUSEHOLD_HEADERS, [LEFT]))
    assert result.code == 0, result.err
    return Household.objects.get(household_no="NG-001")


def _with_cell(tmp_path, header: str, value: str, *, error: bool):
    path = write_xlsx(tmp_path / "again.xlsx", HOUSEHOLD_HEADERS, [LEFT])
    book = openpyxl.load_workbook(path)
    cell = book.active.cell(row=2, column=HOUSEHOLD_HEADERS.index(header) + 1, value=value)
    if error:
        cell.data_type = "e"
    book.save(path)
    return path


def _unchanged(record: Household) -> None:
    record.refresh_from_db()
    assert (record.exited_on, record.exit_reason) == (dt.date(2023, 6, 30), "迁出")
    assert record.history.count() == 1


def test_an_error_value_refuses_the_file_and_keeps_the_stored_date(stored, tmp_path):
    result = import_cli("households", _with_cell(tmp_path, "退出日期", "#N/A", error=True))

    assert result.code == 1
    assert f"第 2 行 [退出日期] #N/A: {ERROR_REASON}" in result.err_lines
    _unchanged(stored)


def test_an_unsaved_formula_refuses_the_file_and_keeps_the_stored_reason(stored, tmp_path):
    result = import_cli("households", _with_cell(tmp_path, "退出原因", '=IF(1,"迁出","")', error=False))

    assert result.code == 1
    assert f'第 2 行 [退出原因] =IF(1,"迁出",""): {NO_RESULT_REASON}' in result.err_lines
    _unchanged(stored)


def test_the_browser_preview_names_the_cell_and_offers_no_confirmation(stored, client_for, tmp_path):
    path = _with_cell(tmp_path, "退出日期", "#REF!", error=True)
    upload = SimpleUploadedFile("困难群体台账.xlsx", path.read_bytes())
    url = reverse("ledger-import", args=["households"])

    response = client_for("town_admin").post(url, {"file": upload}, follow=True)

    html = response.content.decode()
    assert "第 2 行 [退出日期] #REF!: 单元格是 Excel 错误值" in html
    assert "确认导入" not in html
    _unchanged(stored)
