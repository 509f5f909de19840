"""Kinds of deleted objects the recycle bin lists besides ledger records and org units.

A domain app whose deletable objects are not ledger records (a star standard's tasks, veto items
and stars) registers a ``TrashKind`` from its AppConfig.ready(): the core lists, shows the history
of and restores them through it, knowing nothing of the domain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TrashKind:
    model: type
    # (user, org unit or None) -> the deleted objects the user may restore, under that unit.
    deleted: Callable
    # (object, user) -> None; raises ValidationError (said to the user) or PermissionDenied.
    restore: Callable
    # object -> the org unit shown next to it (None: every unit).
    unit_of: Callable

    @property
    def label(self) -> str:
        return self.model._meta.label_lower


_KINDS: dict[str, TrashKind] = {}


def register_trash_kind(kind: TrashKind) -> None:
    _KINDS[kind.label] = kind


def trash_kind(label: str) -> TrashKind | None:
    return _KINDS.get(label)


def trash_kinds() -> list[TrashKind]:
    return list(_KINDS.values())
