"""parse_rows(): raw rows -> typed values plus per-cell errors, streaming.

Cell errors never stop the pass: the importer wants every error of the file in one go.
Duplicate keys inside the file are reported here because only this pass sees every row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from xiangzhi.core.tabular.columns import Column, Sheet
from xiangzhi.core.tabular.normalise import CellError, compile_column, display_value
from xiangzhi.core.tabular.reading import RawRow

__all__ = ["ExampleRow", "ParsedRow", "RowError", "parse_rows"]


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    header: str
    value: str  # already rendered for display: one line, 身份证号 masked, blank = 空
    reason: str

    def __str__(self) -> str:
        return f"第 {self.row} 行 [{self.header}] {self.value}: {self.reason}"


@dataclass(slots=True)
class ParsedRow:
    """One data row. `values` holds the columns present in the file only: a column that is
    absent must not blank out the stored value when the row updates an existing record."""

    number: int
    values: dict[str, object]
    errors: list[RowError] = field(default_factory=list)
    raw: dict[str, object] = field(default_factory=dict)
    cells: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _key_value(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


class _KeyTracker:
    """Remembers where each key was first seen, to name that row in the duplicate error."""

    def __init__(self, sheet: Sheet, present: set[str]) -> None:
        self.fields = sheet.key if set(sheet.key) <= present else ()
        columns = [sheet.column(name) for name in self.fields]
        self.header = "+".join(column.header for column in columns)
        self.kinds = [column.kind for column in columns]
        self.first_seen: dict[object, int] = {}

    def check(self, row: ParsedRow) -> RowError | None:
        if not self.fields:
            return None
        key = self._key(row.values)
        if key is None:
            return None
        first = self.first_seen.setdefault(key, row.number)
        if first == row.number:
            return None
        shown = " / ".join(
            display_value(row.raw[name], kind) for name, kind in zip(self.fields, self.kinds, strict=True)
        )
        return RowError(row.number, self.header, shown, f"与第 {first} 行重复")

    def _key(self, values: dict[str, object]) -> object:
        """The row's key, or None when a key cell is blank. A one-field key (most sheets) is kept
        bare: a tuple per row would be one more long-lived object for the garbage collector."""
        if len(self.fields) == 1:
            return _key_value(values[self.fields[0]])
        key = tuple([_key_value(values[name]) for name in self.fields])
        return None if None in key else key


def _cell_errors(
    number: int, raw: dict, plan: list, unreadable: dict | None = None, masks: Mapping | None = None
) -> tuple[dict[str, object], list[RowError]]:
    """The slow path for a row with at least one bad cell: collect every error, not just the first.
    ``masks``: field -> mask of the personal-data columns, so a bad value is shown masked."""
    masks = masks or {}
    values: dict[str, object] = {}
    errors: list[RowError] = []
    for name, header, kind, normalise in plan:
        if unreadable and name in unreadable:
            values[name] = None
            shown = display_value(raw[name], kind, masks.get(name))
            errors.append(RowError(number, header, shown, unreadable[name].reason))
            continue
        try:
            values[name] = normalise(raw[name])
        except CellError as exc:
            values[name] = None
            shown = display_value(raw[name], kind, masks.get(name))
            errors.append(RowError(number, header, shown, exc.reason))
    return values, errors


def parse_rows(reader: Iterable[RawRow], sheet: Sheet, masks: Mapping | None = None) -> Iterator[ParsedRow]:
    """Normalise every recognised cell of every row; yields rows with their errors attached.
    ``masks`` (field -> mask) says which columns hold personal data, shown masked in errors."""
    found = getattr(reader, "columns_found", sheet.columns)
    plan = [(c.field, c.header, c.kind, compile_column(c)) for c in found]
    pairs = [(name, normalise) for name, _, _, normalise in plan]
    keys = _KeyTracker(sheet, {c.field for c in found})
    for raw_row in reader:
        raw = raw_row.values
        if raw_row.unreadable is None:
            try:
                # Nearly every row is clean: one comprehension is much cheaper than a guarded loop.
                values = {name: normalise(raw[name]) for name, normalise in pairs}
                errors: list[RowError] = []
            except CellError:
                values, errors = _cell_errors(raw_row.number, raw, plan, masks=masks)
        else:
            values, errors = _cell_errors(raw_row.number, raw, plan, raw_row.unreadable, masks)
        row = ParsedRow(raw_row.number, values, errors, raw, raw_row.cells)
        duplicate = keys.check(row)
        if duplicate is not None:
            errors.append(duplicate)
        yield row


class ExampleRow:
    """Recognises the template's example row (NG-001 张三 …) left in a file, which the template's
    说明 asks users to delete or overwrite and many forget to: the import warns about it.

    It is imported like any row, not skipped: real data can equal an example (the star targets'
    example is a real town's 1 / 3 / 67%), and an export of such data must import unchanged. The
    warning reaches the browser's preview before anything is written.

    A row is the example when every column the file has holds the example's value, or is blank
    where the template's example is blank.
    """

    def __init__(self, columns: Iterable[Column]) -> None:
        self.expected: dict[str, object] = {}
        for column in columns:
            try:
                self.expected[column.field] = compile_column(column, memo=False)(column.example or None)
            except CellError:  # a required column without an example: the example row is invalid
                self.expected = {}
                break
        # One column with an example value is compared first: it differs on nearly every row, so
        # the whole comparison runs for almost none (this is asked of each of 100,000 rows).
        self.first = next(((k, v) for k, v in self.expected.items() if v is not None), None)

    def matches(self, row: ParsedRow) -> bool:
        if self.first is None or row.values.get(self.first[0]) != self.first[1] or row.errors:
            return False
        values = row.values
        return all(values.get(name) == value for name, value in self.expected.items())

    def noted(self, rows: Iterable[ParsedRow], warnings: list[str]) -> Iterator[ParsedRow]:
        """``rows`` unchanged, each one equal to the example noted in ``warnings``."""
        for row in rows:
            if self.matches(row):
                warnings.append(
                    f"第 {row.number} 行与模板的示例行相同：如果它不是真实数据，请删除该行后重新导入"
                )
            yield row
