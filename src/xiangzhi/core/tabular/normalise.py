"""Cell normalisation: raw cell -> python value, or a CellError with a Chinese reason.

Per-column normalisers are compiled once (`compile_sheet`) so the per-cell work on a
100,000-row import is a couple of type checks and, for strings, one strip.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from xiangzhi.core.tabular.columns import Column, Sheet
from xiangzhi.core.tabular.converters import FACTORIES, CellError, render_typed
from xiangzhi.core.tabular.masking import mask_id, mask_ids_in_text
from xiangzhi.core.tabular.unreadable import ERROR_REASON, is_excel_error

__all__ = [
    "CellError",
    "compile_column",
    "compile_sheet",
    "display_value",
    "fold_text",
    "format_error",
    "normalise_cell",
]

Normaliser = Callable[[object], object]

# Full-width forms U+FF01..U+FF5E map to ASCII 0x21..0x7E at a fixed offset.
_FULLWIDTH_ALL = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Textual kinds fold only digits and letters in Chinese text (fold_text says why).
_FULLWIDTH_ALNUM = {
    cp: cp - 0xFEE0 for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
} | {0x3000: 0x20}
TEXTUAL_KINDS = frozenset({"text", "choice", "list"})
# The pair to writing.escape_formula, which puts one "'" before any string matching
# NEEDS_ESCAPE. The importer removes one "'" from any string matching ESCAPED. Counting the
# apostrophes already there keeps the round trip exact: "=x" <-> "'=x", "'=x" <-> "''=x".
NEEDS_ESCAPE = re.compile(r"'*[=+\-@\t\r]")
ESCAPED = re.compile(r"'+[=+\-@\t\r]")
_NEEDS_FOLDING = re.compile("[\u3000\uff01-\uff5e]").search
_ONLY_ASCII_FORMS = re.compile("[\x00-\x7f\u3000\uff01-\uff5e]*").fullmatch
# Per-import memo of raw cell -> value: villages, categories, dates and shares repeat on
# almost every row. Capped so a column of unique names costs little; only successes are kept.
_MEMO_LIMIT = 5000
_NOT_CACHED = object()
# ID numbers are unique per row: memoising them would only cost memory.
_UNMEMOISED_KINDS = frozenset({"id_number"})


def _unescape(value: str) -> str:
    if value[0] == "'" and ESCAPED.match(value):
        return value[1:]
    return value


def fold_text(value: str) -> str:
    """Full-width forms in a text value folded as an import folds them (forms use it too)."""
    if value.isascii() or not _NEEDS_FOLDING(value):
        return value
    # A value without any Chinese (ＮＧ－００１, typed in full-width mode) is a code or a number:
    # all of it folds, or NG－001 and NG-001 would be two households. Chinese text keeps its
    # punctuation: ，；（） are part of it, and ，；／ separate the items of a list.
    return value.translate(_FULLWIDTH_ALL if _ONLY_ASCII_FORMS(value) else _FULLWIDTH_ALNUM)


def _fold_all(value: str) -> str:
    return value.translate(_FULLWIDTH_ALL)


def _cleaner(fold: Callable[[str], str]) -> Callable[[str], str]:
    def clean(value: str) -> str:
        # Stripped first, as a form field strips before folding: a trailing no-break space must
        # not keep "ＮＧ－００１ " from folding whole on import when it does on the form.
        value = value.strip()
        if not value.isascii() and _NEEDS_FOLDING(value):
            value = fold(value)
        return _unescape(value) if value else value

    return clean


_clean_text = _cleaner(fold_text)
_clean_all = _cleaner(_fold_all)


def _blank_handler(column: Column) -> Callable[[], object]:
    required, default = column.required, column.default

    def blank() -> object:
        if required:
            raise CellError("必填")
        return default

    return blank


def compile_column(column: Column, *, memo: bool = True) -> Normaliser:
    """The normaliser of one column: raw cell -> value, default for blank, or CellError.

    With memo=True (the bulk path) the function remembers its results, so build a fresh one
    per import (compile_sheet does) rather than keeping it for the life of the process.
    """
    from_str, from_value = FACTORIES[column.kind](column)
    clean = _clean_text if column.kind in TEXTUAL_KINDS or column.kind == "id_number" else _clean_all
    blank = _blank_handler(column)
    limit = _MEMO_LIMIT if memo and column.kind not in _UNMEMOISED_KINDS else 0
    copy = column.kind == "list"  # lists are mutable: every row gets its own
    cache: dict[object, object] = {}
    lookup = cache.get

    def normalise(raw: object) -> object:
        try:
            value = lookup(raw, _NOT_CACHED)
        except TypeError:  # an unhashable raw value from a hand-made row
            value = _NOT_CACHED
        # True == 1, so a bool must never be answered from 1's entry.
        if value is not _NOT_CACHED and raw.__class__ is not bool:
            return list(value) if copy and value is not None else value
        if isinstance(raw, str):
            text = clean(raw)
            if is_excel_error(text):  # from a CSV saved by Excel
                raise CellError(ERROR_REASON)
            value = from_str(text) if text else blank()
        elif raw is None:
            return blank()
        else:
            value = from_value(raw)
        if len(cache) < limit and raw.__class__ is not bool:
            cache[raw] = value
            if copy and value is not None:
                value = list(value)
        return value

    return normalise


def compile_sheet(sheet: Sheet) -> list[tuple[str, Normaliser]]:
    return [(column.field, compile_column(column)) for column in sheet.columns]


@lru_cache(maxsize=1024)
def _shared(column: Column) -> Normaliser:
    return compile_column(column, memo=False)


def normalise_cell(column: Column, raw: object) -> object:
    """One cell, for callers outside the bulk path (forms, tests); compile_sheet is faster."""
    try:
        normalise = _shared(column)
    except TypeError:  # a column whose default is unhashable cannot be a cache key
        normalise = compile_column(column, memo=False)
    return normalise(raw)


def display_value(raw: object, kind: str = "text", mask=None) -> str:
    """The raw cell as shown in an error message: one line, short, 身份证号 masked, blank = 空;
    ``mask`` is the column's personal-data mask (the ledger's model declares it)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return "空"
    if isinstance(raw, float) and kind == "id_number":
        text = f"{raw:.0f}"
    else:
        text = raw.strip() if isinstance(raw, str) else render_typed(raw)
    if kind == "id_number":
        return mask_id(text)
    if mask is not None:
        return mask(text)
    text = " ".join(text.split())
    if len(text) > 40:
        text = text[:40] + "…"
    return mask_ids_in_text(text)


def format_error(row_number: int, header: str, raw_value: object, reason: str, *, kind: str = "text") -> str:
    """`第 N 行 [列名] 值: 原因` (CONTRACT §2); pass kind="id_number" to mask the value."""
    return f"第 {row_number} 行 [{header}] {display_value(raw_value, kind)}: {reason}"
