"""Working days for the 公示 period. Weekends only: official holiday calendars change every year
and are not in the data yet, so a notice over a holiday runs as many extra days as the town sets."""

import datetime as dt


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5


def notice_end(start: dt.date, working_days: int) -> dt.date:
    """The last day of a notice that runs ``working_days`` working days from ``start`` (inclusive)."""
    day, counted = start, 0
    while True:
        if is_working_day(day):
            counted += 1
            if counted >= working_days:
                return day
        day += dt.timedelta(days=1)
