import pytest

from xiangzhi.core.tabular import CellError, Column, normalise_cell

STARS = ("支部过硬星", "产业兴旺星", "生态宜居星", "平安法治星", "文明幸福星")
PLANNED = Column("计划创建星", "stars", required=True, kind="list", choices=STARS)
FREE = Column("标签", "tags", kind="list")


@pytest.mark.parametrize("separator", ["、", ",", "，", ";", "；", "/", "\n", "\r\n", " 、 "])
def test_each_list_separator_splits_items(separator):
    text = separator.join(["支部过硬星", "产业兴旺星", "生态宜居星"])
    assert normalise_cell(PLANNED, text) == ["支部过硬星", "产业兴旺星", "生态宜居星"]


def test_list_items_are_stripped_blanks_dropped_and_duplicates_removed_in_order():
    text = " 产业兴旺星 、、支部过硬星，产业兴旺星；\n"
    assert normalise_cell(PLANNED, text) == ["产业兴旺星", "支部过硬星"]


def test_list_item_outside_choices_is_named_in_the_reason():
    with pytest.raises(CellError) as caught:
        normalise_cell(PLANNED, "支部过硬星、五好星")
    assert "「五好星」" in caught.value.reason
    assert "文明幸福星" in caught.value.reason


def test_open_list_accepts_any_items():
    assert normalise_cell(FREE, "甲/乙") == ["甲", "乙"]


def test_blank_optional_list_is_the_default():
    assert normalise_cell(FREE, "") is None


def test_rows_never_share_a_list_object():
    from xiangzhi.core.tabular.normalise import compile_column

    normalise = compile_column(PLANNED)
    first, second = normalise("支部过硬星"), normalise("支部过硬星")
    first.append("x")
    assert second == ["支部过硬星"]


@pytest.mark.parametrize("separators", ["，", "、、", " / "])
def test_a_list_of_only_separators_is_blank(separators):
    with pytest.raises(CellError) as caught:
        normalise_cell(PLANNED, separators)
    assert caught.value.reason == "必填"
    assert normalise_cell(FREE, separators) is None
