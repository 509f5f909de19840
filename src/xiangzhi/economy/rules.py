"""Rules of the economy ledgers, shared by import and the edit forms."""

from decimal import Decimal

from xiangzhi.economy.periods import period_bounds

_YEARS = range(1949, 2101)


def _decimal_fits(value: Decimal, digits: int, places: int) -> str | None:
    """Why ``value`` does not fit a DecimalField(digits, places), or None.

    The import path writes in bulk without model validation, and the two databases treat an
    oversized decimal differently (round or fail); checking here keeps import == form == database.
    """
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        return f"最多 {places} 位小数"
    if abs(value) >= Decimal(10) ** (digits - places):
        return "数值过大"
    return None


def income_rules(fields: dict) -> list[tuple[str, str]]:
    problems = []
    year, income = fields.get("year"), fields.get("income_wan")
    if year is not None and year not in _YEARS:
        problems.append(("year", "年度应为 1949–2100 之间的四位数"))
    if income is not None:
        if income < 0:
            problems.append(("income_wan", "集体经济收入不能为负数"))
        elif reason := _decimal_fits(income, 12, 4):
            problems.append(("income_wan", reason))
    return problems


def indicator_rules(fields: dict) -> list[tuple[str, str]]:
    problems = []
    period, value = fields.get("period"), fields.get("value")
    if period:
        try:
            start, _ = period_bounds(period)
        except ValueError:
            problems.append(("period", "期间格式应为 2023、2023Q1、2023-03 或 2023H1"))
        else:
            if start.year not in _YEARS:
                problems.append(("period", "期间的年份应在 1949–2100 之间"))
    if value is not None and (reason := _decimal_fits(value, 18, 4)):
        problems.append(("value", reason))
    if fields.get("name") is not None and not fields["name"].strip():
        problems.append(("name", "请填写指标名称"))
    return problems
