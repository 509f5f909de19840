import pytest

from xiangzhi.core.tabular import CellError, Column, mask_id, normalise_cell, parse_rows, read_rows

from .builders import HEADERS, VALID_ID, VALID_ID_X, row, xlsx_bytes

ID = Column("身份证号", "id_number", required=True, kind="id_number")


def test_valid_id_number_is_accepted():
    assert normalise_cell(ID, VALID_ID) == VALID_ID


def test_lower_case_x_is_stored_as_upper_case():
    assert normalise_cell(ID, VALID_ID_X.lower()) == VALID_ID_X
    assert normalise_cell(ID, "１１０１０５１９４９１２３１００２ｘ") == VALID_ID_X


def test_wrong_check_digit_is_rejected():
    with pytest.raises(CellError) as caught:
        normalise_cell(ID, VALID_ID[:-1] + "5")
    assert "校验位" in caught.value.reason


@pytest.mark.parametrize(("cell", "why"), [("41080219900101123", "18 位"), ("4108021990010112AB", "格式")])
def test_malformed_id_numbers_say_why(cell, why):
    with pytest.raises(CellError) as caught:
        normalise_cell(ID, cell)
    assert why in caught.value.reason


def test_id_number_stored_as_a_number_explains_the_lost_digits():
    with pytest.raises(CellError) as caught:
        normalise_cell(ID, float(VALID_ID))
    assert "文本格式" in caught.value.reason


def test_mask_keeps_six_leading_and_four_trailing_characters():
    assert mask_id("410802199001011234") == "410802********1234"
    assert set(mask_id("12345")) == {"*"}


def test_bad_id_number_error_is_masked(sheet):
    bad = VALID_ID[:-1] + "5"
    data = xlsx_bytes([HEADERS, row(户主身份证号=bad)])
    parsed = next(parse_rows(read_rows(data, "台账.xlsx", sheet), sheet))
    message = str(parsed.errors[0])
    assert message == "第 2 行 [户主身份证号] 410802********1235: 身份证号校验位错误，请核对"
    assert bad not in message and bad not in repr(parsed.errors)


def test_id_number_stored_as_a_number_is_masked_in_the_error(sheet):
    data = xlsx_bytes([HEADERS, row(户主身份证号=int(VALID_ID))])
    parsed = next(parse_rows(read_rows(data, "台账.xlsx", sheet), sheet))
    message = str(parsed.errors[0])
    assert "********" in message
    assert VALID_ID[:-4] not in message


def test_impossible_birth_date_is_rejected_even_with_a_valid_check_digit():
    from stdnum.cn.ric import calc_check_digit

    base = "41080219901301123"  # month 13
    with pytest.raises(CellError) as caught:
        normalise_cell(ID, base + calc_check_digit(base + "0"))
    assert caught.value.reason == "身份证号中的出生日期无效"
