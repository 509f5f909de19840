"""Opening an uploaded file: size check, format sniffing and raw row iterators.

Formats are recognised by their bytes, not their name: users rename .xls to .xlsx and
download "xlsx" files that are really CSV or HTML. Every failure becomes FileRejected with
a one-line Chinese message (CONTRACT §2), never a traceback.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from python_calamine import CalamineWorkbook

from xiangzhi.core.tabular.unreadable import ByRow, unreadable_by_row, with_shown

RawCells = list
NumberedRows = Iterator[tuple[int, RawCells]]

_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ZIP_MAGIC = b"PK"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Zip-based files that are not an .xlsx, by a part only they have: what to tell the user.
_OTHER_ZIPS = (
    ("xl/workbook.bin", "不支持 .xlsb（Excel 二进制工作簿）：请在 Excel 中另存为 .xlsx 后再上传"),
    ("content.xml", "不支持 .ods 等 OpenDocument 表格：请在 WPS 或 LibreOffice 中另存为 .xlsx 后再上传"),
    ("word/document.xml", "这是一个 Word 文档而不是 Excel 表格，请上传 .xlsx 或 .csv 文件"),
    ("ppt/presentation.xml", "这是一个 PowerPoint 文件而不是 Excel 表格，请上传 .xlsx 或 .csv 文件"),
)
_CHUNK = 1 << 20
_RATIO_FLOOR = 1 << 20
# What zipfile raises on damaged data, encrypted parts and unknown compression methods.
_ZIP_READ_ERRORS = (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, zlib.error)
_CORRUPT_XLSX = "无法读取 Excel 文件：文件可能已损坏，请用 Excel 打开后另存为 .xlsx 再上传"
_ROW_SLACK = 1000
# C0 controls other than tab, line feed, vertical tab, form feed and carriage return never
# occur in a real CSV; finding one means the "text" is really a binary file.
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f]")


class FileRejected(Exception):
    """The whole file is unusable; `message` is one line of Chinese for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Limits:
    max_bytes: int = 50 * 1024 * 1024
    max_rows: int = 200_000
    max_columns: int = 200
    # A small zip can unpack to gigabytes (a "zip bomb"); calamine would try to hold it all.
    # 200,000 real rows unpack to about 130 MB (180 MB when every row is alike).
    max_unpacked_bytes: int = 256 * 1024 * 1024
    # A sheet compresses about 13:1 (30:1 when every row is alike); a zip bomb 1000:1 and more.
    max_zip_ratio: int = 100


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def open_binary(source) -> tuple[io.BufferedIOBase, bool]:
    """(seekable binary stream, whether we own it and must close it)."""
    if isinstance(source, str | os.PathLike):
        try:
            return open(source, "rb"), True  # closed by TableReader.close()
        except FileNotFoundError as exc:
            raise FileRejected("无法打开文件：文件不存在或已被删除") from exc
        except PermissionError as exc:
            raise FileRejected("无法打开文件：没有读取权限") from exc
        except OSError as exc:
            raise FileRejected("无法打开文件：系统无法读取该文件") from exc
    if not hasattr(source, "read"):
        raise TypeError("source must be a path or a binary file-like object")
    if not (hasattr(source, "seek") and source.seekable()):
        return io.BytesIO(source.read()), True
    return source, False


def check_size(stream, filename: str, limits: Limits) -> None:
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if size == 0:
        raise FileRejected("文件为空")
    if size > limits.max_bytes:
        raise FileRejected(
            f"文件过大：{filename} 为 {_megabytes(size)}，超过上限 {_megabytes(limits.max_bytes)}"
        )


def sniff(stream, limits: Limits) -> str:
    """'xlsx' or 'csv' from the leading bytes; anything else is rejected."""
    head = stream.read(8)
    stream.seek(0)
    if head.startswith(_OLE_MAGIC):
        raise FileRejected(
            "不支持旧版 .xls 或加密的 Excel 文件：请在 Excel 中另存为 .xlsx（不设密码）后再上传"
        )
    if head.startswith(_ZIP_MAGIC):
        _check_workbook_zip(stream, limits)
        return "xlsx"
    if head.startswith(_UTF16_BOMS):
        raise FileRejected(
            "不支持 UTF-16 编码的文本（Excel 的“Unicode 文本”）：请另存为“CSV UTF-8”或 .xlsx 后再上传"
        )
    return "csv"


