import pytest
from django import forms
from django.core.exceptions import ValidationError

from xiangzhi.core.pii.idcard import IdNumberValidator, normalise_id_number, validate_id_number

from .support import id_number_ending_in_x, make_id_number, with_wrong_check_digit


def full_width(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def test_valid_number_is_returned_as_is():
    number = make_id_number()
    assert validate_id_number(number) == number


def test_check_digit_x_is_accepted():
    number = id_number_ending_in_x()
    assert validate_id_number(number) == number


def test_lower_case_x_is_upper_cased():
    number = id_number_ending_in_x()
    assert normalise_id_number(number.lower()) == number
    assert validate_id_number(number.lower()) == number


def test_full_width_digits_and_spaces_are_normalised():
    number = id_number_ending_in_x()
    typed = "\u3000 " + full_width(number[:6]) + " " + full_width(number[6:].lower()) + "\n"
    assert normalise_id_number(typed) == number
    assert validate_id_number(typed) == number


def test_normalise_accepts_none_and_numbers():
    assert normalise_id_number(None) == ""
    assert normalise_id_number(410802) == "410802"


def test_wrong_check_digit_is_rejected():
    with pytest.raises(ValidationError) as caught:
        validate_id_number(with_wrong_check_digit(make_id_number()))
    assert caught.value.code == "id_checksum"
    assert messages(caught.value) == "身份证号校验位错误"


@pytest.mark.parametrize("length", [17, 19])
def test_wrong_length_is_rejected(length):
    number = (make_id_number() * 2)[:length]
    with pytest.raises(ValidationError) as caught:
        validate_id_number(number)
    assert caught.value.code == "id_length"
    assert messages(caught.value) == f"身份证号应为18位，当前为{length}位"


def test_old_fifteen_digit_number_gets_a_hint():
    with pytest.raises(ValidationError) as caught:
        validate_id_number("410802800101123")
    assert "15位旧号码" in messages(caught.value)


def test_letters_in_the_body_are_rejected():
    number = make_id_number()
    with pytest.raises(ValidationError) as caught:
        validate_id_number(number[:10] + "A" + number[11:])
    assert caught.value.code == "id_format"


@pytest.mark.parametrize("birth", ["19800230", "19801301", "18991231", "29990101"])
def test_impossible_birth_date_is_rejected(birth):
    with pytest.raises(ValidationError) as caught:
        validate_id_number(make_id_number(birth=birth))
    assert caught.value.code == "id_birth_date"
    assert messages(caught.value) == "身份证号中的出生日期无效"


def test_unknown_province_is_rejected():
    with pytest.raises(ValidationError) as caught:
        validate_id_number(make_id_number(area="200802"))
    assert caught.value.code == "id_area"


def test_hong_kong_residence_permit_and_new_foreigner_card_are_accepted():
    for area in ("810000", "931156"):
        number = make_id_number(area=area)
        assert validate_id_number(number) == number


def test_empty_value_is_rejected():
    with pytest.raises(ValidationError) as caught:
        validate_id_number("  ")
    assert caught.value.code == "id_required"


@pytest.mark.parametrize(
    "bad",
    [
        with_wrong_check_digit(make_id_number()),
        make_id_number()[:17],
        make_id_number() + "9",
        make_id_number(birth="19800230"),
        make_id_number(area="200802"),
        make_id_number()[:9] + "Z" + make_id_number()[10:],
    ],
)
def test_messages_never_contain_the_number(bad):
    with pytest.raises(ValidationError) as caught:
        validate_id_number(bad)
    text = messages(caught.value)
    assert bad not in text
    assert bad[:10] not in text
    assert bad[-8:] not in text


def test_validator_works_on_a_form_field():
    field = forms.CharField(validators=[IdNumberValidator()])
    number = make_id_number()
    assert field.clean(number) == number
    with pytest.raises(ValidationError) as caught:
        field.clean(with_wrong_check_digit(number))
    assert caught.value.messages == ["身份证号校验位错误"]


def test_validator_is_migration_friendly():
    path, args, kwargs = IdNumberValidator().deconstruct()
    assert path == "xiangzhi.core.pii.idcard.IdNumberValidator"
    assert (args, kwargs) == ((), {})
    assert IdNumberValidator() == IdNumberValidator()
