"""Statistical periods as the indicators ledger writes them: 2023, 2023Q1, 2023-03, 2023H1.

The tabular engine's "period" kind already turns what people type (２０２３Ｑ１, 2023年, 2023-3)
into one of these four canonical forms; this module gives each its first and last day, so
"indicators whose period lies inside [start, end]" is a plain date-range query.
"""

import calendar
import datetime as dt
import re

_CANONICAL = re.compile(r"(\d{4})(?:Q([1-4])|H([12])|-(0[1-9]|1[0-2]))?")

KIND_LABELS = {"year": "年", "half": "半年", "quarter": "季度", "month": "月"}


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last day of a canonical period; ValueError for anything else."""
    match = _CANONICAL.fullmatch(period)
    if match is None:
        raise ValueError(f"not a canonical period: {period!r}")
    year = int(match[1])
    if match[2]:
        first_month, months = 3 * int(match[2]) - 2, 3
    elif match[3]:
        first_month, months = 6 * int(match[3]) - 5, 6
    elif match[4]:
        first_month, months = int(match[4]), 1
    else:
        first_month, months = 1, 12
    return dt.date(year, first_month, 1), _last_day(year, first_month + months - 1)


def period_kind(period: str) -> str:
    if "Q" in period:
        return "quarter"
    if "H" in period:
        return "half"
    return "month" if "-" in period else "year"


def period_label(period: str) -> str:
    """2023Q1 → 2023年第1季度, for pages (the ledger itself keeps the canonical form)."""
    start, _ = period_bounds(period)
    kind = period_kind(period)
    if kind == "quarter":
        return f"{start.year}年第{period[-1]}季度"
    if kind == "half":
        return f"{start.year}年{'上' if period.endswith('1') else '下'}半年"
    if kind == "month":
        return f"{start.year}年{start.month}月"
    return f"{start.year}年"
