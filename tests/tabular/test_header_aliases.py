from xiangzhi.core.tabular import Column, Sheet, parse_rows, read_rows

from .builders import HEADERS, VALID_ID, xlsx_bytes


def test_required_star_and_spaces_in_headers_are_ignored(sheet):
    headers = [h + "*" for h in HEADERS]
    headers[3] = " 户主\n身份证号＊"
    data = xlsx_bytes([headers, ["NG-001", "北官庄村", "张三", VALID_ID, 3, "低保户", "2023-07-14"]])
    reader = read_rows(data, "台账.xlsx", sheet)
    assert [c.field for c in reader.columns_found][:4] == ["code", "village", "head_name", "head_id_number"]
    assert reader.warnings == []


def test_common_aliases_map_to_canonical_headers(sheet):
    headers = ["户编号", "村名", "户主姓名", "户主身份证号码", "家庭人口", "类别", "纳入日期", "联系方式"]
    values = ["NG-001", "北官庄村", "张三", VALID_ID, 3, "低保户", "2023-07-14", "13800138000"]
    parsed = next(parse_rows(read_rows(xlsx_bytes([headers, values]), "台账.xlsx", sheet), sheet))
    assert parsed.values["village"] == "北官庄村"
    assert parsed.values["head_id_number"] == VALID_ID
    assert parsed.values["phone"] == "13800138000"


def test_alias_of_a_header_the_sheet_lacks_is_unknown():
    members = Sheet("members", "家庭成员", (Column("姓名", "name", required=True),), key=("name",))
    assert members.column_for_header("身份证号码") is None
    assert members.column_for_header("姓名*").field == "name"


def test_column_aliases_and_full_width_parentheses_resolve():
    cleanups = Sheet(
        "cleanups",
        "环境整治",
        (Column("清理量(立方米)", "volume", required=True, kind="decimal", aliases=("清理方量",)),),
        key=("volume",),
    )
    assert cleanups.column_for_header("清理量（立方米）").field == "volume"
    assert cleanups.column_for_header("清理方量").field == "volume"
    assert cleanups.required_headers() == ["清理量(立方米)"]
