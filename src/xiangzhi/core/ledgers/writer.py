"""Upsert validated rows in chunks: one read of existing keys per chunk, bulk SQL, history.

A row whose key exists and whose values are all equal is left alone, so importing the same file
twice writes nothing the second time (no new history either). Every record created or changed
gets its history row — who, why, and the full record as saved — exactly as django-simple-history
records a save. The database copies those rows from the records just written (INSERT … SELECT), so
a history row can never differ from its record and costs no Python work per row.

An update is conditional on the version read with its chunk: a record somebody saved in between
is not overwritten but becomes a row error, which rolls the import back (a form's save checks the
version the same way).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone

from xiangzhi.core.ledgers.bulk import Table, converter, max_params, stored_as_is
from xiangzhi.core.ledgers.declaration import by_pk
from xiangzhi.core.pii.crypto import decrypt
from xiangzhi.core.pii.fields import EncryptedCharField
from xiangzhi.core.services.followers import carry_followers, follower_links
from xiangzhi.core.tabular import RowError
from xiangzhi.core.tabular.normalise import display_value

CHUNK = 2000
_BOOKKEEPING = ("version", "updated_at", "deleted_at")
CHANGED_MEANWHILE = (
    "该记录在本次导入读取后被他人修改，为免覆盖他人的修改，未写入任何数据；请核对该记录后重新导入"
)


class ChunkWriter:
    def __init__(self, ledger, ctx, report, *, acting_user, reason: str):
        self.ledger = ledger
        self.model = ledger.model
        self.ctx = ctx
        self.report = report
        # Two parallel lists rather than a (fields, kept) pair per row: every queued row outlives
        # the garbage collector's young generations, and each long-lived object brings the next
        # full collection (a walk over the whole heap) closer.
        self.pending: list[dict[str, Any]] = []
        self.pending_kept: list[frozenset[str]] = []
        self.pending_numbers: list[int] = []  # the rows' numbers in the file, for a row error
        now = timezone.now()
        self.records = _Records(self.model, ctx.town, now)
        self.history = _History(self.model, acting_user, reason, now)
        self.acting_user, self.reason = acting_user, reason
        self.has_followers = bool(follower_links(self.model))

    def add(self, fields: dict[str, Any], kept: frozenset[str] = frozenset(), number: int = 0) -> None:
        """Queue a row; ``kept`` names fields an update must leave alone (their column is absent);
        ``number`` is the row's number in the file."""
        self.pending.append(fields)
        self.pending_kept.append(kept)
        self.pending_numbers.append(number)
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        chunk, kept_of_chunk, numbers = self.pending, self.pending_kept, self.pending_numbers
        self.pending, self.pending_kept, self.pending_numbers = [], [], []
        stored = self.records.existing(self.ledger, chunk)
        created: list[list] = []
        changed: dict[tuple[str, ...], list[list]] = {}
        moves: dict[int, int] = {}
        for fields, kept in zip(chunk, kept_of_chunk, strict=True):
            current = stored.get(self.ledger.key_of(fields)) if stored else None
            if current is None:
                created.append(self.records.new_row(fields))
                continue
            update = self.records.update_of(current, fields, kept)
            if update is None:
                self.report.unchanged += 1
                continue
            changed.setdefault(update[0], []).append(update[1])
            if self.has_followers and "org" in fields and by_pk(fields["org"]) != current["org_id"]:
                moves[current["pk"]] = by_pk(fields["org"])
        changed_meanwhile = self._write(created, changed)
        if changed_meanwhile:
            self._refuse_changed_meanwhile(changed_meanwhile, chunk, numbers, stored)
        elif moves:
            carry_followers(self.model, moves, acting_user=self.acting_user, reason=self.reason)

    def _write(self, created: list[list], changed: dict[tuple[str, ...], list[list]]) -> set[int]:
        """Write the chunk; returns the ids of records that somebody else changed meanwhile."""
        if created:
            self.history.copy("+", self.records.table.insert_returning_pks(created))
            self.report.created += len(created)
        changed_meanwhile: set[int] = set()
        for columns, rows in changed.items():
            missed = self.records.update(columns, rows)
            changed_meanwhile |= missed
            self.history.copy("~", [row[-1] for row in rows if row[-1] not in missed])
            self.report.updated += len(rows) - len(missed)
        return changed_meanwhile

    def _refuse_changed_meanwhile(self, pks: set[int], chunk, numbers, stored) -> None:
        """A row error for each row whose record was saved by somebody else after the chunk was read."""
        sheet = self.ledger.sheet
        header = "+".join(sheet.column(name).header for name in sheet.key)
        for fields, number in zip(chunk, numbers, strict=True):
            current = stored.get(self.ledger.key_of(fields)) if stored else None
            if current is not None and current["pk"] in pks:
                key = " ".join(str(fields[name]) for name in self.ledger.key_fields)
                self.report.errors.append(RowError(number, header, display_value(key), CHANGED_MEANWHILE))


