"""CSV as Excel writes it on a Chinese system (GB18030) and as everything else does (UTF-8)."""

import pytest

from xiangzhi.core.tabular import parse_rows, read_rows

from .builders import HEADERS, csv_bytes, row


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_read_the_same_values(sheet, encoding):
    data = csv_bytes([HEADERS, row(户主姓名="欧阳娜")], encoding)
    parsed = next(parse_rows(read_rows(data, "台账.csv", sheet), sheet))
    assert parsed.errors == []
    assert parsed.values["head_name"] == "欧阳娜"
    assert parsed.values["categories"] == ["低保户"]


def test_utf8_bom_does_not_stick_to_the_first_header(sheet):
    reader = read_rows(csv_bytes([HEADERS, row()], "utf-8-sig"), "台账.csv", sheet)
    assert reader.headers[0] == "户编号"
    assert reader.warnings == []


def test_caller_owned_stream_is_left_open(sheet):
    data = csv_bytes([HEADERS, row()], "gb18030")
    assert len(list(read_rows(data, "台账.csv", sheet))) == 1
    assert not data.closed


def test_quoted_csv_cells_keep_commas_and_line_breaks(sheet):
    text = ",".join(HEADERS) + '\r\nNG-001,北官庄村,张三,{id},3,"低保户,独居老人\n其他",2023/7/14\r\n'
    from .builders import VALID_ID

    data = text.format(id=VALID_ID).encode("gb18030")
    import io

    parsed = next(parse_rows(read_rows(io.BytesIO(data), "台账.csv", sheet), sheet))
    assert parsed.values["categories"] == ["低保户", "独居老人", "其他"]
