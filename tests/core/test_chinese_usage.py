"""Usage errors that argparse raises itself (a missing --out, an unknown option, a value of the
wrong type) and --help are in Chinese, like every other message of the command line."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

import xiangzhi
from xiangzhi.core.management.chinese_parser import translate


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "households"), "错误：缺少必填参数：--out"),
        (("report_template",), "错误：缺少必填参数：--out"),
        (("import",), "错误：缺少必填参数：ledger, file"),
        (("export", "households", "--out", "x.xlsx", "--bogus"), "错误：无法识别的参数：--bogus"),
        (("report", "--town", "宁郭镇", "--format"), "错误：参数 --format 后面需要一个值"),
        (("import_worker", "--interval", "abc"), "错误：参数 --interval 的值 'abc' 无效：应为数字"),
        (("serve", "--port", "八千"), "错误：参数 --port 的值「八千」无效：应为 1–65535 的整数"),
        (("serve", "--port", "99999999"), "错误：参数 --port 的值「99999999」无效：应为 1–65535 的整数"),
        (("serve", "--threads", "0"), "错误：参数 --threads 的值「0」无效：应为 1–256 的整数"),
        (
            ("export", "households", "--out", "x.xlsx", "-v", "9"),
            "错误：参数 -v/--verbosity 的值 9 无效，可选：0, 1, 2, 3",
        ),
    ],
)
def test_argparse_usage_errors_are_chinese(args, message):
    with pytest.raises(CommandError) as caught:
        call_command(*args)
    assert str(caught.value) == message


def test_help_is_chinese(capsys):
    with pytest.raises(SystemExit) as exit_:
        call_command("export", "--help")
    shown = capsys.readouterr().out
    assert exit_.value.code == 0
    assert shown.startswith("用法：") and "选项" in shown and "显示本帮助并退出" in shown
    assert "show this help" not in shown and "usage:" not in shown


def _console(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "XIANGZHI_DATA_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "xiangzhi", *args], capture_output=True, text=True, env=env)


def test_the_console_prints_usage_and_the_error_in_chinese_and_exits_2(tmp_path):
    done = _console(tmp_path, "export", "households")
    assert done.returncode == 2
    assert done.stderr.startswith("用法：")
    assert done.stderr.rstrip().endswith("export：错误：缺少必填参数：--out")
    assert "error:" not in done.stderr and "Traceback" not in done.stderr


def test_our_own_messages_pass_unchanged():
    assert translate("请用 --town 指定乡镇") == "请用 --town 指定乡镇"


def test_the_list_of_commands_is_chinese_and_names_ours(tmp_path):
    done = _console(tmp_path)

    assert done.returncode == 0
    assert done.stdout.startswith("用法：xiangzhi <命令>")
    assert "import" in done.stdout and "导入台账文件" in done.stdout
    assert "Available subcommands" not in done.stdout


def test_an_unknown_command_is_a_chinese_usage_error_with_a_suggestion(tmp_path):
    done = _console(tmp_path, "imprt")

    assert done.returncode == 2
    assert (
        done.stderr.strip() == "没有名为「imprt」的命令。是不是要用 import？输入 xiangzhi help 查看全部命令。"
    )


def test_version_is_xiangzhis(capsys):
    with pytest.raises(SystemExit):
        call_command("export", "--version")
    assert capsys.readouterr().out.strip() == f"xiangzhi {xiangzhi.__version__}"


@pytest.mark.parametrize("asked", [["--version"], ["version"]])
def test_the_console_version_is_xiangzhis(tmp_path, asked):
    done = _console(tmp_path, *asked)
    assert (done.returncode, done.stdout.strip()) == (0, f"xiangzhi {xiangzhi.__version__}")
