"""Cross-field rules of the 人居环境 ledgers, shared by import and the edit forms (CONTRACT §3)."""

from decimal import Decimal

# Ratings are kept per year; a year outside this range is a typo (e.g. 203 for 2023).
FIRST_YEAR, LAST_YEAR = 1990, 2100
_CENT = Decimal("0.01")
# Below this a difference from the rounded value is float noise from an Excel formula cell.
_NOISE = Decimal("1e-9")


def tidy_decimal(value: Decimal | None) -> Decimal | None:
    """Drop float noise (3.3000000000000003 from a formula) so that the value fits two places."""
    if value is None:
        return None
    rounded = value.quantize(_CENT)
    return rounded if abs(value - rounded) < _NOISE else value


def amount_problem(value: Decimal | None, *, places: int = 2, digits: int = 12) -> str | None:
    """Why a non-negative amount does not fit a DecimalField(digits, places), or None."""
    if value is None:
        return None
    if value < 0:
        return "不能为负数"
    if value.as_tuple().exponent < -places:
        return f"最多保留 {places} 位小数"
    if value >= Decimal(10) ** (digits - places):
        return "数值过大"
    return None


def courtyard_rules(fields: dict) -> list[tuple[str, str]]:
    year = fields.get("year")
    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        return [("year", f"评比年度应在 {FIRST_YEAR} 到 {LAST_YEAR} 之间")]
    return []


def cleanup_rules(fields: dict) -> list[tuple[str, str]]:
    volume = fields.get("volume_m3")
    problem = amount_problem(volume)
    if problem is None and volume is not None and volume == 0:
        problem = "清理量应大于 0"
    return [("volume_m3", problem)] if problem else []
