import pytest

from xiangzhi.core.tabular import CellError, Column, normalise_cell

NAME = Column("户主姓名", "name", required=True, max_length=4)
CODE = Column("户编号", "code", required=True)
NOTE = Column("情况记录", "note")
STATUS = Column("状态", "status", kind="choice", choices=("正常", "故障", "拆除"), default="正常")


def test_text_is_stripped_of_ascii_and_full_width_spaces():
    assert normalise_cell(NAME, "\u3000 张三 \u3000") == "张三"


def test_full_width_letters_and_digits_become_half_width():
    assert normalise_cell(CODE, "ＮＧ００１") == "NG001"
    assert normalise_cell(NOTE, "３号楼（东）") == "3号楼（东）"


def test_a_value_without_chinese_folds_whole_so_a_code_typed_full_width_is_the_same_code():
    assert normalise_cell(CODE, "ＮＧ－００１") == "NG-001"
    assert normalise_cell(CODE, "NG－001") == "NG-001"
    assert normalise_cell(NOTE, "（１３９）００００－１１１１") == "(139)0000-1111"
    assert normalise_cell(CODE, "\u3000ＮＧ－００１\xa0") == "NG-001"


def test_chinese_punctuation_in_free_text_is_kept():
    assert normalise_cell(NOTE, "已走访，情况良好；下月复查（电话）") == "已走访，情况良好；下月复查（电话）"


def test_numeric_cells_in_text_columns_read_as_typed():
    assert normalise_cell(CODE, 1001.0) == "1001"
    assert normalise_cell(NOTE, 12.5) == "12.5"


def test_blank_required_text_is_required():
    with pytest.raises(CellError) as caught:
        normalise_cell(NAME, None)
    assert caught.value.reason == "必填"


def test_max_length_is_enforced():
    with pytest.raises(CellError) as caught:
        normalise_cell(NAME, "欧阳东方红")
    assert caught.value.reason == "超过 4 个字符"


def test_choice_outside_the_list_names_the_allowed_values():
    with pytest.raises(CellError) as caught:
        normalise_cell(STATUS, "坏了")
    assert caught.value.reason == "不在允许的值中，应为：正常、故障、拆除"


def test_blank_choice_takes_the_default():
    assert normalise_cell(STATUS, "") == "正常"
    assert normalise_cell(STATUS, " 故障 ") == "故障"


def test_declaring_an_unknown_kind_fails_at_import_time():
    with pytest.raises(ValueError):
        Column("金额", "amount", kind="money")
