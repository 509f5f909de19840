"""Usage errors that argparse raises itself (a missing --out, an unknown option, a value of the
wrong type) and --help are in Chinese, like every other message of the command line."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from xiangzhi.core.management.chinese_parser import translate


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "households"), "错误：缺少必填参数：--out"),
        (("import",), "错误：缺少必填参数：ledger, file"),
        (("export", "households", "--out", "x.xlsx", "--bogus"), "错误：无法识别的参数：--bogus"),
        (("report", "--town", "宁郭镇", "--format"), "错误：参数 --format 后面需要一个值"),
        (("import_worker", "--interval", "abc"), "错误：参数 --interval 的值 'abc' 无效：应为数字"),
        (("serve", "--port", "八千"), "错误：参数 --port 的值 '八千' 无效：应为整数"),
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


def test_the_console_prints_usage_and_the_error_in_chinese_and_exits_2(tmp_path):
    env = {**os.environ, "XIANGZHI_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "xiangzhi", "export", "households"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 2
    assert done.stderr.startswith("用法：")
    assert done.stderr.rstrip().endswith("export：错误：缺少必填参数：--out")
    assert "error:" not in done.stderr and "Traceback" not in done.stderr


def test_our_own_messages_pass_unchanged():
    assert translate("请用 --town 指定乡镇") == "请用 --town 指定乡镇"
