"""Upsert validated rows in chunks: one read of existing keys per chunk, bulk SQL, history.

A row whose key exists and whose values are all equal is left alone, so importing the same file
twice writes nothing the second time (no new history either). Every record created or changed
gets its history row (the acting user, the reason, the full record after the change), exactly as
django-simple-history records a save — written in bulk, with the record's own encrypted tokens.
"""

from __future__ import annotations

from operator import itemgetter
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone

from xiangzhi.core.ledgers.bulk import Table
from xiangzhi.core.pii.crypto import decrypt
from xiangzhi.core.pii.fields import EncryptedCharField

CHUNK = 2000
_BOOKKEEPING = ("version", "updated_at", "deleted_at")


class ChunkWriter:
    def __init__(self, ledger, ctx, report, *, acting_user, reason: str):
        self.ledger = ledger
        self.model = ledger.model
        self.ctx = ctx
        self.report = report
        self.pending: list[tuple[dict[str, Any], frozenset[str]]] = []
        now = timezone.now()
        self.records = _Records(self.model, ctx.town, now)
        self.history = _History(self.model, self.records, acting_user, reason, now)

    def add(self, fields: dict[str, Any], kept: frozenset[str] = frozenset()) -> None:
        """Queue a row; ``kept`` names fields an update must leave alone (their column is absent)."""
        self.pending.append((fields, kept))
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        chunk, self.pending = self.pending, []
        stored = self.records.existing(self.ledger, [fields for fields, _ in chunk])
        created, changed = [], []
        for fields, kept in chunk:
            values = self.records.values_of(fields)
            current = stored.get(self.ledger.key_of(_key_values(fields)))
            if current is None:
                created.append(self.records.new_row(values))
                continue
            written = self.records.values_of({k: v for k, v in fields.items() if k not in kept})
            update = self.records.updated_row(current, written)
            if update is None:
                self.report.unchanged += 1
            else:
                changed.append(update)
        self._write(created, changed)

    def _write(self, created: list[list], changed: list[tuple[tuple[str, ...], list, list]]) -> None:
        if created:
            pks = self.records.table.insert_returning_pks(created)
            self.history.add("+", created, pks)
            self.report.created += len(created)
        for columns, rows, snapshots in _group_by_columns(changed):
            self.records.update(columns, rows)
            self.history.add("~", snapshots, [row[-1] for row in rows])
            self.report.updated += len(rows)


def _group_by_columns(changed):
    groups: dict[tuple[str, ...], tuple[list, list]] = {}
    for columns, row, snapshot in changed:
        rows, snapshots = groups.setdefault(columns, ([], []))
        rows.append(row)
        snapshots.append(snapshot)
    return [(columns, rows, snapshots) for columns, (rows, snapshots) in groups.items()]


def _key_values(fields: dict[str, Any]) -> dict[str, Any]:
    """Key fields as plain values (a referenced record counts by its primary key)."""
    return {name: getattr(value, "pk", value) for name, value in fields.items()}


