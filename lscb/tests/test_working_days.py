"""The England & Wales working-day calendar behind the case review clocks."""

import datetime

import pytest
import time_machine

from lscb.working_days import add_working_days, bank_holiday_name, is_working_day, working_days_between

D = datetime.date


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2026, 4, 2), True),  # Thursday before Easter
        (D(2026, 4, 3), False),  # Good Friday
        (D(2026, 4, 4), False),  # Saturday
        (D(2026, 4, 6), False),  # Easter Monday
        (D(2026, 4, 7), True),
        (D(2026, 12, 25), False),  # Christmas Day (Friday)
        (D(2026, 12, 28), False),  # Boxing Day observed (Monday)
        (D(2026, 12, 29), True),
        (D(2027, 1, 1), False),  # New Year's Day
    ],
)
def test_is_working_day_knows_weekends_and_english_bank_holidays(day, expected):
    assert is_working_day(day) is expected


def test_scottish_bank_holidays_are_not_counted():
    # 2 January is a bank holiday in Scotland only; St Andrew's Day likewise.
    assert is_working_day(D(2026, 1, 2))
    assert is_working_day(D(2026, 11, 30))


def test_five_working_days_across_easter_skip_good_friday_and_easter_monday():
    # Incident known on Thursday 2 April 2026: Tue 7, Wed 8, Thu 9, Fri 10, Mon 13.
    assert add_working_days(D(2026, 4, 2), 5) == D(2026, 4, 13)


def test_fifteen_working_days_across_christmas_and_new_year():
    # From Monday 21 December 2026: 22, 23, 24, 29, 30, 31 Dec, 4–8 Jan, 11–14 Jan.
    assert add_working_days(D(2026, 12, 21), 15) == D(2027, 1, 14)


def test_a_start_on_a_bank_holiday_counts_from_the_next_working_day():
    assert add_working_days(D(2026, 12, 25), 1) == D(2026, 12, 29)
    assert add_working_days(D(2026, 12, 25), 0) == D(2026, 12, 29)
    assert add_working_days(D(2026, 12, 29), 0) == D(2026, 12, 29)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), -1)


def test_working_days_between_is_the_inverse_of_adding():
    start = D(2026, 3, 30)
    for days in (1, 5, 15, 40):
        assert working_days_between(start, add_working_days(start, days)) == days
    assert working_days_between(D(2026, 4, 13), D(2026, 4, 2)) == -5


def test_bank_holiday_names():
    assert bank_holiday_name(D(2026, 4, 3)) == "Good Friday"
    assert bank_holiday_name(D(2026, 4, 7)) is None


@time_machine.travel(datetime.datetime(2026, 12, 24, 16, 0, tzinfo=datetime.UTC), tick=False)
def test_a_deadline_set_on_christmas_eve_counts_from_today():
    from django.utils import timezone

    today = timezone.localdate()
    assert today == D(2026, 12, 24)
    assert add_working_days(today, 5) == D(2027, 1, 5)  # 29, 30, 31 Dec, 4, 5 Jan
