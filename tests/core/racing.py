"""Run code in threads that race each other, each with its own database connection, on both
databases.

PostgreSQL: every thread simply opens its own connection to the test database. SQLite: the test
database lives in memory, where connections of other threads share one cache with table locks
instead of the WAL and IMMEDIATE transactions xiangzhi runs on; so the race copies it (after the
test's set-up) into a file, and every thread, the test's own included, uses that file until the
race's context ends. Tests using it are ``django_db(transaction=True)``: a race needs commits.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connections


@dataclass
class Outcome:
    """What one racer did: its return value, or the exception it raised."""

    value: object = None
    error: BaseException | None = None


@dataclass
class Race:
    """``run(*racers)`` starts the callables at once (a barrier) and returns their outcomes in order."""

    file_settings: dict | None = None

    def run(self, *racers: Callable[[], object]) -> list[Outcome]:
        barrier = threading.Barrier(len(racers))
        outcomes = [Outcome() for _ in racers]

        def race(index: int, racer: Callable[[], object]) -> None:
            self._use_own_connection()
            try:
                barrier.wait(timeout=30)
                outcomes[index].value = racer()
            except BaseException as error:  # the test inspects it
                outcomes[index].error = error
            finally:
                connections.close_all()

        threads = [threading.Thread(target=race, args=item) for item in enumerate(racers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert not any(thread.is_alive() for thread in threads), "a racer hung (deadlock?)"
        return outcomes

    def _use_own_connection(self) -> None:
        if self.file_settings is not None:
            connections["default"] = _wrapper(self.file_settings)


def _wrapper(settings_dict: dict):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    return DatabaseWrapper({**settings_dict}, "default")


@contextmanager
def racing(tmp_path, *, busy_timeout: float | None = None):
    """A ``Race`` over the current test database (see the module docstring); ``busy_timeout``
    shortens how long a SQLite connection waits for the write lock before it gives up."""
    connection = connections["default"]
    if connection.vendor != "sqlite":
        yield Race()
        return
    path = tmp_path / "race.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    file_settings = {**connection.settings_dict, "NAME": str(path)}
    if busy_timeout is not None:
        file_settings["OPTIONS"] = {**file_settings["OPTIONS"], "timeout": busy_timeout}
    in_memory = connection
    connections["default"] = _wrapper(file_settings)
    try:
        yield Race(file_settings)
    finally:
        connections["default"].close()
        connections["default"] = in_memory
