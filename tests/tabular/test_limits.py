import io
import os
import struct
import zipfile

import pytest

from xiangzhi.core.tabular import FileRejected, Limits, read_rows

from .builders import HEADERS, csv_bytes, row, xlsx_bytes


def test_too_many_rows_is_rejected_as_soon_as_the_limit_is_passed(sheet):
    rows = [HEADERS] + [row(户编号=f"NG-{n}") for n in range(5)]
    reader = read_rows(xlsx_bytes(rows), "台账.xlsx", sheet, Limits(max_rows=3))
    seen = []
    with pytest.raises(FileRejected) as caught:
        for raw in reader:
            seen.append(raw.number)
    assert seen == [2, 3, 4]
    assert caught.value.message.startswith("行数过多")


def test_too_many_columns_in_a_workbook_is_rejected(sheet):
    wide = [*HEADERS, *(f"列{n}" for n in range(10))]
    with pytest.raises(FileRejected) as caught:
        read_rows(xlsx_bytes([wide, row()]), "台账.xlsx", sheet, Limits(max_columns=10))
    assert caught.value.message.startswith("列数过多")


def test_too_many_columns_in_a_csv_row_is_rejected(sheet):
    data = csv_bytes([HEADERS, row() + ["x"] * 20])
    reader = read_rows(data, "台账.csv", sheet, Limits(max_columns=10))
    with pytest.raises(FileRejected) as caught:
        list(reader)
    assert "第 2 行" in caught.value.message


def test_reader_can_only_be_iterated_once(sheet):
    reader = read_rows(xlsx_bytes([HEADERS, row()]), "台账.xlsx", sheet)
    assert len(list(reader)) == 1
    with pytest.raises(RuntimeError):
        iter(reader)


def test_workbook_far_over_the_row_limit_is_rejected_before_any_row_is_read(sheet):
    rows = [HEADERS] + [row(户编号=f"NG-{n}") for n in range(1100)]
    with pytest.raises(FileRejected) as caught:
        read_rows(xlsx_bytes(rows), "台账.xlsx", sheet, Limits(max_rows=50))
    assert caught.value.message.startswith("行数过多")


def test_workbook_that_unpacks_too_large_is_rejected(sheet):
    with pytest.raises(FileRejected) as caught:
        read_rows(xlsx_bytes([HEADERS, row()]), "台账.xlsx", sheet, Limits(max_unpacked_bytes=1000))
    assert "解压后" in caught.value.message


def test_numeric_unknown_header_is_named_as_typed(sheet):
    reader = read_rows(xlsx_bytes([[*HEADERS, 2023], [*row(), 1]]), "台账.xlsx", sheet)
    assert reader.warnings == ["忽略未知列：2023"]


def _with_extra_part(workbook: io.BytesIO, name: str, data: bytes) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zipped:
        for entry in source.infolist():
            zipped.writestr(entry, source.read(entry))
        zipped.writestr(name, data)
    out.seek(0)
    return out


def test_a_zip_bomb_is_refused_by_its_compression_ratio_before_it_is_unpacked(sheet):
    # 20 MB of zeros deflate to about 20 KB: a ratio of 1000, where a real sheet has 13 to 30.
    bomb = _with_extra_part(xlsx_bytes([HEADERS, row()]), "xl/media/padding.bin", bytes(20 * 1024 * 1024))
    assert len(bomb.getvalue()) < 100_000

    with pytest.raises(FileRejected) as caught:
        read_rows(bomb, "台账.xlsx", sheet)

    message = caught.value.message  # the ratio itself depends on the zlib build: about 1000
    assert message.startswith("文件异常：解压后是压缩前的 10")
    assert message.endswith("倍（上限 100 倍），不像正常的 Excel 表格，请用 Excel 打开后另存为 .xlsx 再上传")


def test_the_unpacked_size_limit_names_both_sizes(sheet):
    workbook = _with_extra_part(xlsx_bytes([HEADERS, row()]), "xl/media/photo.bin", os.urandom(300_000))

    with pytest.raises(FileRejected) as caught:
        read_rows(workbook, "台账.xlsx", sheet, Limits(max_unpacked_bytes=200_000))

    assert caught.value.message.startswith("文件过大：解压后为 0.3 MB，超过上限 0.2 MB")


def test_a_part_that_unpacks_to_more_than_its_declared_size_is_refused(sheet):
    # The directory says the padding part unpacks to 1,000 bytes; it really holds 1 MB.
    honest = _with_extra_part(xlsx_bytes([HEADERS, row()]), "xl/media/padding.bin", bytes(1024 * 1024))
    lying = _declare_size(honest, "xl/media/padding.bin", 1000)

    with pytest.raises(FileRejected) as caught:
        read_rows(lying, "台账.xlsx", sheet)

    assert caught.value.message == "无法读取 Excel 文件：文件可能已损坏，请用 Excel 打开后另存为 .xlsx 再上传"


def _declare_size(workbook: io.BytesIO, name: str, size: int) -> io.BytesIO:
    """Rewrite the uncompressed size of ``name`` in both its local header and the central directory."""
    data = bytearray(workbook.getvalue())
    encoded = name.encode()
    local = 0
    while True:
        local = data.index(b"PK\x03\x04", local)
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if bytes(data[local + 30 : local + 30 + name_length]) == encoded:
            struct.pack_into("<I", data, local + 22, size)
            break
        local += 4
    central = data.index(b"PK\x01\x02")
    while True:
        central = data.index(b"PK\x01\x02", central)
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_length]) == encoded:
            struct.pack_into("<I", data, central + 24, size)
            return io.BytesIO(bytes(data))
        central += 4
