"""``xiangzhi`` with no command, ``xiangzhi help`` and an unknown command, in Chinese.

Django's ManagementUtility prints these itself, in English, before any of our commands runs;
this subclass overrides only its two texts (the list of commands, and "unknown command").
"""

from __future__ import annotations

import difflib
import sys

from django.core.management import ManagementUtility, get_commands, load_command_class
from django.db import DatabaseError

import xiangzhi

# CONTRACT's exit code of a usage error (core.management.base.EXIT_USAGE, which cannot be imported
# here: it loads models, and this runs before Django is set up).
EXIT_USAGE = 2

# Django's own commands an operator of xiangzhi uses, named in the help after ours.
_DJANGO_COMMANDS = ("migrate", "createsuperuser", "changepassword", "check", "collectstatic")


class XiangzhiUtility(ManagementUtility):
    def execute(self) -> None:
        # Django answers "xiangzhi --version" (and "version") itself, with its own version.
        if self.argv[1:] in (["--version"], ["version"]):
            sys.stdout.write(f"xiangzhi {xiangzhi.__version__}\n")
            return
        try:
            super().execute()
        except DatabaseError:
            # Django's own commands (createsuperuser …) on a fresh install: ours say this themselves.
            from xiangzhi.core.management.base import exit_if_not_migrated

            exit_if_not_migrated(lambda line: sys.stderr.write(line + "\n"))
            raise

    def main_help_text(self, commands_only: bool = False) -> str:
        if commands_only:  # the plain list, for shell completion
            return super().main_help_text(commands_only=True)
        lines = [
            "用法：xiangzhi <命令> [选项]",
            "",
            "乡治的命令（xiangzhi <命令> --help 查看每个命令的说明）：",
        ]
        for name, app in sorted(get_commands().items()):
            if app.startswith("xiangzhi."):
                lines.append(f"  {name:<20}{load_command_class(app, name).help}")
        lines += ["", "也可使用 Django 自带的命令，如 " + "、".join(_DJANGO_COMMANDS) + "。"]
        return "\n".join(lines)

    def fetch_command(self, subcommand: str):
        commands = get_commands()
        if subcommand not in commands:
            close = difflib.get_close_matches(subcommand, commands, n=1)
            hint = f"是不是要用 {close[0]}？" if close else ""
            sys.stderr.write(f"没有名为「{subcommand}」的命令。{hint}输入 xiangzhi help 查看全部命令。\n")
            sys.exit(EXIT_USAGE)
        return super().fetch_command(subcommand)
