"""Ledger declarations for the tabular engine: columns, sheets and header resolution.

A ledger is declared once as a `Sheet`; import, export and the blank template all read the
same declaration, so a header can never be spelt one way on export and another on import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

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


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool = False
    kind: str = "text"
    choices: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    example: str = ""
    help: str = ""
    # Returned for a blank cell of an optional column; must be hashable (the column is).
    default: object = None
    max_length: int | None = None

    def __post_init__(self) -> None:
        # Declarations are code: fail at import time, not on the first upload.
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r} for {self.header}")
        if self.kind == "choice" and not self.choices:
            raise ValueError(f"choice column {self.header} needs choices")


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
