"""Bulk SQL for imports: rows as lists of database values, each field's conversion decided once.

Django's ``bulk_create()`` prepares every value through several method calls and, on SQLite, sends
at most 999 parameters per statement (about 45 ledger rows); with a history row per record, a
100,000-row import took 4,000 statements and most of its time there. Here each field gets one
converter, a record becomes a list of database values once, and the rows of a chunk go to the
database in one ``executemany()`` (SQLite) or multi-row ``INSERT … RETURNING`` (PostgreSQL).
Only SQLite and PostgreSQL are supported, like the rest of xiangzhi.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from itertools import chain

from django.db import connections, models

from xiangzhi.core.pii.crypto import encrypt, is_token
from xiangzhi.core.pii.fields import EncryptedCharField

Converter = Callable[[object], object]

# Field classes whose database value is the Python value itself when it has the right type.
# Exact classes only: a subclass (an encrypted text, a list stored as text) converts its values.
_PLAIN_TYPES: dict[type, type] = {
    models.CharField: str,
    models.TextField: str,
    models.IntegerField: int,
    models.SmallIntegerField: int,
    models.BigIntegerField: int,
    models.PositiveIntegerField: int,
    models.PositiveSmallIntegerField: int,
    models.PositiveBigIntegerField: int,
    models.BooleanField: bool,
    models.ForeignKey: int,
}
_POSTGRES_MAX_PARAMS = 65535


def stored_as_is(field: models.Field) -> type | None:
    """The one type whose values this field's column stores unchanged, if there is one."""
    return _PLAIN_TYPES.get(type(field))


def converter(field: models.Field, connection) -> Converter:
    """value -> what ``field.get_db_prep_save`` gives, skipping it when the value is already plain."""
    prep = field.get_db_prep_save
    if type(field) is EncryptedCharField:

        def convert_encrypted(value):
            # What the field does for plain text, without its three layers of method calls.
            if value.__class__ is str and value and not is_token(value):
                return encrypt(value)
            return prep(value, connection)

        return convert_encrypted
    if type(field) is models.DateField:
        adapt = connection.ops.adapt_datefield_value

        def convert_date(value):
            if value is None or value.__class__ is dt.date:
                return adapt(value)
            return prep(value, connection)

        return convert_date
    plain = stored_as_is(field)
    if plain is None:
        return lambda value: prep(value, connection)

    def convert(value):
        if value is None or value.__class__ is plain:
            return value
        return prep(value, connection)

    return convert


# SQLite's page cache during an import. Its default (2 MB) is far smaller than the indexes a
# 100,000-row import grows, so every insert of a random key (a blind index, a name) would fetch
# pages again; 32 MB made such an import a sixth faster here and is handed back when it ends.
IMPORT_PAGE_CACHE_KIB = 32 * 1024


@contextmanager
def import_page_cache(using: str = "default"):
    """A larger SQLite page cache for the duration of an import (no-op on other databases)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = -{IMPORT_PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


def max_params(connection) -> int:
    """Parameters one statement may carry (SQLite's real limit, not Django's cautious 999)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    if connection.vendor == "postgresql":
        return _POSTGRES_MAX_PARAMS
    return connection.features.max_query_params or 999


class Table:
    """INSERT and UPDATE of one table for a fixed list of fields, many rows per round trip."""

    def __init__(self, model, fields: Sequence[models.Field], using: str = "default"):
        self.model = model
        self.fields = list(fields)
        self.connection = connections[using]
        quote = self.connection.ops.quote_name
        self._table = quote(model._meta.db_table)
        self._pk = quote(model._meta.pk.column)
        self._columns = [quote(field.column) for field in self.fields]
        self._next_pk: int | None = None

    def converters(self) -> list[Converter]:
        return [converter(field, self.connection) for field in self.fields]

    def insert(self, rows: Sequence[Sequence]) -> None:
        """Insert rows of database values, in ``fields`` order."""
        with self.connection.cursor() as cursor:
            cursor.executemany(self._insert_sql(self._columns), rows)

    def insert_returning_pks(self, rows: list[list]) -> list[int]:
        """Insert rows and return their new primary keys, in order (SQLite appends each row's pk
        to its list)."""
        if self.connection.vendor == "sqlite":
            return self._insert_numbered(rows)
        return self._insert_returning(rows)

    def _insert_numbered(self, rows) -> list[int]:
        # SQLite gives one connection at a time the write lock (xiangzhi opens its transactions
        # IMMEDIATE), so inside the import's transaction the next ids are ours to number; that
        # lets the rows go through executemany(), a third faster than multi-row VALUES here.
        if self._next_pk is None:
            self._next_pk = self._highest_pk() + 1
        first, self._next_pk = self._next_pk, self._next_pk + len(rows)
        pks = list(range(first, self._next_pk))
        for row, pk in zip(rows, pks, strict=True):
            row.append(pk)  # the rows are the caller's throw-away lists: no copy per row
        with self.connection.cursor() as cursor:
            cursor.executemany(self._insert_sql([*self._columns, self._pk]), rows)
        return pks

    def _highest_pk(self) -> int:
        """The largest id the table has held (AUTOINCREMENT never reuses one, even once deleted)."""
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({self._pk}) FROM {self._table}")
            highest = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [self.model._meta.db_table])
            row = cursor.fetchone()
        return max(highest, row[0] if row else 0)

    def _insert_returning(self, rows) -> list[int]:
        pks: list[int] = []
        step = max(1, max_params(self.connection) // len(self.fields))
        placeholders = "(" + ", ".join(["%s"] * len(self.fields)) + ")"
        columns = ", ".join(self._columns)
        with self.connection.cursor() as cursor:
            for start in range(0, len(rows), step):
                batch = rows[start : start + step]
                values = ", ".join([placeholders] * len(batch))
                sql = f"INSERT INTO {self._table} ({columns}) VALUES {values} RETURNING {self._pk}"
                cursor.execute(sql, list(chain.from_iterable(batch)))
                pks.extend(row[0] for row in cursor.fetchall())
        return pks

    def update(self, rows: Sequence[Sequence], *, expected: str | None = None) -> int:
        """Rows of database values in ``fields`` order followed by the record's pk; with
        ``expected`` (a column, e.g. "version"), by its value as read before the pk: a row whose
        column holds another value now is left alone. Returns the number of rows updated."""
        assignments = ", ".join(f"{column} = %s" for column in self._columns)
        condition = f"{self._pk} = %s"
        if expected is not None:
            condition = f"{self.connection.ops.quote_name(expected)} = %s AND {condition}"
        with self.connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {self._table} SET {assignments} WHERE {condition}", rows)
            # Both drivers sum the rows of every statement of an executemany().
            return cursor.rowcount

    def _insert_sql(self, columns: list[str]) -> str:
        placeholders = ", ".join(["%s"] * len(columns))
        return f"INSERT INTO {self._table} ({', '.join(columns)}) VALUES ({placeholders})"