class _Converted:
    """In a row plan: no value of this field is stored as it is (no value has this type)."""


class _Records:
    """The ledger's table: a new record is a list of database values in ``fields`` order."""

    def __init__(self, model, town, now):
        meta = model._meta
        if not isinstance(meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
            raise TypeError(f"{meta.label}: bulk import needs an auto-increment primary key")
        self.model, self.town, self.now = model, town, now
        self.fields = [field for field in meta.concrete_fields if not field.primary_key]
        self.table = Table(model, self.fields)
        self.attnames = [field.attname for field in self.fields]
        self.position = {attname: index for index, attname in enumerate(self.attnames)}
        # Field name or attname -> attname ("org" -> "org_id"), asked per value of a changed row.
        self._attnames = {n: f.attname for f in meta.concrete_fields for n in (f.name, f.attname)}
        self.convert = dict(zip(self.attnames, self.table.converters(), strict=True))
        self.encrypted = {f.attname for f in self.fields if isinstance(f, EncryptedCharField)}
        # A new record starts as its defaults, converted once per import; callable defaults
        # (a fresh object per record) are converted per record.
        self.default_row = [self.convert[f.attname](self._default(f, town, now)) for f in self.fields]
        self.per_record = [f for f in self.fields if f.has_default() and callable(f.default)]
        self._plans: dict[tuple[str, ...], list] = {}
        self._tables: dict[tuple[str, ...], Table] = {}
        self._town_had_records: bool | None = None

    @staticmethod
    def _default(field, town, now):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return now
        if field.attname == "town_id":
            return town.pk
        return field.get_default()

    def attname(self, name: str) -> str:
        return self._attnames[name]

    def new_row(self, fields: dict[str, Any]) -> list:
        row = self.default_row.copy()
        for field in self.per_record:
            row[self.position[field.attname]] = self.convert[field.attname](field.get_default())
        # The plan follows the order of ``fields``, so its values are read in order, not by name.
        for (index, as_is, convert), value in zip(self._plan(fields), fields.values(), strict=True):
            # Most values (text, numbers, ids) are stored as they are: no converter call for them.
            row[index] = value if value.__class__ is as_is else convert(value)
        return row

    def _plan(self, fields: dict[str, Any]) -> list[tuple[int, type, Any]]:
        """(position, type stored as is, converter) of each field, in the order of ``fields``; the
        rows of a ledger share one plan."""
        names = tuple(fields)
        plan = self._plans.get(names)
        if plan is None:
            plan = self._plans[names] = [
                (self.position[self.attname(n)], self._stored_as_is(n), self._converter(n)) for n in names
            ]
        return plan

    def _stored_as_is(self, name: str) -> type:
        field = self.model._meta.get_field(name)
        if field.attname != name:
            return _Converted  # "org": an OrgUnit, stored as its id
        return stored_as_is(field) or _Converted

    def _converter(self, name: str):
        convert = self.convert[self.attname(name)]
        if self.attname(name) == name:
            return convert
        return lambda value: convert(by_pk(value))  # "org": an OrgUnit, stored as its id

    def existing(self, ledger, chunk: list[dict[str, Any]]) -> dict[tuple, dict[str, Any]]:
        """Stored records with the chunk's keys (deleted ones too): attname -> value, encrypted
        fields as their stored tokens (nothing is decrypted that need not be)."""
        if self._town_had_records is None:
            self._town_had_records = self.model.all_objects.filter(town=self.town).exists()
        if not self._town_had_records:
            # A first import into this town: only this file's own rows can exist, and a file
            # never reaches the writer with a key twice (the second is a duplicate-key error).
            return {}
        # Each key field limited to the chunk's values: for a composite key (户编号 + 走访日期 + 走访人)
        # the first field alone would fetch every earlier visit of the chunk's households.
        wanted = {f"{name}__in": {by_pk(fields[name]) for fields in chunk} for name in ledger.key_fields}
        tokens = {f"_token_{a}": Cast(a, models.TextField()) for a in self.encrypted}
        plain = [a for a in self.attnames if a not in self.encrypted]
        rows = (
            self.model.all_objects.filter(town=self.town, **wanted)
            .annotate(**tokens)
            .order_by()
            .values_list("pk", *plain, *tokens)
        )
        names = ["pk", *plain, *self.encrypted]
        key_attnames = ledger.key_attnames
        found = {}
        for row in rows.iterator(chunk_size=CHUNK):
            record = dict(zip(names, row, strict=True))
            found[tuple(record[a] for a in key_attnames)] = record
        return found

    def update_of(self, stored: dict[str, Any], fields: dict[str, Any], kept: frozenset[str]):
        """(columns, row of their database values + pk) when the row changes the stored record."""
        written = {self.attname(n): by_pk(v) for n, v in fields.items() if n not in kept}
        changed = {a for a, value in written.items() if self._differs(stored, written, a, value)}
        if not changed and stored["deleted_at"] is None:
            return None
        values = {**written, "version": stored["version"] + 1, "updated_at": self.now, "deleted_at": None}
        columns = tuple(sorted(values))
        row = [
            stored[a] if a in self.encrypted and a not in changed else self.convert[a](values[a])
            for a in columns
        ]  # an unchanged encrypted value keeps its token: no decrypting, no re-encrypting
        row.append(stored["version"])  # the UPDATE's condition: nobody saved it since it was read
        row.append(stored["pk"])
        return columns, row

    def _differs(self, stored, written, attname, value) -> bool:
        if attname not in self.encrypted:
            return stored[attname] != value
        index = f"{attname}_index"
        if index in written and index in stored:
            return stored[index] != written[index]  # the blind index decides without decrypting
        token = stored[attname]
        return (decrypt(token) if token else token) != value

    def update(self, columns: tuple[str, ...], rows: list[list]) -> set[int]:
        """Update rows (values, version read, pk) where the version is still the one read; returns
        the ids of the records whose version moved (saved by somebody else meanwhile)."""
        table = self._tables.get(columns)
        if table is None:
            fields = [self.fields[self.position[a]] for a in columns]
            table = self._tables[columns] = Table(self.model, fields)
        if table.update(rows, expected="version") == len(rows):
            return set()
        return self._changed_meanwhile(rows)

    def _changed_meanwhile(self, rows: list[list]) -> set[int]:
        # A row this import updated holds the version it wrote and this import's timestamp;
        # another writer's save may also have moved the version by one, but not at this instant.
        written = {row[-1]: row[-2] + 1 for row in rows}
        pks = list(written)
        moved: set[int] = set()
        for start in range(0, len(pks), 500):
            now = self.model.all_objects.filter(pk__in=pks[start : start + 500])
            for pk, version, updated_at in now.values_list("pk", "version", "updated_at"):
                if (version, updated_at) != (written[pk], self.now):
                    moved.add(pk)
        return moved


class _History:
    """Copies records into the model's django-simple-history table with one INSERT … SELECT."""

    def __init__(self, model, acting_user, reason: str, now):
        self.enabled = getattr(settings, "SIMPLE_HISTORY_ENABLED", True) and hasattr(model, "history")
        if not self.enabled:
            return
        history = model.history.model
        self.table = Table(history, [f for f in history._meta.concrete_fields if not f.primary_key])
        connection = self.table.connection
        quote = connection.ops.quote_name
        record_columns = {f.attname: quote(f.column) for f in model._meta.concrete_fields}
        known = {"history_date": now, "history_change_reason": reason, "history_user_id": by_pk(acting_user)}
        select, self.constants = [], []
        for field in self.table.fields:
            if field.attname in record_columns:  # the record's own fields, its pk included
                select.append(record_columns[field.attname])
                continue
            select.append("%s")
            if field.attname == "history_type":
                self._type_at = len(self.constants)
                self.constants.append(None)
            else:
                value = known.get(field.attname, field.get_default())
                self.constants.append(converter(field, connection)(value))
        self.pk = record_columns[model._meta.pk.attname]
        columns = ", ".join(quote(f.column) for f in self.table.fields)
        self.sql = (
            f"INSERT INTO {quote(history._meta.db_table)} ({columns}) "
            f"SELECT {', '.join(select)} FROM {quote(model._meta.db_table)} WHERE "
        )
        self.max_ids = max(1, max_params(connection) - len(self.constants))

    def copy(self, history_type: str, pks: list[int]) -> None:
        if not self.enabled or not pks:
            return
        params = self.constants.copy()
        params[self._type_at] = history_type
        with self.table.connection.cursor() as cursor:
            if pks[-1] - pks[0] + 1 == len(pks) and pks == sorted(pks):
                # Ids numbered by this import (SQLite): one range, ordered as written.
                sql = f"{self.sql}{self.pk} BETWEEN %s AND %s ORDER BY {self.pk}"
                cursor.execute(sql, [*params, pks[0], pks[-1]])
                return
            for start in range(0, len(pks), self.max_ids):
                part = pks[start : start + self.max_ids]
                sql = f"{self.sql}{self.pk} IN ({', '.join(['%s'] * len(part))}) ORDER BY {self.pk}"
                cursor.execute(sql, [*params, *part])