def _check_workbook_zip(stream, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(stream)
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        archive, entries = None, []
    stream.seek(0)
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        for part, message in _OTHER_ZIPS:
            if part in names:
                raise FileRejected(f"文件格式无法识别：{message}")
        raise FileRejected("文件格式无法识别：这是一个压缩包而不是 Excel 表格，请上传 .xlsx 或 .csv 文件")
    _check_unpacked_sizes(entries, limits)
    _check_declared_sizes(archive, entries)
    stream.seek(0)


def _check_unpacked_sizes(entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse a zip bomb by the sizes its directory declares, before anything is unpacked."""
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_unpacked_bytes:
        raise FileRejected(
            f"文件过大：解压后为 {_megabytes(total)}，超过上限 {_megabytes(limits.max_unpacked_bytes)}，"
            "请拆分文件后分批导入"
        )
    for entry in entries:
        # Small parts (styles, a theme) may compress far better than a sheet and cannot hurt.
        if entry.file_size <= _RATIO_FLOOR:
            continue
        ratio = entry.file_size // max(entry.compress_size, 1)
        if ratio > limits.max_zip_ratio:
            raise FileRejected(
                f"文件异常：解压后是压缩前的 {ratio} 倍（上限 {limits.max_zip_ratio} 倍），"
                "不像正常的 Excel 表格，请用 Excel 打开后另存为 .xlsx 再上传"
            )


def _check_declared_sizes(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    """Unpack every part in small chunks and drop it: a part that holds more than its directory
    declares fails its CRC here (zipfile stops at the declared size), so calamine, which would
    unpack it all into memory, never sees a file whose declared sizes lie."""
    try:
        for entry in entries:
            with archive.open(entry) as part:
                while part.read(_CHUNK):
                    pass
    except _ZIP_READ_ERRORS as exc:
        raise FileRejected(_CORRUPT_XLSX) from exc


def xlsx_rows(stream, limits: Limits) -> tuple[NumberedRows, ByRow]:
    """Rows of the first sheet numbered as Excel shows them (calamine pads leading blank rows),
    and the cells among them that calamine read as blank although they are not (unreadable.py).

    Such a cell comes in its row as the text Excel shows (#N/A, =A1+B1), so that the row is not
    taken for blank and the error workbook shows what the user saw; the reader reports it."""
    try:
        sheet = CalamineWorkbook.from_filelike(stream).get_sheet_by_index(0)
    except Exception as exc:  # calamine raises several unrelated types for corrupt zips
        raise FileRejected(_CORRUPT_XLSX) from exc
    # iter_rows() panics on a sheet without cells, so an empty sheet must stop here.
    if sheet.start is None:
        raise FileRejected("文件为空：第一个工作表没有内容")
    if sheet.width > limits.max_columns:
        raise FileRejected(f"列数过多：{sheet.width} 列，超过上限 {limits.max_columns} 列")
    # Calamine counts only cells with values, so this is the real row count give or take title
    # and note rows: fail now rather than after parsing 200,000 rows. Exact check: TableReader.
    if sheet.height > limits.max_rows + _ROW_SLACK:
        raise FileRejected(
            f"行数过多：约 {sheet.height} 行，超过上限 {limits.max_rows} 行，请拆分文件后分批导入"
        )
    unreadable = unreadable_by_row(stream, sheet.start[1])
    rows = enumerate(sheet.iter_rows(), 1)
    if not unreadable:
        return rows, unreadable
    return _showing(rows, unreadable, sheet.width), unreadable


def _showing(rows: NumberedRows, unreadable: ByRow, width: int) -> NumberedRows:
    last = 0
    for number, cells in rows:
        last = number
        marked = unreadable.get(number)
        yield number, (cells if marked is None else with_shown(cells, marked))
    # calamine's rows end with the last cell that has a value: rows below it holding only
    # formulas without results would otherwise be dropped without a word.
    for number in sorted(n for n in unreadable if n > last):
        yield number, with_shown([""] * width, unreadable[number])


def detect_encoding(stream) -> str:
    """UTF-8 (with or without BOM) first, then GB18030, which Excel writes on Chinese Windows."""
    for encoding in ("utf-8-sig", "gb18030"):
        if _decodes(stream, encoding):
            return encoding
    raise FileRejected("文件格式无法识别：请上传 .xlsx 或 .csv 文件（CSV 须为 UTF-8 或 GB18030 编码）")


def _decodes(stream, encoding: str) -> bool:
    # Decoding the whole file up front means iteration can never fail half-way on bad bytes.
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    stream.seek(0)
    try:
        while chunk := stream.read(_CHUNK):
            if b"\x00" in chunk:
                raise FileRejected("文件格式无法识别：这不是文本文件，请上传 .xlsx 或 .csv 文件")
            if _BINARY_CHARS.search(decoder.decode(chunk)):
                raise FileRejected("文件格式无法识别：这不是文本文件，请上传 .xlsx 或 .csv 文件")
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        stream.seek(0)
    return True


def csv_rows(stream, encoding: str, owned: bool, limits: Limits) -> NumberedRows:
    """Records numbered 1, 2, … as Excel shows them when it opens the CSV."""
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    reader = csv.reader(text)
    try:
        for number, cells in enumerate(reader, 1):
            if len(cells) > limits.max_columns:
                raise FileRejected(
                    f"列数过多：第 {number} 行有 {len(cells)} 列，超过上限 {limits.max_columns} 列"
                )
            yield number, cells
    except csv.Error as exc:
        raise FileRejected(
            f"CSV 文件格式错误：第 {reader.line_num} 行附近无法解析（单元格过长或引号不成对）"
        ) from exc
    finally:
        # Closing the wrapper would close a stream the caller still owns.
        if owned:
            text.close()
        else:
            text.detach()
