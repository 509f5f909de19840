"""Working days for the 公示 period, by the State Council's yearly holiday schedule.

The schedule (法定节假日 and the weekend days worked in exchange, 调休) is announced each November
for the next year and kept up to date by the chinesecalendar package; it is data we should not
maintain ourselves. A year the installed package does not cover yet counts Monday to Friday, and
the pages that show a notice period say so (``schedule_known``).
"""

import datetime as dt

import chinese_calendar


def is_working_day(day: dt.date) -> bool:
    official = _official_working_day(day)
    return day.weekday() < 5 if official is None else official


def schedule_known(day: dt.date) -> bool:
    """Whether ``day``'s year is in the installed holiday schedule."""
    return _official_working_day(day) is not None


def _official_working_day(day: dt.date) -> bool | None:
    """The schedule's word on ``day``; None for a year not published (or not installed) yet."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


def notice_end(start: dt.date, working_days: int) -> dt.date:
    """The last day of a notice that runs ``working_days`` working days from ``start`` (inclusive)."""
    day, counted = start, 0
    while True:
        if is_working_day(day):
            counted += 1
            if counted >= working_days:
                return day
        day += dt.timedelta(days=1)
