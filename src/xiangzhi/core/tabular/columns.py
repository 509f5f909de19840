"""Ledger declarations for the tabular engine: columns, sheets and header resolution.

A ledger is declared once as a `Sheet`; import, export and the blank template all read the
same declaration, so a header can never be spelt one way on export and another on import.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

KINDS = frozenset({"text", "int", "decimal", "date", "list", "percent", "choice", "id_number", "period"})

# Aliases people really type in village ledgers, mapped to the canonical header they mean.
# They apply to every sheet, but only when that sheet has the canonical header.
COMMON_ALIASES: dict[str, str] = {
    "身份证号码": "身份证号",
    "身份证": "身份证号",
    "公民身份号码": "身份证号",
    "户主身份证号码": "户主身份证号",
    "户主身份证": "户主身份证号",
    "联系方式": "联系电话",
    "手机号": "联系电话",
    "手机号码": "联系电话",
    "电话": "联系电话",
    "电话号码": "联系电话",
    "村": "所属村",
    "村名": "所属村",
    "村庄": "所属村",
    "所属村庄": "所属村",
    "所在村": "所属村",
    "村(社区)": "所属村",
    "所属网格": "网格",
    "户主": "户主姓名",
    "人口数": "家庭人口",
    "家庭人口数": "家庭人口",
    "户籍人口": "家庭人口",
    "年份": "年度",
}

# Stripped wherever they occur: Excel users wrap long headers onto two lines.
_SPACES = re.compile(r"\s+")
# A trailing "*" marks a required column in many templates; it is not part of the name.
_REQUIRED_MARK = re.compile(r"[*]+$")


def normalise_header(text: object) -> str:
    """Reduce a header cell to the form used for lookups.

    NFKC folds full-width parentheses, letters, digits and "＊" to ASCII, so "清理量（立方米）"
    and "清理量(立方米)" compare equal; CJK ideographs are left as they are.
    """
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    return _REQUIRED_MARK.sub("", _SPACES.sub("", folded))


class _Open:
    """An attribute a declaration left out: the model field behind the column may fill it in."""

    def __repr__(self) -> str:
        return "OPEN"


OPEN: Any = _Open()
# What an open attribute becomes when nothing fills it (no model field behind the column).
_PLAIN: dict[str, object] = {"required": False, "kind": "text", "choices": (), "max_length": None}


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool = OPEN
    kind: str = OPEN
    choices: tuple[str, ...] = OPEN
    aliases: tuple[str, ...] = ()
    example: str = ""
    help: str = ""
    # Returned for a blank cell of an optional column; must be hashable (the column is).
    default: object = None
    max_length: int | None = OPEN
    # The attributes above that the declaration left open, so that ``completed`` may fill them.
    left_open: frozenset[str] = dataclasses.field(default=frozenset(), init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        left_open = frozenset(name for name in _PLAIN if getattr(self, name) is OPEN)
        for name in left_open:
            object.__setattr__(self, name, _PLAIN[name])
        object.__setattr__(self, "left_open", left_open)
        # Declarations are code: fail at import time, not on the first upload.
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r} for {self.header}")
        if self.kind == "choice" and not self.choices and "choices" not in left_open:
            raise ValueError(f"choice column {self.header} needs choices")

    def completed(self, facts: Mapping[str, object]) -> Column:
        """The column with what its declaration left open taken from ``facts`` (what the model
        field says: kind, required, choices, max_length); what the declaration says wins."""
        filled = {name: facts[name] for name in self.left_open if name in facts}
        if self.default is not None:
            filled.pop("required", None)  # a blank cell takes the default: never required
        if filled.get("kind", self.kind) != "text":
            filled.pop("max_length", None)  # the field's length counts only where the cell is its text
        # Replacing also closes what stays open (a choice column still without choices fails here).
        return dataclasses.replace(self, **filled)


@dataclass(frozen=True)
class Sheet:
    name: str
    title: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def __post_init__(self) -> None:
        fields = [c.field for c in self.columns]
        if len(set(fields)) != len(fields):
            raise ValueError(f"sheet {self.name}: duplicate field names")
        missing = set(self.key) - set(fields)
        if missing:
            raise ValueError(f"sheet {self.name}: key fields {sorted(missing)} are not columns")

    def completed(self, facts_of: Callable[[str], Mapping[str, object]]) -> Sheet:
        """The sheet with each column completed from ``facts_of(column.field)`` (see Column.completed)."""
        return dataclasses.replace(self, columns=tuple(c.completed(facts_of(c.field)) for c in self.columns))

    def required_headers(self) -> list[str]:
        return [c.header for c in self.columns if c.required]

    def column(self, field: str) -> Column:
        return self._by_field[field]

    def column_for_header(self, text: object) -> Column | None:
        """The column a header cell means: its canonical header, its own alias or a common alias."""
        return self._lookup.get(normalise_header(text))

    @cached_property
    def _by_field(self) -> dict[str, Column]:
        return {c.field: c for c in self.columns}

    @cached_property
    def _lookup(self) -> dict[str, Column]:
        by_header = {normalise_header(c.header): c for c in self.columns}
        lookup: dict[str, Column] = {}
        for alias, canonical in COMMON_ALIASES.items():
            column = by_header.get(normalise_header(canonical))
            if column is not None:
                lookup[normalise_header(alias)] = column
        # A column's own aliases override the common table, and canonical headers override both.
        for column in self.columns:
            for alias in column.aliases:
                lookup[normalise_header(alias)] = column
        lookup.update(by_header)
        return lookup
