"""The working-day calendar for statutory clocks: England & Wales, weekends and bank holidays.

Case review deadlines (DESIGN.md) are counted in working days from a recorded date, so
"T0 + 5 working days" from a Thursday before Easter lands well after the Easter Monday.
Bank holidays come from the `holidays` package (England's calendar, which Wales shares).
"""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.UK(subdiv="ENG", years=year).keys())


def bank_holiday_name(day: datetime.date) -> str | None:
    """The bank holiday's name, or None on an ordinary day."""
    return holidays.UK(subdiv="ENG", years=day.year).get(day)


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The date `days` working days after `start` (the start day itself is not counted).

    With days=0, `start` if it is a working day, else the next working day.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = start
    if days == 0:
        while not is_working_day(current):
            current += datetime.timedelta(days=1)
        return current
    remaining = days
    while remaining:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    count, current = 0, start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
