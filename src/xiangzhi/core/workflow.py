"""The state cycles of ledger records (a problem's 办理状态, a hazard's 整改状态 …), written once.

Each cycle is a ``Workflow``: a table of the moves a record's state may make, each named by the
action that makes it (开始整改, 复查销号 …). Every path that changes a stored record's state asks
``guard`` first:

- a named service makes exactly one move of the table, the one it is named after;
- a ledger write (an import row, the generic edit form) may record several moves at once — a
  town's paper ledger catches up a month of work in one row — so it may go to any state the
  table reaches from the stored one, but never back to one it does not reach.

A new record may start in any state: an imported ledger records the past as it was. Conditions a
move needs beyond the table (who may close a hazard) belong to the app and run on every path too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class Workflow:
    noun: str  # what the record is called in a message: 隐患, 问题 …
    field: str  # the model field holding the state
    moves: Mapping[tuple[str, str], str]  # (from, to) -> the action that makes the move
    # Refusals name the action (不能开始整改) rather than the target (不能改为「整改中」): for
    # cycles where two actions reach one state, the target alone would not say what was refused.
    names_action: bool = False
    _reach: dict[str, frozenset[str]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_reach", _reachable(self.moves))

    def refusal(self, before: str, after: str, *, action: str | None = None) -> str | None:
        """Why the move is refused (a Chinese sentence), or None when it is allowed."""
        if action is not None:
            allowed = self.moves.get((before, after)) == action
        else:
            allowed = before == after or after in self._reach.get(before, frozenset())
        if allowed:
            return None
        refused = f"不能{action}" if action is not None and self.names_action else f"不能改为「{after}」"
        return f"{self.noun}当前为「{before}」，{refused}"


def _reachable(moves: Mapping[tuple[str, str], str]) -> dict[str, frozenset[str]]:
    """Every state reachable from each state through one or more moves."""
    following: dict[str, set[str]] = {}
    for before, after in moves:
        following.setdefault(before, set()).add(after)
    reach = {}
    for start in following:
        seen, todo = set(), [start]
        while todo:
            for nxt in following.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        reach[start] = frozenset(seen)
    return reach


def guard(workflow: Workflow, before: str, after: str, *, action: str | None = None) -> None:
    """Raise ``ValidationError`` (Chinese) unless the record may go from ``before`` to ``after``.

    ``action`` names the service's one move; without it the write is a ledger row or edit form.
    """
    reason = workflow.refusal(before, after, action=action)
    if reason is not None:
        raise ValidationError(reason)
