"""An import row that changes a stored record's state is checked as that move is on the forms.

A row whose key is new creates its record in whatever state the paper ledger holds. A row whose
key names a stored record and whose state differs is a move: the ledger's workflow table must
allow it (a ledger may catch up several steps, never go back) and the ledger's own conditions
must hold (a hazard is closed only by a 复查人 other than its rectifier). The states are read
once per import, and only for ledgers that have a workflow.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any


class StoredStateGuard:
    def __init__(self, ledger, ctx):
        self.ledger = ledger
        self.ctx = ctx
        self.workflow = ledger.workflow

    def problems(self, fields: dict[str, Any]) -> list[tuple[str, str]]:
        workflow = self.workflow
        if workflow is None:
            return []
        stored = self._stored.get(self.ledger.key_of(fields))
        if stored is None:
            return []
        # A file without the state's column keeps the stored state: no move.
        before, after = stored[workflow.field], fields.get(workflow.field, stored[workflow.field])
        if before == after:
            return []
        reason = workflow.refusal(before, after)
        if reason is not None:
            return [(workflow.field, reason)]
        return self.ledger.move_problems(stored, fields, self.ctx)

    @cached_property
    def _stored(self) -> dict[tuple, dict[str, Any]]:
        """Key -> state and ``move_reads`` of the town's records, deleted ones too (a row restores them)."""
        ledger = self.ledger
        keys = ledger.key_attnames
        names = (self.workflow.field, *ledger.move_reads)
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
