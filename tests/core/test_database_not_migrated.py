"""A fresh install, before the first migrate: commands that read data ask for ``xiangzhi migrate``
in one Chinese line (exit 2), ``demo`` migrates first like ``serve``, and the template commands,
which read no data, work."""

import os
import subprocess
import sys

import pytest

from tests.ledgers.support import run
from xiangzhi.core.management import base

NOT_MIGRATED = "数据库尚未初始化：请先运行 xiangzhi migrate（或 make run）"

# Commands whose first step is a query (an import first reads its file).
DATA_COMMANDS = [
    ("report", "--town", "宁郭镇", "--year", "2023"),
    ("export", "households", "--town", "宁郭镇", "--out", "h.xlsx"),
    ("import_worker", "--once"),
]


def _fresh_install(tmp_path, *args: str, **extra_env: str) -> subprocess.CompletedProcess:
    """The console command on an empty data directory, hence an SQLite file with no tables."""
    env = {**os.environ, **extra_env, "XIANGZHI_DATA_DIR": str(tmp_path / "var")}
    env.pop("DATABASE_URL", None)  # (the suite on PostgreSQL points at a migrated database)
    return subprocess.run(
        [sys.executable, "-m", "xiangzhi", *args], capture_output=True, text=True, env=env, cwd=tmp_path
    )


@pytest.mark.parametrize("command", DATA_COMMANDS, ids=[c[0] for c in DATA_COMMANDS])
def test_a_data_command_on_a_fresh_install_asks_for_migrate(tmp_path, command):
    done = _fresh_install(tmp_path, *command)

    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.strip() == NOT_MIGRATED


@pytest.mark.django_db
def test_a_database_error_with_nothing_pending_is_the_usual_system_error(world, monkeypatch):
    from django.db import OperationalError

    from xiangzhi.reports.management.commands import report

    def fail(*args, **kwargs):
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(report, "render_report", fail)
    result = run("report", "--town", world.town.code, "--year", "2023")

    assert result.code == 1
    assert result.err_lines[0].startswith("系统错误，未写入任何数据")


@pytest.mark.django_db
def test_a_migrated_database_has_no_pending_migrations():
    assert not base.migrations_pending()


@pytest.mark.django_db
def test_demo_migrates_first_when_migrations_are_pending(monkeypatch):
    from xiangzhi.demo.management.commands import demo

    done = []
    monkeypatch.setattr(base, "migrations_pending", lambda: not done)
    monkeypatch.setattr(base, "migrate_database", lambda: done.append("migrate"))
    monkeypatch.setattr(demo, "demo_present", lambda: bool(done))  # (loading the town takes long)

    result = run("demo", "--if-absent")

    assert result.code == 0, result.err
    assert done == ["migrate"]
    assert "演示乡镇宁郭镇已存在" in result.out


@pytest.mark.parametrize(
    ("command", "written"),
    [(("template", "households"), "t.xlsx"), (("report_template",), "t.docx")],
)
def test_the_template_commands_touch_no_database(tmp_path, command, written):
    # No django_db mark: a query here would fail, and print the generic system error.
    result = run(*command, "--out", str(tmp_path / written))

    assert result.code == 0, result.err
    assert (tmp_path / written).stat().st_size > 0


def test_django_s_own_commands_on_a_fresh_install_ask_for_migrate_too(tmp_path):
    done = _fresh_install(
        tmp_path,
        *("createsuperuser", "--noinput", "--username", "root", "--email", ""),
        DJANGO_SUPERUSER_PASSWORD="a-long-enough-password-2023",
    )

    assert done.returncode == 2
    assert done.stderr.strip().endswith(NOT_MIGRATED)
    assert "Traceback" not in done.stderr
