"""The domain-agnostic import/export engine for ledgers (台账): no models, no database.

read_rows -> parse_rows turns an uploaded .xlsx/.csv into typed rows with per-cell errors;
write_template / write_rows / write_error_workbook produce the matching workbooks.
"""

from xiangzhi.core.tabular.columns import Column, Sheet
from xiangzhi.core.tabular.masking import mask_id
from xiangzhi.core.tabular.normalise import CellError, compile_sheet, fold_text, format_error, normalise_cell
from xiangzhi.core.tabular.parse import ExampleRow, ParsedRow, RowError, parse_rows
from xiangzhi.core.tabular.reading import FileRejected, Limits, RawRow, TableReader, read_rows
from xiangzhi.core.tabular.writing import escape_formula, write_error_workbook, write_rows, write_template

__all__ = [
    "CellError",
    "Column",
    "ExampleRow",
    "FileRejected",
    "Limits",
    "ParsedRow",
    "RawRow",
    "RowError",
    "Sheet",
    "TableReader",
    "compile_sheet",
    "escape_formula",
    "fold_text",
    "format_error",
    "mask_id",
    "normalise_cell",
    "parse_rows",
    "read_rows",
    "write_error_workbook",
    "write_rows",
    "write_template",
]
