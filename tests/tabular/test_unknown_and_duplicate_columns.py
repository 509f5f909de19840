import pytest

from xiangzhi.core.tabular import FileRejected, parse_rows, read_rows

from .builders import HEADERS, row, xlsx_bytes


def test_unknown_column_is_ignored_with_a_warning(sheet):
    data = xlsx_bytes([[*HEADERS, "备注"], [*row(), "随便写"]])
    reader = read_rows(data, "台账.xlsx", sheet)
    assert reader.warnings == ["忽略未知列：备注"]
    parsed = next(parse_rows(reader, sheet))
    assert "备注" not in parsed.values and parsed.errors == []


def test_two_columns_meaning_the_same_field_are_rejected(sheet):
    data = xlsx_bytes([[*HEADERS, "户主身份证号码"], [*row(), "x"]])
    with pytest.raises(FileRejected) as caught:
        read_rows(data, "台账.xlsx", sheet)
    assert caught.value.message.startswith("表头重复")
    assert "户主身份证号码" in caught.value.message


def test_missing_required_header_is_rejected_naming_what_is_missing(sheet):
    headers = [h for h in HEADERS if h != "纳入日期"]
    with pytest.raises(FileRejected) as caught:
        read_rows(xlsx_bytes([headers, row()[:-1]]), "台账.xlsx", sheet)
    message = caught.value.message
    assert message.startswith("找不到表头")
    assert "缺少 纳入日期" in message
    assert "\n" not in message


def test_optional_columns_absent_from_the_file_are_absent_from_values(sheet):
    parsed = next(parse_rows(read_rows(xlsx_bytes([HEADERS, row()]), "台账.xlsx", sheet), sheet))
    assert "grid" not in parsed.values
    assert set(parsed.values) == {c.field for c in sheet.columns if c.header in HEADERS}
