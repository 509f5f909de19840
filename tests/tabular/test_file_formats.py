"""Anything that is not a real .xlsx or a text CSV is refused with one line of Chinese."""

import io
import random
import zipfile

import pytest

from xiangzhi.core.tabular import FileRejected, Limits, read_rows

from .builders import HEADERS, row, xlsx_bytes


def _rejected(data: bytes, sheet, name: str = "台账.xlsx", limits: Limits | None = None) -> str:
    with pytest.raises(FileRejected) as caught:
        read_rows(io.BytesIO(data), name, sheet, limits)
    message = caught.value.message
    assert "\n" not in message and "Traceback" not in message
    assert str(caught.value) == message
    return message


def test_renamed_xls_is_rejected_as_old_excel(sheet):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    assert "旧版 .xls" in _rejected(ole, sheet, "台账.xlsx")


def test_zip_that_is_not_a_workbook_is_rejected(sheet):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert "压缩包" in _rejected(data.getvalue(), sheet)


def test_truncated_workbook_is_rejected(sheet):
    whole = xlsx_bytes([HEADERS, row()]).getvalue()
    message = _rejected(whole[: len(whole) // 2], sheet)
    assert message.startswith(("文件格式无法识别", "无法读取 Excel 文件"))


def test_random_bytes_are_rejected(sheet):
    noise = random.Random(7).randbytes(4096)
    assert message_is_format_error(_rejected(noise, sheet, "台账.csv"))


def test_binary_without_nul_bytes_is_rejected(sheet):
    data = bytes(range(1, 9)) * 64
    assert message_is_format_error(_rejected(data, sheet, "台账.csv"))


def test_empty_file_is_rejected(sheet):
    assert _rejected(b"", sheet) == "文件为空"


def test_workbook_with_an_empty_first_sheet_is_rejected(sheet):
    assert _rejected(xlsx_bytes([]).getvalue(), sheet).startswith("文件为空")


def test_oversized_file_is_rejected_before_parsing(sheet):
    data = xlsx_bytes([HEADERS, row()]).getvalue()
    message = _rejected(data, sheet, "大文件.xlsx", Limits(max_bytes=1024))
    assert message.startswith("文件过大：大文件.xlsx")
    assert "超过上限" in message


def test_csv_without_the_headers_is_rejected(sheet):
    message = _rejected("姓名,年龄\n张三,3\n".encode(), sheet, "台账.csv")
    assert message.startswith("找不到表头")
    assert "户编号" in message


def test_path_source_is_read_and_closed(sheet, tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(xlsx_bytes([HEADERS, row()]).getvalue())
    with read_rows(path, path.name, sheet) as reader:
        assert [r.values["code"] for r in reader] == ["NG-001"]


def message_is_format_error(message: str) -> bool:
    return message.startswith("文件格式无法识别")


def _zip_with(*names: str) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return data.getvalue()


@pytest.mark.parametrize(
    ("parts", "named"),
    [
        (("mimetype", "content.xml"), ".ods"),
        (("xl/workbook.bin",), ".xlsb"),
        (("word/document.xml",), "Word 文档"),
        (("ppt/presentation.xml",), "PowerPoint"),
    ],
)
def test_other_office_files_are_named_for_what_they_are(sheet, parts, named):
    message = _rejected(_zip_with("[Content_Types].xml", *parts), sheet)
    assert named in message and "压缩包" not in message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_text_is_refused_with_its_encoding_named(sheet, encoding):
    text = "\t".join(HEADERS) + "\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert "UTF-16" in _rejected(data, sheet, "台账.csv")