class _Records:
    """The ledger's table: a record as a list of database values in ``fields`` order."""

    def __init__(self, model, town, now):
        meta = model._meta
        if not isinstance(meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField):
            raise TypeError(f"{meta.label}: bulk import needs an auto-increment primary key")
        self.model, self.town = model, town
        self.fields = [field for field in meta.concrete_fields if not field.primary_key]
        self.table = Table(model, self.fields)
        self.convert = self.table.converters()
        self.attnames = [field.attname for field in self.fields]
        self.position = {attname: index for index, attname in enumerate(self.attnames)}
        self.attname_of = {name: meta.get_field(name).attname for name in self._names(meta)}
        self.encrypted = {f.attname for f in self.fields if isinstance(f, EncryptedCharField)}
        self.now = now
        self.defaults = {f.attname: self._default(f, town, now) for f in self.fields}
        # A new record starts as its defaults, converted once per import; callable defaults
        # (a fresh dict per record) are converted per record.
        self.default_row = [c(self.defaults[a]) for a, c in zip(self.attnames, self.convert, strict=True)]
        self.per_record = [
            self.position[f.attname] for f in self.fields if f.has_default() and callable(f.default)
        ]
        self._tables: dict[tuple[str, ...], Table] = {}

    @staticmethod
    def _names(meta) -> list[str]:
        return [n for f in meta.concrete_fields for n in {f.name, f.attname}]

    @staticmethod
    def _default(field, town, now):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return now
        if field.attname == "town_id":
            return town.pk
        return field.get_default()

    def values_of(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Resolved fields by attname, related records as their pk (``org`` -> ``org_id``)."""
        attname_of = self.attname_of
        return {attname_of[name]: getattr(value, "pk", value) for name, value in fields.items()}

    def new_row(self, values: dict[str, Any]) -> list:
        row = self.default_row.copy()
        convert, position = self.convert, self.position
        for index in self.per_record:
            row[index] = convert[index](self.fields[index].get_default())
        for attname, value in values.items():
            index = position[attname]
            row[index] = convert[index](value)
        return row

    def existing(self, ledger, chunk: list[dict[str, Any]]) -> dict[tuple, dict[str, Any]]:
        """Stored records with the chunk's keys (deleted ones too): attname -> value, encrypted
        fields as their stored tokens (nothing is decrypted that need not be)."""
        first = ledger.key_fields[0]
        wanted = {getattr(fields[first], "pk", fields[first]) for fields in chunk}
        tokens = {f"_token_{a}": Cast(a, models.TextField()) for a in self.encrypted}
        plain = [a for a in self.attnames if a not in self.encrypted]
        rows = (
            self.model.all_objects.filter(town=self.town, **{f"{first}__in": wanted})
            .annotate(**tokens)
            .order_by()
            .values_list("pk", *plain, *tokens)
        )
        names = ["pk", *plain, *self.encrypted]
        key_attnames = [self.attname_of[name] for name in ledger.key_fields]
        found = {}
        for row in rows.iterator(chunk_size=CHUNK):
            record = dict(zip(names, row, strict=True))
            found[tuple(record[a] for a in key_attnames)] = record
        return found

    def updated_row(self, stored: dict[str, Any], written: dict[str, Any]):
        """(columns, update row, history snapshot) for a stored record the row changes, else None."""
        changed = [a for a, value in written.items() if self._differs(stored, written, a, value)]
        if not changed and stored["deleted_at"] is None:
            return None
        record = {**stored, **written, "version": stored["version"] + 1}
        record.update(updated_at=self.now, deleted_at=None)
        snapshot = []
        for attname, convert in zip(self.attnames, self.convert, strict=True):
            if attname in self.encrypted and attname not in changed:
                snapshot.append(stored[attname])  # already a token: no decrypt, no re-encrypt
            else:
                snapshot.append(convert(record[attname]))
        columns = tuple(sorted({*written, *_BOOKKEEPING}))
        row = [snapshot[self.position[a]] for a in columns]
        row.append(stored["pk"])
        return columns, row, snapshot

    def _differs(self, stored, written, attname, value) -> bool:
        if attname not in self.encrypted:
            return stored[attname] != value
        index = f"{attname}_index"
        if index in written and index in stored:
            return stored[index] != written[index]  # the blind index decides without decrypting
        token = stored[attname]
        return (decrypt(token) if token else token) != value

    def update(self, columns: tuple[str, ...], rows: list[list]) -> None:
        table = self._tables.get(columns)
        if table is None:
            table = self._tables[columns] = Table(
                self.model, [self.fields[self.position[a]] for a in columns]
            )
        table.update(rows)


class _History:
    """The model's django-simple-history table, filled from the records' database values."""

    def __init__(self, model, records: _Records, acting_user, reason: str, now):
        self.enabled = getattr(settings, "SIMPLE_HISTORY_ENABLED", True) and hasattr(model, "history")
        if not self.enabled:
            return
        history = model.history.model
        self.table = Table(history, [f for f in history._meta.concrete_fields if not f.primary_key])
        convert = dict(zip([f.attname for f in self.table.fields], self.table.converters(), strict=True))
        known = {
            "history_date": now,
            "history_change_reason": reason,
            "history_user_id": getattr(acting_user, "pk", None),
        }
        pk_attname = model._meta.pk.attname
        # Each history column reads from [*record values, pk, history_type, *constants].
        width = len(records.attnames)
        source = {**records.position, pk_attname: width, "history_type": width + 1}
        constant_fields = [f for f in self.table.fields if f.attname not in source]
        self.constants = [convert[f.attname](known.get(f.attname, f.get_default())) for f in constant_fields]
        for offset, field in enumerate(constant_fields):
            source[field.attname] = width + 2 + offset
        self.pick = itemgetter(*(source[f.attname] for f in self.table.fields))

    def add(self, history_type: str, rows: list[list], pks: list) -> None:
        if not self.enabled or not rows:
            return
        pick, tail = self.pick, [history_type, *self.constants]
        self.table.insert([pick([*row, pk, *tail]) for row, pk in zip(rows, pks, strict=True)])
