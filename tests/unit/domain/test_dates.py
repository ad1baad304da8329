"""Calendar arithmetic: month ends, leap days and whole-year ages."""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from agent_app.domain.dates import add_months, age_on, format_date

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


def test_two_months_after_31_december_is_the_last_day_of_february() -> None:
    assert add_months(date(2025, 12, 31), 2) == date(2026, 2, 28)
    assert add_months(date(2027, 12, 31), 2) == date(2028, 2, 29)


def test_months_can_be_added_across_years_in_both_directions() -> None:
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)
    assert add_months(date(2026, 1, 31), -2) == date(2025, 11, 30)


@given(days, st.integers(min_value=-24, max_value=24))
def test_adding_months_moves_the_month_and_never_overflows_it(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
    if moved.day < day.day:  # clamped: only to the last day of a shorter month
        assert calendar.monthrange(moved.year, moved.month)[1] == moved.day


@given(days)
def test_adding_no_month_is_the_same_day(day: date) -> None:
    assert add_months(day, 0) == day


def test_someone_born_on_29_february_is_a_year_older_on_1_march_in_a_common_year() -> None:
    born = date(2008, 2, 29)
    assert age_on(born, date(2026, 2, 28)) == 17
    assert age_on(born, date(2026, 3, 1)) == 18
    assert age_on(born, date(2028, 2, 29)) == 20


def test_age_grows_on_the_birthday_itself() -> None:
    assert age_on(date(2000, 3, 16), date(2026, 3, 15)) == 25
    assert age_on(date(2000, 3, 16), date(2026, 3, 16)) == 26


def _anniversary(born: date, years: int) -> date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February in a common year: the birthday is kept on 1 March
        return date(born.year + years, 3, 1)


@given(days, days)
def test_age_is_the_number_of_anniversaries_passed(born: date, today: date) -> None:
    if born > today:
        return
    expected = max(years for years in range(0, 201) if _anniversary(born, years) <= today)
    assert age_on(born, today) == expected


def test_dates_are_shown_day_month_year() -> None:
    assert format_date(date(2026, 3, 5)) == "05/03/2026"
