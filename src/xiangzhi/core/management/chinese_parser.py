"""argparse in Chinese for xiangzhi's commands: usage, section titles, Django's own options and the
usage errors argparse raises itself (a missing --out, an unknown option, a bad choice).

Python ships no Chinese catalogue for argparse, and installing one would mean switching the
process's gettext domain and locale for every library. The handful of messages argparse can
produce is small and stable, so they are translated here, from their English form.
"""

from __future__ import annotations

import argparse
import re
import sys

from django.core.management.base import CommandError, DjangoHelpFormatter

# Django's options common to every command, by destination.
BASE_HELP = {
    "help": "显示本帮助并退出",
    "version": "显示版本号并退出",
    "verbosity": "输出的详细程度：0 最少，1 正常，2 详细，3 最详细",
    "settings": "Django 设置模块（默认读取环境变量 DJANGO_SETTINGS_MODULE）",
    "pythonpath": "加入 Python 路径的目录",
    "traceback": "出错时显示完整的调用栈（排查问题用）",
    "no_color": "输出不加颜色",
    "force_color": "输出总是加颜色",
    "skip_checks": "跳过系统检查",
}
_TYPE_NAMES = {"int": "整数", "float": "数字"}
_MESSAGES = [
    (re.compile(r"the following arguments are required: (.+)"), "缺少必填参数：{0}"),
    (re.compile(r"unrecognized arguments: (.+)"), "无法识别的参数：{0}"),
    (re.compile(r"one of the arguments (.+) is required"), "参数 {0} 须填写其中之一"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), "选项 {0} 不明确，可能是：{1}"),
    (
        re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"),
        "参数 {0} 的值 {1} 无效，可选：{2}",
    ),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面需要一个值"),
    (re.compile(r"argument (\S+): expected at least one argument"), "参数 {0} 后面至少需要一个值"),
    (re.compile(r"argument (\S+): expected (.+) arguments?"), "参数 {0} 后面需要 {1} 个值"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "参数 {0} 不能与 {1} 同时使用"),
    (re.compile(r"argument (\S+): ignored explicit argument (.+)"), "参数 {0} 不带值，{1} 无效"),
]
_INVALID_VALUE = re.compile(r"argument (\S+): invalid (\w+) value: (.+)")
# Last: a message of our own (an ArgumentTypeError) after argparse's English "argument --x: ".
_OUR_OWN = re.compile(r"argument (\S+): (.+)")


class ChineseHelpFormatter(DjangoHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


def translate(message: str) -> str:
    """One of argparse's usage errors in Chinese; anything else (our own messages) unchanged."""
    invalid = _INVALID_VALUE.fullmatch(message)
    if invalid is not None:
        option, kind, value = invalid.groups()
        return f"参数 {option} 的值 {value} 无效：应为{_TYPE_NAMES.get(kind, kind)}"
    for pattern, chinese in _MESSAGES:
        found = pattern.fullmatch(message)
        if found is not None:
            return chinese.format(*found.groups())
    own = _OUR_OWN.fullmatch(message)
    return f"参数 {own[1]} 的值{own[2]}" if own is not None else message


def in_chinese(parser):
    """``parser`` (a Django CommandParser) with Chinese titles, base option help and errors."""
    parser._positionals.title = "参数"
    parser._optionals.title = "选项"
    for action in parser._actions:
        if action.dest in BASE_HELP and action.help != argparse.SUPPRESS:
            action.help = BASE_HELP[action.dest]

    def error(message: str):
        message = translate(message)
        if not parser.called_from_command_line:  # call_command(): Django's way, an exception
            raise CommandError(f"错误：{message}")
        parser.print_usage(sys.stderr)
        parser.exit(2, f"{parser.prog}：错误：{message}\n")

    # argparse and Django call self.error(); the instance attribute takes the method's place.
    parser.error = error
    return parser
