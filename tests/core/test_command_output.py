"""Files the commands write: a refused path is one Chinese line, a failure leaves no half file,
and an unexpected error shows its user where the traceback went instead of the traceback."""

import pytest
from django.conf import settings

from tests.ledgers.support import HOUSEHOLD_HEADERS, household, import_cli, run, write_xlsx
from xiangzhi.core.management.commands import export

pytestmark = pytest.mark.django_db


def test_a_missing_directory_is_named_as_such(tmp_path):
    result = run("template", "households", "--out", str(tmp_path / "missing" / "t.xlsx"))

    assert result.code == 1
    assert result.err_lines == [f"无法写入文件 {tmp_path / 'missing' / 't.xlsx'}：目录不存在"]


def test_a_directory_given_as_the_file_is_refused(world, tmp_path):
    result = run("report", "--town", "宁郭镇", "--year", "2023", "--out", str(tmp_path))

    assert result.code == 1
    assert result.err_lines == [f"无法写入文件 {tmp_path}：这是一个目录，请写出文件名"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "command", [("template", "households"), ("export", "households", "--town", "宁郭镇")]
)
def test_an_xlsx_is_not_written_under_another_extension(world, tmp_path, command):
    result = run(*command, "--out", str(tmp_path / "households.csv"))

    assert result.code == 2
    assert ".xlsx 结尾的文件名" in result.err
    assert not (tmp_path / "households.csv").exists()


def test_a_failed_export_keeps_the_earlier_file_and_leaves_nothing_else(world, tmp_path, monkeypatch):
    earlier = tmp_path / "households.xlsx"
    earlier.write_bytes(b"the export of last week")

    def fails_half_way(declared, records, handle, root):
        handle.write(b"half a workbook")
        raise RuntimeError("the database went away")

    monkeypatch.setattr(export, "export_records", fails_half_way)
    result = run("export", "households", "--town", "宁郭镇", "--out", str(earlier))

    assert result.code == 1
    assert "Traceback" not in result.err
    assert earlier.read_bytes() == b"the export of last week"
    assert list(tmp_path.iterdir()) == [earlier]


def test_a_written_file_gets_the_permissions_open_would_give_it(world, tmp_path):
    reference = tmp_path / "reference"
    reference.write_bytes(b"")

    result = run("template", "households", "--out", str(tmp_path / "t.xlsx"))

    assert result.code == 0
    assert (tmp_path / "t.xlsx").stat().st_mode == reference.stat().st_mode


def test_the_error_workbook_is_refused_under_a_wrong_name_before_the_import_runs(world, tmp_path):
    source = write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household()])

    result = import_cli("households", source, "--errors", str(tmp_path / "errors.csv"))

    assert result.code == 2
    assert ".xlsx 结尾的文件名" in result.err


def test_an_unwritable_error_workbook_still_lists_the_errors(world, tmp_path):
    source = write_xlsx(tmp_path / "h.xlsx", HOUSEHOLD_HEADERS, [household(家庭人口="三口")])
    errors_out = tmp_path / "missing" / "errors.xlsx"

    result = import_cli("households", source, "--errors", str(errors_out))

    assert result.code == 1
    assert "第 2 行" in result.err
    assert f"无法写入文件 {errors_out}：目录不存在" in result.err


def test_an_unexpected_failure_names_the_log_that_holds_its_traceback(world, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a fault nobody foresaw")

    monkeypatch.setattr(export, "export_records", broken)
    result = run("export", "households", "--town", "宁郭镇", "--out", str(tmp_path / "h.xlsx"))

    assert result.code == 1
    assert result.err_lines == [f"系统错误，未写入任何数据。详细信息已记入日志 {settings.CLI_LOG_FILE}"]
    logged = settings.CLI_LOG_FILE.read_text(encoding="utf-8")
    assert "Traceback" in logged and "a fault nobody foresaw" in logged
