"""Shared behaviour of xiangzhi's own commands: CONTRACT exit codes and no tracebacks.

0 success; 1 the input was rejected (nothing written); 2 usage error. Unexpected failures print
one Chinese line naming the log file that holds their traceback; the user never sees one.
"""

import logging
import sys

from django.conf import settings
from django.core.management.base import BaseCommand

import xiangzhi
from xiangzhi.core.management.chinese_parser import ChineseHelpFormatter, in_chinese
from xiangzhi.core.models import OrgLevel, OrgUnit

logger = logging.getLogger("xiangzhi.cli")

EXIT_REJECTED = 1
EXIT_USAGE = 2


class CommandFailed(Exception):
    def __init__(self, message: str, code: int = EXIT_REJECTED):
        super().__init__(message)
        self.message = message
        self.code = code


class XiangzhiCommand(BaseCommand):
    def get_version(self) -> str:
        # --version names xiangzhi's version, not Django's.
        return f"xiangzhi {xiangzhi.__version__}"

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        return in_chinese(super().create_parser(prog_name, subcommand, **kwargs))

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except CommandFailed as failure:
            self.stderr.write(failure.message)
            sys.exit(failure.code)
        except KeyboardInterrupt:
            self.stderr.write("已中断，未写入任何数据。")
            sys.exit(EXIT_REJECTED)
        except Exception:
            logger.exception("command %s failed", type(self).__module__)
            self.stderr.write(f"系统错误，未写入任何数据。详细信息已记入日志 {settings.CLI_LOG_FILE}")
            sys.exit(EXIT_REJECTED)


def find_town(value: str) -> OrgUnit:
    """A town by name or code, for ``--town``."""
    towns = OrgUnit.objects.active().filter(level=OrgLevel.TOWN)
    found = list(towns.filter(code=value)) or list(towns.filter(name=value))
    if not found:
        raise CommandFailed(f"找不到乡镇「{value}」：请填写乡镇名称或编码", EXIT_USAGE)
    if len(found) > 1:
        raise CommandFailed(f"乡镇名称「{value}」不唯一，请改用乡镇编码", EXIT_USAGE)
    return found[0]


def find_unit(value: str, level: str, label: str) -> OrgUnit:
    units = OrgUnit.objects.active().filter(level=level)
    found = list(units.filter(code=value)) or list(units.filter(name=value))
    if len(found) != 1:
        raise CommandFailed(f"找不到唯一的{label}「{value}」：请填写名称或编码", EXIT_USAGE)
    return found[0]
