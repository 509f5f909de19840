"""The report period [start, end]: parsed from ``--year`` or ``--from/--to`` (CLI and web alike).

Dates accept the same spellings as ledger cells (2023-07-14, 2023/7/14, 2023年7月14日 …), so a
user types a period the way they type dates into their ledgers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from xiangzhi.core.tabular import CellError, Column, normalise_cell
from xiangzhi.core.tabular.converters import FIRST_YEAR, LAST_YEAR

_DATE = Column("日期", "date", kind="date")
MIN_YEAR, MAX_YEAR = FIRST_YEAR, LAST_YEAR  # the one year range of the project
_QUARTER_NAMES = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}


class PeriodError(ValueError):
    """A period the user asked for that cannot be a report period; ``message`` is Chinese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def year(self) -> int:
        """The year of yearly items (courtyards, collective income, stars): the year of ``end``."""
        return self.end.year

    @property
    def is_calendar_year(self) -> bool:
        return self.start == dt.date(self.end.year, 1, 1) and self.end == dt.date(self.end.year, 12, 31)

    def label(self) -> str:
        """The period as a report title says it: 2023年, 2023年第一季度, or from–to."""
        if self.is_calendar_year:
            return f"{self.year}年"
        for quarter, name in _QUARTER_NAMES.items():
            first, last = _quarter_bounds(self.year, quarter)
            if (self.start, self.end) == (first, last):
                return f"{self.year}年{name}"
        return f"{_chinese_date(self.start)}至{_chinese_date(self.end)}"

    def as_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}

    def query(self) -> dict[str, str]:
        """The period as URL parameters of the report pages."""
        if self.is_calendar_year:
            return {"year": str(self.year)}
        return {"from": self.start.isoformat(), "to": self.end.isoformat()}


def parse_period(year: object = None, start: object = None, end: object = None) -> Period:
    """A period from a year or from two dates; ``PeriodError`` names what is wrong."""
    year = _blank_to_none(year)
    start, end = _blank_to_none(start), _blank_to_none(end)
    if year is not None and (start is not None or end is not None):
        raise PeriodError("请只用一种方式指定期间：年度，或起止日期")
    if year is not None:
        return Period.of_year(_parse_year(year))
    if start is None and end is None:
        raise PeriodError("请指定报告期间：年度，或起止日期")
    if start is None or end is None:
        raise PeriodError("起止日期需同时填写：缺少" + ("开始日期" if start is None else "结束日期"))
    first, last = _parse_date(start, "开始日期"), _parse_date(end, "结束日期")
    if last < first:
        raise PeriodError(f"结束日期 {last.isoformat()} 早于开始日期 {first.isoformat()}")
    return Period(first, last)


def _blank_to_none(value: object) -> object:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _parse_year(value: object) -> int:
    text = str(value).strip().removesuffix("年")
    if not text.isdecimal() or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise PeriodError(f"年度「{value}」无效：应为 {MIN_YEAR}–{MAX_YEAR} 之间的四位年份，如 2023")
    return int(text)


def _parse_date(value: object, label: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return normalise_cell(_DATE, value)
    except CellError as error:
        raise PeriodError(f"{label}「{value}」无效：{error.reason}") from None


def _quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    return _month_start(year, quarter * 3 - 2), _month_end(year, quarter * 3)


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year, month, 1)


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def period_code_label(code: str) -> str:
    """An indicator 期间 as prose: 2023 → 2023年, 2023Q1 → 2023年第一季度, 2023-03 → 2023年3月."""
    year, rest = code[:4], code[4:]
    if rest.startswith("Q") and rest[1:].isdecimal() and int(rest[1:]) in _QUARTER_NAMES:
        return f"{year}年{_QUARTER_NAMES[int(rest[1:])]}"
    if rest in ("H1", "H2"):
        return f"{year}年{'上' if rest == 'H1' else '下'}半年"
    if rest.startswith("-") and rest[1:].isdecimal():
        return f"{year}年{int(rest[1:])}月"
    return f"{year}年" if not rest else code
