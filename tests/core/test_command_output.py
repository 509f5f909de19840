"""Files the commands write: a refused path is one Chinese line, a failure leaves no half file,
and an unexpected error shows its user where the traceback went instead of the traceback."""

import os
import threading

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
    directory = tmp_path / "reports.json"  # named like the file wanted, so only being a directory fails
    directory.mkdir()
    result = run("report", "--town", "宁郭镇", "--year", "2023", "--out", str(directory))

    assert result.code == 1
    assert result.err_lines == [f"无法写入文件 {directory}：这是一个目录，请写出文件名"]
    assert list(tmp_path.iterdir()) == [directory]
    assert list(directory.iterdir()) == []


@pytest.mark.parametrize(
    "command", [("template", "households"), ("export", "households", "--town", "宁郭镇")]
)
def test_an_xlsx_is_not_written_under_another_extension(world, tmp_path, command):
    result = run(*command, "--out", str(tmp_path / "households.csv"))

    assert result.code == 2
    assert ".xlsx 结尾的文件名" in result.err
    assert not (tmp_path / "households.csv").exists()


@pytest.mark.parametrize(
    "command",
    [("template", "households"), ("export", "households", "--town", "宁郭镇"), ("report_template",)],
)
def test_an_empty_out_is_a_usage_error(world, command):
    result = run(*command, "--out", "")

    assert result.code == 2
    assert "文件名为空" in result.err


def test_a_report_template_is_not_written_under_another_extension(tmp_path):
    result = run("report_template", "--out", str(tmp_path / "template.xlsx"))

    assert result.code == 2
    assert ".docx 结尾的文件名" in result.err
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_is_written_through_to_its_target_and_stays_a_link(tmp_path):
    target = tmp_path / "shared" / "t.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"last week's template")
    link = tmp_path / "t.xlsx"
    link.symlink_to(target)

    result = run("template", "households", "--out", str(link))

    assert result.code == 0
    assert link.is_symlink() and link.resolve() == target
    assert target.read_bytes()[:2] == b"PK"  # the new workbook
    assert sorted(p.name for p in target.parent.iterdir()) == ["t.xlsx"]  # no sibling left behind


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
@pytest.mark.parametrize("name", ["pipe.xlsx", "pipe"])  # a device, like /dev/null, has no extension
def test_a_pipe_is_written_into_not_replaced_by_a_file(tmp_path, name):
    pipe = tmp_path / name
    os.mkfifo(pipe)
    received = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()

    result = run("template", "households", "--out", str(pipe))
    reader.join(timeout=10)

    assert result.code == 0, result.err
    assert pipe.is_fifo()
    assert received and received[0][:2] == b"PK"
    assert list(tmp_path.iterdir()) == [pipe]


def test_a_failed_export_keeps_the_earlier_file_and_leaves_nothing_else(world, tmp_path, monkeypatch):
    earlier = tmp_path / "households.xlsx"
    earlier.write_bytes(b"the export of last week")

    def fails_half_way(declared, records, handle, root, reader):
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


def test_a_file_written_again_keeps_its_permissions(world, tmp_path):
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"an export with personal data")
    target.chmod(0o600)

    assert run("template", "households", "--out", str(target)).code == 0
    assert oct(target.stat().st_mode & 0o777) == oct(0o600)


def test_a_name_too_long_for_the_system_is_named_as_such(tmp_path):
    name = "甲" * 84 + ".xlsx"  # 257 bytes in UTF-8

    result = run("template", "households", "--out", str(tmp_path / name))

    assert result.code == 1
    assert result.err_lines == [f"无法写入文件 {tmp_path / name}：文件名太长"]


def test_a_long_name_the_system_takes_is_written(tmp_path):
    name = "甲" * 80 + ".xlsx"  # 245 bytes: with the temporary file's additions it would not fit

    assert run("template", "households", "--out", str(tmp_path / name)).code == 0
    assert [p.name for p in tmp_path.iterdir()] == [name]


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
