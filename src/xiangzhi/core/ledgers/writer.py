"""Upsert validated rows in chunks: one read of existing keys per chunk, bulk writes, history.

A row whose key exists and whose values are all equal is left alone, so importing the same file
twice writes nothing the second time (no new history either).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

CHUNK = 2000
_BOOKKEEPING = ["version", "deleted_at", "updated_at"]


class ChunkWriter:
    def __init__(self, ledger, ctx, report, *, acting_user, reason: str):
        self.ledger = ledger
        self.model = ledger.model
        self.ctx = ctx
        self.report = report
        self.acting_user = acting_user
        self.reason = reason
        self.pending: list[tuple[dict[str, Any], frozenset[str]]] = []

    def add(self, fields: dict[str, Any], kept: frozenset[str] = frozenset()) -> None:
        """Queue a row; ``kept`` names fields an update must leave alone (their column is absent)."""
        self.pending.append((fields, kept))
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        chunk, self.pending = self.pending, []
        existing = self._existing([fields for fields, _ in chunk])
        to_create, to_update, changed_fields = [], [], set()
        for fields, kept in chunk:
            current = existing.get(self.ledger.key_of(_key_values(fields)))
            if current is None:
                to_create.append(self.model(**fields, town=self.ctx.town))
                continue
            changed = _apply(current, {k: v for k, v in fields.items() if k not in kept})
            if changed or current.deleted_at is not None:
                changed_fields.update(changed)
                current.version += 1
                current.deleted_at = None
                current.updated_at = timezone.now()
                to_update.append(current)
            else:
                self.report.unchanged += 1
        self._write(to_create, to_update, sorted(changed_fields))

    def _existing(self, chunk) -> dict[tuple, models.Model]:
        first = self.ledger.key_fields[0]
        wanted = {_key_values(f)[first] for f in chunk}
        rows = self.model.all_objects.filter(town=self.ctx.town, **{f"{first}__in": wanted})
        return {self.ledger.key_of(_instance_key(row, self.ledger.key_fields)): row for row in rows}

    def _write(self, to_create, to_update, changed_fields) -> None:
        user, reason = self.acting_user, self.reason
        if to_create:
            bulk_create_with_history(
                to_create, self.model, batch_size=500, default_user=user, default_change_reason=reason
            )
            self.report.created += len(to_create)
        if to_update:
            bulk_update_with_history(
                to_update,
                self.model,
                fields=changed_fields + _BOOKKEEPING,
                batch_size=500,
                default_user=user,
                default_change_reason=reason,
                # Soft-deleted rows are restored by a re-import, so they must be reachable.
                manager=self.model.all_objects,
            )
            self.report.updated += len(to_update)


def _key_values(fields: dict[str, Any]) -> dict[str, Any]:
    """Key fields as plain values (a referenced record counts by its primary key)."""
    return {name: getattr(value, "pk", value) for name, value in fields.items()}


def _instance_key(row, names) -> dict[str, Any]:
    values = {}
    for name in names:
        field = row._meta.get_field(name)
        values[name] = getattr(row, field.attname)
    return values


def _apply(instance, fields: dict[str, Any]) -> list[str]:
    """Set changed values on ``instance``; return the names of the fields that changed."""
    changed = []
    for name, value in fields.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            new = getattr(value, "pk", value)
            if getattr(instance, field.attname) != new:
                setattr(instance, field.attname, new)
                changed.append(name)
        elif getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed
