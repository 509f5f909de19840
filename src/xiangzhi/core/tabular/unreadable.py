"""Cells of an .xlsx that python-calamine reads as blank although they are not.

calamine (0.9) returns '' for an error value (#N/A, #REF! …) and for a formula saved without its
result (files written by scripts and never opened in Excel), and has no API to tell either from
an empty cell. Read as blank, such a cell would clear the stored value of an optional column when
its row updates a record (CONTRACT §2: a blank cell of a present column clears). So this module
reads the first sheet's XML itself, with lxml's streaming parser, to find those cells; the reader
then reports each one as an error of its row.

A sheet without any error value or formula (the common case: templates and exports) is settled
by a byte search over its XML, at memory speed; only a sheet with either is parsed.
"""

from __future__ import annotations

import itertools
import posixpath
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

ERROR_REASON = "单元格是 Excel 错误值：请改为正确的值，或清空该单元格"
# What Excel (and WPS) show for an error value; a CSV saved from Excel holds them as text.
EXCEL_ERRORS = frozenset(
    {"#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"}
)

NO_RESULT_REASON = "单元格是公式，但文件中没有保存计算结果：请在 Excel 中打开并保存后再导入，或改为直接填写值"

# Any of these in the sheet's XML may be an error-typed cell or the end of a formula element
# (<f>…</f>, <x:f>…</x:f>): plain byte searches, several times faster than one regular
# expression. A false alarm (a text ending in "f>") costs only the parse.
_MARKERS = (b't="e"', b"t='e'", b"f>")
# A marker may straddle two chunks; this much of the previous chunk is searched again.
_OVERLAP = 8
_CHUNK = 1 << 20
_REFERENCE = re.compile(r"([A-Z]+)(\d+)$")
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def is_excel_error(text: str) -> bool:
    """Whether ``text`` (stripped, folded) is an error value as Excel shows it, in any case.
    Asked of every text cell of an import: the "#" test settles nearly all of them."""
    return text.startswith("#") and text.upper() in EXCEL_ERRORS


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A cell read as blank that is not: ``shown`` is what Excel shows (#N/A, or =the formula)."""

    shown: str
    reason: str


Positions = dict[tuple[int, int], Unreadable]  # (row number, column index from 0) -> cell
ByRow = dict[int, dict[int, Unreadable]]  # row number -> {index in calamine's row: cell}


def unreadable_cells(stream) -> Positions:
    """The unreadable cells of the workbook's first sheet (the one calamine reads).

    ``stream`` is the seekable .xlsx, left at position 0. A part that cannot be found or parsed
    yields nothing: calamine has read the sheet already, so it is well-formed enough to import.
    """
    try:
        with zipfile.ZipFile(stream) as archive:
            part = _first_sheet_part(archive)
            if part is None or not _has_markers(archive, part):
                return {}
            with archive.open(part) as sheet:
                return _scan(sheet)
    except (KeyError, zipfile.BadZipFile, etree.LxmlError, OSError, ValueError):
        return {}
    finally:
        stream.seek(0)


def unreadable_by_row(stream, first_column: int) -> ByRow:
    """``unreadable_cells`` by row, each column counted as calamine's rows count it: from the
    sheet's first used column (``first_column``), while rows are padded from row 1."""
    by_row: ByRow = {}
    for (row_number, column), cell in unreadable_cells(stream).items():
        if column >= first_column:
            by_row.setdefault(row_number, {})[column - first_column] = cell
    return by_row


def with_shown(cells: list, marked: dict[int, Unreadable]) -> list:
    """A copy of ``cells`` with each unreadable cell as the text Excel shows for it."""
    cells = list(cells)
    for index, cell in marked.items():
        if index < len(cells):
            cells[index] = cell.shown
    return cells


def _first_sheet_part(archive: zipfile.ZipFile) -> str | None:
    # An upload is untrusted: no entity of its XML is expanded and nothing is fetched (XXE).
    # One parser per call: lxml's parsers must not be shared between threads.
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    workbook = etree.fromstring(archive.read("xl/workbook.xml"), parser)
    sheet = next(workbook.iterfind(".//{*}sheets/{*}sheet"), None)
    if sheet is None:
        return None
    relation = sheet.get(f"{{{_REL_NS}}}id") or next(
        (value for name, value in sheet.attrib.items() if name.endswith("}id")), None
    )
    relations = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), parser)
    for entry in relations.iterfind("{*}Relationship"):
        if entry.get("Id") == relation:
            return _part_name(entry.get("Target", ""))
    return None


def _part_name(target: str) -> str:
    # Targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/…").
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("xl", target))


def _has_markers(archive: zipfile.ZipFile, part: str) -> bool:
    tail = b""
    with archive.open(part) as sheet:
        while chunk := sheet.read(_CHUNK):
            window = tail + chunk
            if any(marker in window for marker in _MARKERS):
                return True
            tail = chunk[-_OVERLAP:]
    return False


def _scan(sheet) -> Positions:
    found: Positions = {}
    row_number = 0
    # A row is handled when it ends, its cells complete; huge_tree: 100,000 rows are one tree.
    rows = etree.iterparse(sheet, events=("end",), tag="{*}row", huge_tree=True, resolve_entities=False)
    for _, row in rows:
        row_number = _row_number(row, row_number)
        for cell in row.iterchildren("{*}c"):
            if not _plain_value(cell):
                unreadable = _unreadable(cell)
                if unreadable is not None:
                    found[_position(cell, row_number)] = unreadable
        _forget(row)
    return found


def _plain_value(cell) -> bool:
    """A cell holding just a value (one <v> or <is> child, not an error): most cells, so this is
    decided without looking for a formula. A formula alone (<f>…</f>, no <v>) is not plain."""
    if len(cell) != 1 or cell.get("t") == "e":
        return False
    tag = cell[0].tag
    return isinstance(tag, str) and tag[-1] in "vs"  # v, is, x:v …; a comment's tag is not a str


def _forget(row) -> None:
    # iterparse keeps every element it built: drop the finished row and the empty ones before it.
    row.clear(keep_tail=False)
    while row.getprevious() is not None:
        del row.getparent()[0]


def _row_number(row, previous: int) -> int:
    # The "r" attribute is optional: a row without one follows the previous row.
    number = row.get("r")
    return int(number) if number and number.isdecimal() else previous + 1


def _position(cell, row_number: int) -> tuple[int, int]:
    """(row number, column index) of a cell; one without its "r" ("B7", optional too) follows
    the nearest cell before it that has one, or starts at column A."""
    steps = 0
    for reference in itertools.chain((cell,), cell.itersiblings("{*}c", preceding=True)):
        match = _REFERENCE.match(reference.get("r") or "")
        if match is not None:
            return int(match.group(2)), _column_index(match.group(1)) + steps
        steps += 1
    return row_number, steps - 1


def _column_index(letters: str) -> int:
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - 64
    return column - 1


def _unreadable(cell) -> Unreadable | None:
    stored = _child(cell, "v")
    value = (stored.text or "") if stored is not None else ""
    if cell.get("t") == "e":
        return Unreadable(value or "#错误", ERROR_REASON)
    formula = _child(cell, "f")
    # A text formula (t="str") with an empty or no <v> has the result "" (=IF(…,"",…)): Excel
    # writes <v></v>, some writers no <v> at all. Only formulas of no text type lack a result.
    text_result = cell.get("t") in ("str", "inlineStr")
    if formula is not None and not value and not text_result:
        # A shared formula's later cells name their group only; Excel shows no text for them.
        return Unreadable(f"={formula.text}" if formula.text else "=（公式）", NO_RESULT_REASON)
    return None


def _child(cell, name: str):
    for child in cell:
        if isinstance(child.tag, str) and etree.QName(child).localname == name:
            return child
    return None
