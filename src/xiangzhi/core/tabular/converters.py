"""Per-kind cell converters, built once per column (see normalise.compile_column).

Each factory returns (from_str, from_value): from_str gets an already cleaned, non-empty
string; from_value gets a typed cell as calamine returns it (float, int, bool, date,
datetime, time). Both return the python value or raise CellError with a Chinese reason.
Reasons never repeat the cell value: the caller shows it, masked where needed.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from stdnum.cn.ric import calc_check_digit


class CellError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# ASCII-only digit classes: \d would also accept Arabic-Indic digits, which int() takes silently.
_INT = re.compile(r"[+-]?[0-9]+(?:\.0*)?")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")
_DATE_NUMERIC = re.compile(
    r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})(?:[ T][0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?"
)
_DATE_CHINESE = re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日")
_PERIOD = re.compile(r"([0-9]{4})(?:年|(Q[1-4])|(H[12])|-([0-9]{1,2}))?")
_ID = re.compile(r"[0-9]{17}[0-9X]")
# Full-width ，；／ are folded earlier only for numeric kinds, so lists see both forms.
_LIST_SEPARATORS = re.compile(r"[、,，;；/／\r\n]+")

# The years a date cell may hold: also the years a list page's year filter accepts.
FIRST_YEAR, LAST_YEAR = 1900, 2100
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 once Excel's 1900 leap bug is past
_MAX_SERIAL = 2958465  # 9999-12-31
# No count or amount of a ledger needs more digits; a longer number is a typo or a pasted ID, and
# int() refuses strings of more than 4,300 digits with an error that is no row error.
MAX_INT_DIGITS = 15
# Whole digits of a decimal: ledgers round decimals (quantize), which fails past the context's 28
# digits of precision; no amount of a township comes near 20.
MAX_DECIMAL_DIGITS = 20
TOO_LARGE = "数值过大"
_DATE_FORMATS = "2023-07-14、2023/7/14、2023.7.14 或 2023年7月14日"
_PERIOD_FORMATS = "2023、2023Q1、2023-03 或 2023H1"


def _decimal(text: str) -> Decimal:
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    elif not _NUMBER.fullmatch(text):
        raise CellError("应为数字")
    return _bounded_decimal(Decimal(text))


def _bounded_decimal(number: Decimal) -> Decimal:
    if number and number.adjusted() >= MAX_DECIMAL_DIGITS:  # adjusted(): the leading digit's power of ten
        raise CellError(TOO_LARGE)
    return number


def _float_decimal(value: float) -> Decimal:
    # repr() gives the shortest round-tripping form, so 0.1 stays 0.1, not 0.1000000000000000055…
    try:
        number = Decimal(repr(value))
    except InvalidOperation as exc:
        raise CellError("应为数字") from exc
    if not number.is_finite():
        raise CellError("应为数字")
    return _bounded_decimal(number)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def text(column):
    limit = column.max_length

    def from_str(value: str) -> str:
        if limit is not None and len(value) > limit:
            raise CellError(f"超过 {limit} 个字符")
        return value

    def from_value(value: object) -> str:
        return from_str(render_typed(value))

    return from_str, from_value


def render_typed(value: object) -> str:
    """Text of a typed cell as a person would have typed it (1001.0 -> "1001")."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("+-").lstrip("0")) > MAX_INT_DIGITS:
        raise CellError(TOO_LARGE)
    return int(digits)


def integer(column):
    def from_str(value: str) -> int:
        if _INT.fullmatch(value):
            return _bounded_int(value.partition(".")[0])
        if _THOUSANDS.fullmatch(value) and "." not in value:
            return _bounded_int(value.replace(",", ""))
        if _NUMBER.fullmatch(value):
            raise CellError("应为整数")
        raise CellError("应为整数，如 3")

    def from_value(value: object) -> int:
        if _is_number(value) and abs(value) >= 10**MAX_INT_DIGITS:
            raise CellError(TOO_LARGE)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        raise CellError("应为整数")

    return from_str, from_value


def decimal(column):
    def from_value(value: object) -> Decimal:
        if isinstance(value, float):
            return _float_decimal(value)
        if _is_number(value):
            return _bounded_decimal(Decimal(value))
        raise CellError("应为数字")

    return _decimal, from_value


def percent(column):
    def checked(number: Decimal) -> Decimal:
        if number < 0 or number > 1:
            raise CellError("百分比应在 0% 到 100% 之间")
        return number

    def from_str(value: str) -> Decimal:
        if value.endswith("%"):
            return checked(_decimal(value[:-1].strip()) / 100)
        number = _decimal(value)
        if number > 1:
            # "67" may mean 67% or a typo for 0.67; guessing would store a wrong share.
            raise CellError("百分比请写成 67% 或 0.67")
        return checked(number)

    def from_value(value: object) -> Decimal:
        if not _is_number(value):
            raise CellError("应为百分比，如 67% 或 0.67")
        return from_str(str(_float_decimal(value) if isinstance(value, float) else value))

    return from_str, from_value


