"""An import row that changes a stored record's state is checked as that move is on the forms.

The same goes for a ledger's fixed fields (``Ledger.fixed_fields``): what the edit form no longer
lets change once a record is stored (whose points, how many) an import row may not change either.

A row whose key is new creates its record in whatever state the paper ledger holds. A row whose
key names a stored record and whose state differs is a move: the ledger's workflow table must
allow it (a ledger may catch up several steps, never go back) and the ledger's own conditions
must hold (a hazard is closed only by a 复查人 other than its rectifier). The states are read
once per import, and only for ledgers that have a workflow.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from xiangzhi.core.ledgers.declaration import by_pk


class StoredStateGuard:
    def __init__(self, ledger, ctx):
        self.ledger = ledger
        self.ctx = ctx
        self.workflow = ledger.workflow

    def problems(self, fields: dict[str, Any]) -> list[tuple[str, str]]:
        """What refuses the row; an accepted state change also gets what it records besides its
        own columns (``Ledger.move_fields``: who recorded a rectification), added to ``fields``."""
        workflow = self.workflow
        if workflow is None and not self.ledger.fixed_fields:
            return []
        stored = self._stored.get(self.ledger.key_of(fields))
        if stored is not None:
            refused = self._stored_problems(stored, fields)
            if refused:
                return refused
        if workflow is not None:
            before = stored[workflow.field] if stored is not None else None
            after = fields.get(workflow.field, before)
            if after != before:
                fields.update(self.ledger.move_fields(before, after, self.ctx))
        return []

    def _stored_problems(self, stored: dict[str, Any], fields: dict[str, Any]) -> list[tuple[str, str]]:
        changed = self._fixed_changed(stored, fields)
        if changed:
            column = self.ledger.sources.get(changed, (changed,))[0]  # "org" is named by 所属村
            return [(column, self.ledger.fixed_refusal)]
        workflow = self.workflow
        if workflow is None:
            return []
        # A file without the state's column keeps the stored state: no move.
        before, after = stored[workflow.field], fields.get(workflow.field, stored[workflow.field])
        if before == after:
            return []
        reason = workflow.refusal(before, after)
        if reason is not None:
            return [(workflow.field, reason)]
        return self.ledger.move_problems(stored, fields, self.ctx)

    def _fixed_changed(self, stored: dict[str, Any], fields: dict[str, Any]) -> str | None:
        """The first fixed field the row gives another value than the stored one (None: none)."""
        for name, attname in self._fixed:
            if name in fields and by_pk(fields[name]) != stored[attname]:
                return name
        return None

    @cached_property
    def _fixed(self) -> tuple[tuple[str, str], ...]:
        meta = self.ledger.model._meta
        return tuple((name, meta.get_field(name).attname) for name in self.ledger.fixed_fields)

    @cached_property
    def _stored(self) -> dict[tuple, dict[str, Any]]:
        """Key -> state, ``move_reads`` and fixed fields of the town's records, deleted ones too
        (a row restores them)."""
        ledger = self.ledger
        keys = ledger.key_attnames
        state = (self.workflow.field,) if self.workflow is not None else ()
        names = (*state, *ledger.move_reads, *(attname for _, attname in self._fixed))
        rows = (
            ledger.model.all_objects.filter(town=self.ctx.town)
            .order_by()
            .values_list(*keys, *names)
            .iterator(chunk_size=5000)
        )
        width = len(keys)
        return {tuple(row[:width]): dict(zip(names, row[width:], strict=True)) for row in rows}


def form_move_problem(ledger, instance, cleaned: dict[str, Any]) -> tuple[str, str] | None:
    """The edit form's state change checked against the same table (a form offering the state)."""
    workflow = ledger.workflow if ledger is not None else None
    if workflow is None or not instance.pk or workflow.field not in cleaned:
        return None
    reason = workflow.refusal(getattr(instance, workflow.field), cleaned[workflow.field])
    return None if reason is None else (workflow.field, reason)
