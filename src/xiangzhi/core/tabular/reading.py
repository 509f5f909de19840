"""read_rows(): find the header row of an uploaded ledger and stream its data rows.

Rows are produced lazily, one at a time, so a 100,000-row file never exists as python
objects all at once; only calamine's own copy of the sheet is held in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from xiangzhi.core.tabular.columns import Column, Sheet
from xiangzhi.core.tabular.converters import render_typed
from xiangzhi.core.tabular.sources import (
    FileRejected,
    Limits,
    NumberedRows,
    check_size,
    csv_rows,
    detect_encoding,
    open_binary,
    sniff,
    xlsx_rows,
)
from xiangzhi.core.tabular.unreadable import ByRow, Unreadable

__all__ = ["FileRejected", "Limits", "RawRow", "TableReader", "read_rows"]

# Title rows, notes and blank rows above the header are tolerated, but not forever: a file
# whose header is nowhere near the top is the wrong file.
HEADER_SCAN_ROWS = 30


@dataclass(slots=True)
class RawRow:
    number: int  # as Excel shows it (1-based, counting title and header rows)
    values: dict[str, object]  # field -> cell as read, for the recognised columns only
    cells: list  # the whole row as read, unknown columns included (for the error workbook)
    # field -> why its cell could not be read (an Excel error value …); None for nearly every row
    unreadable: dict[str, Unreadable] | None = None


@dataclass(slots=True)
class _Header:
    number: int
    cells: list
    pairs: list[tuple[int, Column]]  # (position in row, column), in file order


def _blank(cell: object) -> bool:
    return cell is None or (cell.__class__ is str and (not cell or cell.isspace()))


def _header_text(cell: object) -> str:
    return "" if cell is None else render_typed(cell).strip()


def _all_blank(values: dict[str, object]) -> bool:
    for cell in values.values():
        if cell.__class__ is str:
            if cell and not cell.isspace():
                return False
        elif cell is not None:
            return False
    return True


def _match(cells: list, sheet: Sheet) -> list[tuple[int, Column]]:
    pairs = []
    for index, cell in enumerate(cells):
        column = None if _blank(cell) else sheet.column_for_header(cell)
        if column is not None:
            pairs.append((index, column))
    return pairs


def _not_found(sheet: Sheet, best: tuple[int, int, set[str]] | None) -> FileRejected:
    wanted = "、".join(sheet.required_headers())
    message = f"找不到表头：前 {HEADER_SCAN_ROWS} 行中没有一行包含全部必填列（{wanted}）"
    if best is not None and best[0] > 0:
        missing = "、".join(c.header for c in sheet.columns if c.field in best[2])
        message += f"；最接近的第 {best[1]} 行缺少 {missing}"
    return FileRejected(message)


def _find_header(rows: NumberedRows, sheet: Sheet) -> _Header:
    required = {c.field for c in sheet.columns if c.required}
    best: tuple[int, int, set[str]] | None = None
    scanned = 0
    for number, cells in rows:
        if all(_blank(cell) for cell in cells):
            continue
        pairs = _match(cells, sheet)
        missing = required - {column.field for _, column in pairs}
        if pairs and not missing:
            return _Header(number, cells, pairs)
        if best is None or len(required) - len(missing) > best[0]:
            best = (len(required) - len(missing), number, missing)
        scanned += 1
        if scanned >= HEADER_SCAN_ROWS:
            break
    if best is None:
        raise FileRejected("文件为空：没有任何内容")
    raise _not_found(sheet, best)


def _check_duplicates(header: _Header) -> None:
    seen: dict[str, int] = {}
    for index, column in header.pairs:
        if column.field in seen:
            first = header.cells[seen[column.field]]
            raise FileRejected(
                f"表头重复：第 {header.number} 行的「{first}」和「{header.cells[index]}」"
                f"都表示「{column.header}」，请删除其中一列"
            )
        seen[column.field] = index


def _warnings(header: _Header) -> list[str]:
    known = {index for index, _ in header.pairs}
    return [
        f"忽略未知列：{_header_text(cell)}"
        for index, cell in enumerate(header.cells)
        if index not in known and not _blank(cell)
    ]


class TableReader:
    """The data rows of one ledger file, after its header row. Iterable once.

    Iteration may still raise FileRejected (too many rows or columns, broken CSV quoting),
    so callers wrap the whole pass, not just read_rows(), in `except FileRejected`.
    """

    def __init__(
        self,
        rows: NumberedRows,
        header: _Header,
        limits: Limits,
        closer=None,
        unreadable: ByRow | None = None,
    ) -> None:
        self.header_row = header.number
        self.headers = [_header_text(cell) for cell in header.cells]
        self.columns_found: tuple[Column, ...] = tuple(column for _, column in header.pairs)
        self.warnings = _warnings(header)
        self._pairs = [(index, column.field) for index, column in header.pairs]
        self._rows = rows
        self._limits = limits
        self._closer = closer
        self._unreadable = unreadable or {}
        self._started = False

    @property
    def field_positions(self) -> dict[str, int]:
        """Where each recognised column is in the file: field -> 0-based cell index."""
        return {field: index for index, field in self._pairs}

    def __iter__(self) -> Iterator[RawRow]:
        if self._started:
            raise RuntimeError("a TableReader can be iterated only once; call read_rows() again")
        self._started = True
        return self._iterate()

    def _iterate(self) -> Iterator[RawRow]:
        pairs, max_rows, unreadable = self._pairs, self._limits.max_rows, self._unreadable
        width = max(index for index, _ in pairs) + 1
        count = 0
        try:
            for number, cells in self._rows:
                if len(cells) >= width:
                    values = {field: cells[index] for index, field in pairs}
                else:  # short CSV records: missing trailing cells are blank
                    values = {field: cells[index] if index < len(cells) else "" for index, field in pairs}
                if _all_blank(values):
                    continue
                count += 1
                if count > max_rows:
                    raise FileRejected(f"行数过多：超过上限 {max_rows} 行，请拆分文件后分批导入")
                marked = unreadable.get(number) if unreadable else None
                yield RawRow(number, values, cells, marked and self._fields_of(marked))
        finally:
            self.close()

    def _fields_of(self, marked: dict[int, Unreadable]) -> dict[str, Unreadable] | None:
        """The unreadable cells of a row by field, None when all are in unknown columns."""
        return {field: marked[index] for index, field in self._pairs if index in marked} or None

    def close(self) -> None:
        # Dropping the row iterator frees calamine's copy of the sheet even if the caller
        # keeps the reader around for its warnings.
        self._rows = iter(())
        if self._closer is not None:
            self._closer()
            self._closer = None

    def __enter__(self) -> TableReader:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def read_rows(source, filename: str, sheet: Sheet, limits: Limits | None = None) -> TableReader:
    """Open `source` (a path or a binary file-like), check it and locate its header row.

    Raises FileRejected for anything that is not a usable .xlsx or .csv ledger.
    """
    limits = limits or Limits()
    stream, owned = open_binary(source)
    closer = stream.close if owned else None
    unreadable = None
    try:
        check_size(stream, filename, limits)
        if sniff(stream, limits) == "xlsx":
            rows, unreadable = xlsx_rows(stream, limits)
            if owned:  # calamine has copied the file into memory; the handle is no longer needed
                stream.close()
                closer = None
        else:
            rows = csv_rows(stream, detect_encoding(stream), owned, limits)
        header = _find_header(rows, sheet)
        _check_duplicates(header)
    except BaseException:
        if closer is not None:
            closer()
        raise
    return TableReader(rows, header, limits, closer, unreadable)
