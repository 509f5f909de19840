"""Shared behaviour of xiangzhi's own commands: CONTRACT exit codes and no tracebacks.

0 success; 1 the input was rejected (nothing written); 2 usage error. Unexpected failures print
one Chinese line naming the log file that holds their traceback; the user never sees one.

A command that fails on the database while migrations are pending (a fresh install, an upgrade
not yet migrated) asks for ``xiangzhi migrate`` instead of reporting a system error. That is
checked only after a database error: reading the migration graph costs ~100 ms per command, which
every command would otherwise pay.
"""

import logging
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor

import xiangzhi
from xiangzhi.core.management.chinese_parser import ChineseHelpFormatter, in_chinese
from xiangzhi.core.models import OrgLevel, OrgUnit

logger = logging.getLogger("xiangzhi.cli")

EXIT_REJECTED = 1
EXIT_USAGE = 2

NOT_MIGRATED = "数据库尚未初始化：请先运行 xiangzhi migrate（或 make run）"


class CommandFailed(Exception):
    def __init__(self, message: str, code: int = EXIT_REJECTED):
        super().__init__(message)
        self.message = message
        self.code = code


class XiangzhiCommand(BaseCommand):
    # A set-up command (demo) sets this: Django's hook then runs check_migrations before handle().
    requires_migrations_checks = False

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
        except DatabaseError:
            exit_if_not_migrated(self.stderr.write)
            self._fail_unexpectedly()
        except Exception:
            self._fail_unexpectedly()

    def _fail_unexpectedly(self) -> None:
        logger.exception("command %s failed", type(self).__module__)
        self.stderr.write(f"系统错误，未写入任何数据。详细信息已记入日志 {settings.CLI_LOG_FILE}")
        sys.exit(EXIT_REJECTED)

    def check_migrations(self) -> None:
        # Django only prints a warning here; a set-up command brings the database up to date.
        if migrations_pending():
            migrate_database()


def migrations_pending() -> bool:
    """Whether the default database lacks a migration (of a fresh install, or after an upgrade).

    A few milliseconds once the migration modules are imported: no query beyond reading the
    table of applied migrations, which a fresh database does not have yet.
    """
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def exit_if_not_migrated(write) -> None:
    """After a database error: exit 2 asking for ``xiangzhi migrate`` when migrations are pending
    (``write`` prints a line). A database that cannot even say (it is down …) is not that case."""
    try:
        pending = migrations_pending()
    except DatabaseError:
        return
    if pending:
        write(NOT_MIGRATED)
        sys.exit(EXIT_USAGE)


def migrate_database() -> None:
    """Bring the database up to date, quietly: what the set-up commands (serve, demo) do first."""
    call_command("migrate", interactive=False, verbosity=0)


def find_town(value: str) -> OrgUnit:
    """A town by name or code, for ``--town`` (surrounding spaces, as pasted, are ignored)."""
    value = value.strip()
    towns = OrgUnit.objects.active().filter(level=OrgLevel.TOWN)
    found = list(towns.filter(code=value)) or list(towns.filter(name=value))
    if not found:
        raise CommandFailed(f"找不到乡镇「{value}」：请填写乡镇名称或编码", EXIT_USAGE)
    if len(found) > 1:
        raise CommandFailed(f"乡镇名称「{value}」不唯一，请改用乡镇编码", EXIT_USAGE)
    return found[0]


def find_unit(value: str, levels: tuple[str, ...], label: str) -> OrgUnit:
    """The one live unit at one of ``levels`` named or coded ``value`` (spaces around ignored)."""
    value = value.strip()
    units = OrgUnit.objects.active().filter(level__in=levels)
    found = list(units.filter(code=value)) or list(units.filter(name=value))
    if len(found) != 1:
        raise CommandFailed(f"找不到唯一的{label}「{value}」：请填写名称或编码", EXIT_USAGE)
    return found[0]
