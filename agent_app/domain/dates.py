"""Calendar arithmetic for the rules: adding months, ages in whole years, the printed date.

Owns the three date computations every rule shares, so that "two months after the first act"
and "21 years old" mean the same thing on every screen. Pure functions of their arguments:
nothing here reads the clock.
"""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole calendar months, clamped to the end of a shorter month.

    31 December + 2 months is 28 (or 29) February: the deadline cannot fall in a month that
    the calendar skips, and clamping never moves it past the end of the target month.
    """
    month_index = day.year * 12 + (day.month - 1) + months
    year, month_zero = divmod(month_index, 12)
    month = month_zero + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


def age_on(birth_date: date, today: date) -> int:
    """Age in whole years on ``today``; negative when ``birth_date`` is after ``today``.

    Someone born on 29 February has their birthday on 1 March in a common year: on 28
    February they are not a year older yet. The comparison of (month, day) pairs gives that.
    """
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)


def format_date(day: date) -> str:
    """DD/MM/YYYY, the only way a date is shown on screen and on paper."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
