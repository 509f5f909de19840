"""Aggregates come back as None, int or Decimal; the report holds plain JSON numbers."""

from decimal import Decimal


def plain(value) -> int | float:
    """0 for no rows, an int for whole numbers (15000, not 15000.00), else a float."""
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def ratio(part: int, whole: int, *, when_empty: float = 1.0) -> float:
    """part / whole rounded to 4 decimals (CONTRACT §4); ``when_empty`` when there is no whole."""
    if not whole:
        return when_empty
    return round(part / whole, 4)
