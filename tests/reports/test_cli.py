"""``xiangzhi report``: formats, output, and the CONTRACT exit codes (2 = usage error)."""

import io
import json

import pytest
from django.core.management import call_command
from docx import Document

from tests.reports.builders import D, household, report
from xiangzhi.reports.docx_template import TEMPLATE_FILENAME

pytestmark = pytest.mark.django_db


def _run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("report", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_json_goes_to_stdout_when_there_is_no_out(world):
    household(world.grid, D(2022, 3, 1), size=4)
    code, out, _ = _run("--town", "宁郭镇", "--year", "2023")
    assert code == 0
    assert json.loads(out) == report(world.town)


def test_town_by_code_and_a_period_by_dates(world):
    code, out, _ = _run("--town", world.town.code, "--from", "2023-01-01", "--to", "2023年3月31日")
    assert code == 0
    assert json.loads(out)["period"] == {"start": "2023-01-01", "end": "2023-03-31"}


def test_county_report(world):
    code, out, _ = _run("--county", "山阳区", "--year", "2023")
    assert code == 0
    assert json.loads(out)["town"]["name"] == "山阳区"


@pytest.mark.parametrize("fmt", ["json", "html", "docx"])
def test_each_format_is_written_to_the_out_file(world, tmp_path, fmt):
    target = tmp_path / f"report.{fmt}"
    code, out, err = _run("--town", "宁郭镇", "--year", "2023", "--format", fmt, "--out", str(target))
    assert code == 0
    assert out == ""
    assert str(target) in err
    assert target.stat().st_size > 0


def test_html_is_a_standalone_page_with_the_sections(world):
    code, out, _ = _run("--town", "宁郭镇", "--year", "2023", "--format", "html")
    assert code == 0
    assert out.startswith("<!doctype html>")
    for title in ("一、党建引领", "二、经济发展", "三、乡村振兴", "四、平安建设"):
        assert title in out


def test_docx_opens_in_python_docx(world, tmp_path):
    target = tmp_path / "r.docx"
    assert _run("--town", "宁郭镇", "--year", "2023", "--format", "docx", "--out", str(target))[0] == 0
    assert Document(str(target)).paragraphs[0].text == "宁郭镇2023年工作情况报告"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "2023"], "二者选一"),
        (["--town", "宁郭镇", "--county", "山阳区", "--year", "2023"], "二者选一"),
        (["--town", "无此镇", "--year", "2023"], "找不到乡镇「无此镇」"),
        (["--county", "无此区", "--year", "2023"], "找不到唯一的县（区）「无此区」"),
        (["--town", "宁郭镇"], "请指定报告期间"),
        (["--town", "宁郭镇", "--year", "23"], "年度「23」无效"),
        (["--town", "宁郭镇", "--year", "2023", "--from", "2023-01-01"], "只用一种方式"),
        (["--town", "宁郭镇", "--from", "2023-01-01"], "缺少结束日期"),
        (["--town", "宁郭镇", "--from", "2023-02-30", "--to", "2023-03-01"], "开始日期「2023-02-30」无效"),
        (["--town", "宁郭镇", "--from", "2023-03-01", "--to", "2023-02-01"], "早于开始日期"),
        (["--town", "宁郭镇", "--year", "2023", "--format", "pdf"], "格式「pdf」无效"),
        (["--town", "宁郭镇", "--year", "2023", "--format", "docx"], "需要用 --out"),
        (["--town", "宁郭镇", "--year", "2023", "--out", ""], "文件名为空"),
        (["--town", "宁郭镇", "--year", "2023", "--format", "docx", "--out", " "], "文件名为空"),
    ],
)
def test_usage_errors_exit_2_with_a_chinese_message(world, args, message):
    code, out, err = _run(*args)
    assert (code, out) == (2, "")
    assert message in err
    assert "Traceback" not in err


def test_an_unwritable_out_file_exits_1_without_a_traceback(world, tmp_path):
    code, _, err = _run("--town", "宁郭镇", "--year", "2023", "--out", str(tmp_path / "missing" / "r.json"))
    assert code == 1
    assert "无法写入文件" in err


def test_town_and_county_names_are_found_without_the_spaces_pasted_around_them(world):
    assert _run("--town", " 宁郭镇 ", "--year", "2023")[0] == 0
    assert _run("--county", f" {world.county.code}\t", "--year", "2023")[0] == 0


@pytest.mark.parametrize(("fmt", "name"), [("docx", "r.json"), ("json", "r.docx"), ("html", "r.htm")])
def test_the_out_file_must_carry_the_extension_of_the_format(world, tmp_path, fmt, name):
    code, _, err = _run("--town", "宁郭镇", "--year", "2023", "--format", fmt, "--out", str(tmp_path / name))
    assert code == 2
    assert f"请用 .{fmt} 结尾的文件名" in err
    assert list(tmp_path.iterdir()) == []


def test_a_broken_word_template_is_named_with_how_to_restore_it(world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    template = tmp_path / TEMPLATE_FILENAME
    template.write_text("garbage\n")
    target = tmp_path / "r.docx"
    code, _, err = _run("--town", "宁郭镇", "--year", "2023", "--format", "docx", "--out", str(target))
    assert code == 1
    assert f"报告模板 {template} 不是有效的 Word（.docx）文件" in err
    assert f"xiangzhi report_template --out {template}" in err
    assert "系统错误" not in err
    assert not target.exists()
