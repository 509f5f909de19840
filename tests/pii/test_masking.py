import pytest

from xiangzhi.core.pii.masking import mask_account, mask_id, mask_ids_in_text, mask_name, mask_phone

from .support import id_number_ending_in_x, make_id_number


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        (make_id_number(seq="123"), "410802********" + make_id_number(seq="123")[-4:]),
        (id_number_ending_in_x().lower(), "410802********" + id_number_ending_in_x()[-4:]),
        ("410802800101123", "410802********1123"),
        (None, ""),
        ("", ""),
        ("1234", "********"),
        ("41080219800101", "********"),
    ],
)
def test_mask_id(value, masked):
    assert mask_id(value) == masked


def test_mask_id_always_hides_eight_characters():
    number = make_id_number()
    masked = mask_id(number)
    assert masked == f"{number[:6]}********{number[-4:]}"
    assert number[6:14] not in masked


def test_ids_inside_free_text_are_masked():
    number = make_id_number()
    text = f"户主{number}，旧号410802800101123；电话13912342238；编号1234567890123456789"
    masked = mask_ids_in_text(text)
    assert number not in masked and "410802800101123" not in masked
    assert f"户主{mask_id(number)}，旧号410802********1123；电话13912342238" in masked
    assert masked.endswith("编号1234567890123456789")  # 19 digits: not an ID number


def test_an_id_number_typed_full_width_is_masked_in_text_too():
    number = make_id_number(seq="123")
    full_width = number.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})

    masked = mask_ids_in_text(f"第 2 行 [户编号] {full_width}: 宁郭镇没有这条记录")

    assert masked == f"第 2 行 [户编号] {mask_id(number)}: 宁郭镇没有这条记录"


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13912342238", "139****2238"),
        ("139-1234-2238", "139****2238"),
        ("+86 139 1234 2238", "139****2238"),
        ("１３９１２３４２２３８", "139****2238"),
        ("0391-8123456", "****3456"),
        ("110", "****"),
        (13912342238, "139****2238"),
        (None, ""),
        ("", ""),
    ],
)
def test_mask_phone(value, masked):
    assert mask_phone(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("张三丰", "张*丰"),
        ("李四", "李*"),
        ("欧阳小明", "欧**明"),
        (" 王五 ", "王*"),
        ("赵", "*"),
        (None, ""),
        ("", ""),
    ],
)
def test_mask_name(value, masked):
    assert mask_name(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [("6217 0000 1234 5678", "****5678"), ("123", "****"), (None, "")],
)
def test_mask_account(value, masked):
    assert mask_account(value) == masked
