"""Writing ledgers: blank template, export, and the error workbook of a failed import.

All three use write-only workbooks so 100,000 rows stream to disk instead of being held as
openpyxl cell objects. The export has the template's layout exactly, so it re-imports.

Formula escaping pairs with normalise._unescape: escape_formula() prefixes "'" to a string
starting with = + - @ tab or CR (after any apostrophes already there), and the importer
removes exactly one "'" from such a string, so export -> import gives back the same value
and Excel never evaluates user text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from xiangzhi.core.tabular.columns import Column, Sheet
from xiangzhi.core.tabular.explain import explanation_rows
from xiangzhi.core.tabular.normalise import NEEDS_ESCAPE, CellError, normalise_cell

__all__ = ["escape_formula", "export_value", "write_error_workbook", "write_rows", "write_template"]

_REQUIRED_FONT = Font(bold=True, color="C00000")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_ERROR_FONT = Font(color="C00000")
_WRAP = Alignment(wrap_text=True, vertical="top")
_VALIDATED_ROWS = 10_000  # drop-down lists cover this many data rows
_BAD_TITLE_CHARS = str.maketrans("", "", "[]:*?/\\")


def escape_formula(value: object) -> object:
    """Prefix "'" to text Excel would evaluate (OWASP CSV-injection list: = + - @ tab CR)."""
    if isinstance(value, str) and NEEDS_ESCAPE.match(value):
        return "'" + value
    return value


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _percent(value: object) -> str:
    share = Decimal(str(value)) * 100
    text = format(share.normalize(), "f") if share != 0 else "0"
    return f"{text}%"


def export_value(column: Column, value: object) -> object:
    """A python value as the cell the template would hold: dates as date cells shown
    2023-07-14, lists joined by 、, shares as "67%", numbers as numbers, text escaped."""
    if value is None:
        return None
    kind = column.kind
    if kind == "percent":
        return _percent(value)
    if isinstance(value, list | tuple):
        value = "、".join(str(item) for item in value)
    elif isinstance(value, dt.datetime):
        value = value.date()
    elif isinstance(value, Decimal):
        return _number(value)
    elif isinstance(value, bool):
        value = "是" if value else "否"
    elif kind in ("text", "id_number", "period", "choice") and not isinstance(value, str):
        value = str(value)
    return escape_formula(value)


def _ledger_sheet(book: Workbook, sheet: Sheet):
    ws = book.create_sheet((sheet.title.translate(_BAD_TITLE_CHARS) or sheet.name)[:31])
    for index, column in enumerate(sheet.columns, 1):
        dimension = ws.column_dimensions[get_column_letter(index)]
        dimension.width = max(12, 2 * len(column.header) + 4)
        if column.kind == "id_number":
            dimension.number_format = "@"  # typed IDs stay text; as numbers Excel drops digits
    ws.freeze_panes = "A2"
    _add_drop_downs(ws, sheet)
    ws.append([_header_cell(ws, column) for column in sheet.columns])
    return ws


def _header_cell(ws, column: Column) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=column.header)
    cell.font = _REQUIRED_FONT if column.required else _HEADER_FONT
    cell.fill = _HEADER_FILL
    return cell


def _add_drop_downs(ws, sheet: Sheet) -> None:
    for index, column in enumerate(sheet.columns, 1):
        formula = '"' + ",".join(column.choices) + '"'
        # Excel caps an inline list at 255 characters; longer lists are only documented.
        if column.kind != "choice" or len(formula) > 255:
            continue
        letter = get_column_letter(index)
        rule = DataValidation(
            type="list", formula1=formula, allow_blank=not column.required, showErrorMessage=True
        )
        rule.error = "请从下拉列表中选择：" + "、".join(column.choices)
        rule.add(f"{letter}2:{letter}{_VALIDATED_ROWS + 1}")
        ws.data_validations.append(rule)  # write-only sheets lack add_data_validation()


def _explanation_sheet(book: Workbook, sheet: Sheet) -> None:
    ws = book.create_sheet("说明")
    for letter, width in zip("ABCDE", (18, 10, 36, 40, 40), strict=True):
        ws.column_dimensions[letter].width = width
    for number, row in enumerate(explanation_rows(sheet)):
        cells = [WriteOnlyCell(ws, value=escape_formula(text)) for text in row]
        for cell in cells:
            cell.alignment = _WRAP
            if number == 0:
                cell.font = _HEADER_FONT
        ws.append(cells)


def _ledger_book(sheet: Sheet, rows: Iterable[Iterable[object]], out) -> None:
    book = Workbook(write_only=True)
    ws = _ledger_sheet(book, sheet)
    for row in rows:
        ws.append(row)
    _explanation_sheet(book, sheet)
    book.save(out)


def _example(column: Column) -> object:
    # Typed like real data (3 as a number, the date as a date cell) so the row shows the format.
    if not column.example:
        return None
    try:
        return export_value(column, normalise_cell(column, column.example))
    except CellError:
        return escape_formula(column.example)


def write_template(sheet: Sheet, out) -> None:
    """Headers, one example row and a 说明 sheet explaining every column."""
    example = [_example(column) for column in sheet.columns]
    _ledger_book(sheet, [example], out)


def write_rows(sheet: Sheet, rows: Iterable[Mapping[str, object]], out) -> None:
    """The export: template layout, one line per record (a mapping field -> python value)."""
    plan = [(column.field, column) for column in sheet.columns]
    lines = ([export_value(column, row.get(name)) for name, column in plan] for row in rows)
    _ledger_book(sheet, lines, out)


def _group_errors(errors) -> dict[int, list[str]]:
    if isinstance(errors, Mapping):
        return {row: [str(e) for e in found] for row, found in errors.items()}
    grouped: dict[int, list[str]] = {}
    for error in errors:
        grouped.setdefault(error.row, []).append(str(error))
    return grouped


def _original(value: object) -> object:
    return None if value == "" else escape_formula(value)


def _shown(value: object, mask) -> object:
    """An uploaded cell as the error workbook holds it: personal data masked when asked."""
    if mask is None or value in (None, ""):
        return _original(value)
    return _original(mask(value))


def write_error_workbook(
    reader_or_rows, errors, out, *, headers=None, header_row=None, masks: Mapping | None = None
) -> None:
    """The uploaded rows that have an error, with a trailing 错误 column, each at its original row
    number so "第 N 行" in a message is row N here too. Rows without an error stay blank: the
    workbook is for correcting mistakes, and must not become one more copy of the register
    (ID numbers and all) lying around in a download folder.

    reader_or_rows: a fresh TableReader (re-read the file) or rows with .number and .cells
    (RawRow, ParsedRow) plus `headers`. errors: RowErrors (anything with .row and str())
    or a mapping row number -> messages. Mutating nothing, it can run after a failed pass.
    masks: field -> mask function for personal data the reader may not see in full (a
    TableReader's field_positions say which cells those are).
    """
    headers = headers if headers is not None else reader_or_rows.headers
    header_row = header_row or getattr(reader_or_rows, "header_row", 1)
    by_row = _group_errors(errors)
    positions = getattr(reader_or_rows, "field_positions", {})
    masked = {positions[field]: mask for field, mask in (masks or {}).items() if field in positions}
    book = Workbook(write_only=True)
    ws = book.create_sheet("导入数据")
    ws.column_dimensions[get_column_letter(len(headers) + 1)].width = 60
    for _ in range(header_row - 1):
        ws.append([])
    title = WriteOnlyCell(ws, value="错误")
    title.font = _REQUIRED_FONT
    ws.append([*(_original(h) for h in headers), title])
    written = header_row
    for row in reader_or_rows:
        messages = by_row.get(row.number)
        if not messages:
            continue
        for _ in range(row.number - written - 1):
            ws.append([])
        cells = [_shown(value, masked.get(index)) for index, value in enumerate(row.cells)]
        while len(cells) > len(headers) and cells[-1] is None:
            cells.pop()  # trailing empty CSV fields; real extra data stays, unlabelled
        cells += [None] * (len(headers) - len(cells))
        note = WriteOnlyCell(ws, value=escape_formula("；".join(messages)))
        note.font = _ERROR_FONT
        ws.append([*cells, note])
        written = row.number
    book.save(out)
