import datetime as dt

from xiangzhi.core.tabular import format_error

from .builders import VALID_ID


def test_error_line_has_the_contract_shape():
    assert format_error(7, "家庭人口", "3.5", "应为整数") == "第 7 行 [家庭人口] 3.5: 应为整数"


def test_blank_value_is_shown_as_kong():
    assert format_error(3, "户主姓名", "", "必填") == "第 3 行 [户主姓名] 空: 必填"
    assert format_error(3, "户主姓名", None, "必填") == "第 3 行 [户主姓名] 空: 必填"


def test_id_number_value_is_masked():
    line = format_error(4, "身份证号", VALID_ID, "身份证号校验位错误", kind="id_number")
    assert line == "第 4 行 [身份证号] 410802********1232: 身份证号校验位错误"


def test_id_number_hidden_in_another_column_is_masked_too():
    line = format_error(4, "备注", f"本人 {VALID_ID} 已迁出", "超过 10 个字符")
    assert VALID_ID not in line
    assert "410802********1232" in line


def test_typed_cells_are_shown_as_typed():
    assert format_error(2, "家庭人口", 3.0, "x") == "第 2 行 [家庭人口] 3: x"
    assert format_error(2, "纳入日期", dt.date(2023, 7, 14), "x") == "第 2 行 [纳入日期] 2023-07-14: x"


def test_multi_line_values_are_shown_on_one_line():
    assert format_error(2, "类别", "低保户\n其他", "x") == "第 2 行 [类别] 低保户 其他: x"