def _make_date(year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise CellError(f"日期不存在：月份应为 1–12，不是 {month}")
    try:
        value = dt.date(year, month, day)
    except ValueError:
        raise CellError(f"日期不存在：{year}年{month}月没有{day}日") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellError(f"日期超出合理范围（{FIRST_YEAR}–{LAST_YEAR} 年）")
    return value


def date(column):
    def from_str(value: str) -> dt.date:
        match = _DATE_NUMERIC.fullmatch(value)
        if match:
            return _make_date(int(match[1]), int(match[3]), int(match[4]))
        match = _DATE_CHINESE.fullmatch(value)
        if match:
            return _make_date(int(match[1]), int(match[2]), int(match[3]))
        raise CellError(f"日期格式无法识别，应为 {_DATE_FORMATS}")

    def from_value(value: object) -> dt.date:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return _make_date(value.year, value.month, value.day)
        if _is_number(value) and 1 <= value <= _MAX_SERIAL:
            # A date typed into a cell formatted as a number arrives as Excel's day serial.
            day = _EXCEL_EPOCH + dt.timedelta(days=int(value))
            return _make_date(day.year, day.month, day.day)
        raise CellError(f"不是日期，应为 {_DATE_FORMATS}")

    return from_str, from_value


def period(column):
    def from_str(value: str) -> str:
        match = _PERIOD.fullmatch(value.upper())
        if not match:
            raise CellError(f"期间格式应为 {_PERIOD_FORMATS}")
        year, quarter, half, month = match.groups()
        if month is None:
            return year + (quarter or half or "")
        if not 1 <= int(month) <= 12:
            raise CellError(f"期间的月份应为 1–12，不是 {int(month)}")
        return f"{year}-{int(month):02d}"

    def from_value(value: object) -> str:
        # Excel turns a typed "2023-03" into the date 2023-03-01; take it back as the month.
        if isinstance(value, dt.date) and value.day == 1:
            return f"{value.year}-{value.month:02d}"
        if _is_number(value) and float(value).is_integer():
            return from_str(str(int(value)))
        raise CellError(f"期间格式应为 {_PERIOD_FORMATS}")

    return from_str, from_value


def _not_in_choices(choices: tuple[str, ...]) -> str:
    return f"不在允许的值中，应为：{'、'.join(choices)}"


def choice(column):
    allowed = frozenset(column.choices)

    def from_str(value: str) -> str:
        if value not in allowed:
            raise CellError(_not_in_choices(column.choices))
        return value

    return from_str, lambda value: from_str(render_typed(value))


def listing(column):
    allowed = frozenset(column.choices)

    def from_str(value: str) -> list[str]:
        items = [item.strip() for item in _LIST_SEPARATORS.split(value)]
        items = list(dict.fromkeys(item for item in items if item))
        if not items:  # only separators ("，") list nothing: the cell is blank
            if column.required:
                raise CellError("必填")
            return column.default
        if allowed:
            for item in items:
                if item not in allowed:
                    raise CellError(f"「{item}」{_not_in_choices(column.choices)}")
        return items

    return from_str, lambda value: from_str(render_typed(value))


def _check_birth_date(number: str, today: dt.date) -> None:
    # Same rule as the model validator (core.pii.idcard), so a row that passes here never
    # fails later in full_clean() with an error that has no row number.
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        born = None
    if born is None or born.year < 1900 or born > today:
        raise CellError("身份证号中的出生日期无效")


def id_number(column):
    today = dt.date.today()
    # Birth dates (characters 7–14) repeat across a file's people: each is checked once.
    valid_births: set[str] = set()

    def from_str(value: str) -> str:
        if " " in value:
            value = value.replace(" ", "")
        value = value.upper()
        if len(value) != 18:
            raise CellError(f"身份证号应为 18 位，实为 {len(value)} 位")
        if not _ID.fullmatch(value):
            raise CellError("身份证号格式错误：前 17 位应为数字，末位为数字或 X")
        if calc_check_digit(value) != value[-1]:
            raise CellError("身份证号校验位错误，请核对")
        if value[6:14] not in valid_births:
            _check_birth_date(value, today)
            valid_births.add(value[6:14])
        return value

    def from_value(value: object) -> str:
        if isinstance(value, float) and value >= 1e15:
            # A float keeps only ~15 significant digits: the last digits are already lost.
            raise CellError("身份证号被存成了数字，末几位已丢失；请把该列设为文本格式后重新填写")
        return from_str(render_typed(value))

    return from_str, from_value


FACTORIES = {
    "text": text,
    "int": integer,
    "decimal": decimal,
    "percent": percent,
    "date": date,
    "period": period,
    "choice": choice,
    "list": listing,
    "id_number": id_number,
}
