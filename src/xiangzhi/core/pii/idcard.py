"""Resident ID numbers (公民身份号码, GB 11643-1999): normalisation and validation.

Checksum and birth date come from python-stdnum's ``stdnum.cn.ric``. Its area-code check is left
out on purpose: it looks the first six digits up in a bundled county table *for the birth year*,
but the code on a card is the one in force when the card was issued, and the table ages — both
reject genuine numbers, which an importer of real ledgers cannot afford. The province prefix is
still checked, and the check digit already catches every single-digit typo and most transpositions.

Error messages never contain the number itself: they end up in import reports, logs and e-mails.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from stdnum.cn import ric

ID_NUMBER_LENGTH = 18

# GB/T 2260 province-level codes; 81/82/83 are the residence permits of Hong Kong, Macao and
# Taiwan residents. Foreigners' permanent-residence cards (2023 format) start with 9.
_PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15"}  # 华北
    | {"21", "22", "23"}  # 东北
    | {"31", "32", "33", "34", "35", "36", "37"}  # 华东
    | {"41", "42", "43", "44", "45", "46"}  # 中南
    | {"50", "51", "52", "53", "54"}  # 西南
    | {"61", "62", "63", "64", "65"}  # 西北
    | {"71", "81", "82", "83"}  # 台湾; 港澳台居民居住证
)
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\ufeff"}


def normalise_id_number(value: object) -> str:
    """Strip, turn full-width characters half-width, drop inner spaces and upper-case the X.

    Returns ``""`` for ``None``. Does not validate.
    """
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(ch for ch in text if not ch.isspace() and ch not in _INVISIBLE).upper()


def validate_id_number(value: object) -> str:
    """Return the normalised 18-character number or raise ``ValidationError`` in Chinese."""
    number = normalise_id_number(value)
    if not number:
        raise ValidationError("身份证号不能为空", code="id_required")
    if len(number) != ID_NUMBER_LENGTH:
        hint = "（15位旧号码请换成18位新号码）" if len(number) == 15 else ""
        raise ValidationError(
            "身份证号应为18位，当前为%(length)d位%(hint)s",
            code="id_length",
            params={"length": len(number), "hint": hint},
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationError("身份证号格式错误：前17位应为数字，末位为数字或X", code="id_format")
    if number[:2] not in _PROVINCE_CODES and number[0] != "9":
        raise ValidationError("身份证号地区代码无效", code="id_area")
    if number[17] != ric.calc_check_digit(number):
        raise ValidationError("身份证号校验位错误", code="id_checksum")
    _check_birth_date(number)
    return number


def looks_like_id_number(value: object) -> bool:
    """Whether ``value`` has an ID number's shape, province and birth date, whatever its check
    digit: one typed with a wrong digit still names a person, while a random 18-digit number (an
    order number) rarely has a province and a real birth date in those places."""
    try:
        validate_id_number(value)
    except ValidationError as error:
        if error.code != "id_checksum":
            return False
        try:
            _check_birth_date(normalise_id_number(value))
        except ValidationError:
            return False
    return True


def _check_birth_date(number: str) -> None:
    try:
        born = ric.get_birth_date(number)
    except ValueError:  # stdnum's InvalidComponent is a ValueError
        born = None
    if born is None or born.year < 1900 or born > timezone.localdate():
        raise ValidationError("身份证号中的出生日期无效", code="id_birth_date")


@deconstructible
class IdNumberValidator:
    """Model/form field validator: ``validators=[IdNumberValidator()]``."""

    def __call__(self, value: object) -> None:
        validate_id_number(value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IdNumberValidator)

    def __hash__(self) -> int:
        return hash(type(self))


validate_id_number_field = IdNumberValidator()
