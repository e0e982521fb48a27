"""Working days per nation, weeks and months, as the guidance counts them."""

import datetime as dt

import pytest

from cpdsl import dates
from cpdsl.model import Duration

D = dt.date


def test_shipped_bank_holidays_are_the_holidays_packages():
    with open(dates.HOLIDAYS_FILE, encoding="utf-8") as file:
        assert file.read() == dates.holidays_table(), "run `make holidays`"


def test_years_outside_the_table_come_from_the_package():
    assert D(2050, 12, 26) in dates.bank_holidays("england", 2050)
    assert D(2050, 12, 26) not in dates.bank_holidays("england", 2049)


@pytest.mark.parametrize(("nation", "expected"), [
    # Good Friday 3 April and Easter Monday 6 April 2026 are bank holidays in England;
    # Scotland has Good Friday but no Easter Monday.
    ("england", D(2026, 4, 17)),
    ("scotland", D(2026, 4, 16)),
])
def test_ten_working_days_over_easter(nation, expected):
    assert dates.add_working_days(D(2026, 4, 1), 10, nation) == expected


@pytest.mark.parametrize(("nation", "expected"), [
    # 25, 28 December (Boxing Day observed) and 1 January in England; Scotland adds 2 January.
    ("england", D(2027, 1, 7)),
    ("scotland", D(2027, 1, 8)),
    ("wales", D(2027, 1, 7)),
])
def test_ten_working_days_over_christmas(nation, expected):
    assert dates.add_working_days(D(2026, 12, 21), 10, nation) == expected


def test_day_zero_is_the_event_and_the_nth_day_is_in_time():
    start = D(2026, 1, 12)  # a Monday
    assert dates.add_working_days(start, 10, "england") == D(2026, 1, 26)
    assert dates.working_days_between(start, D(2026, 1, 26), "england") == 10
    assert dates.working_days_between(start, D(2026, 1, 27), "england") == 11
    assert dates.working_days_between(start, start, "england") == 0
    assert dates.working_days_between(start, D(2026, 1, 1), "england") == 0


def test_a_weekend_is_not_a_working_day_and_st_patricks_day_is_northern_irelands():
    assert not dates.is_working_day(D(2026, 1, 17), "england")
    assert dates.is_working_day(D(2026, 3, 17), "england")
    assert not dates.is_working_day(D(2026, 3, 17), "northern-ireland")


def test_months_clamp_to_the_end_of_the_month():
    assert dates.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert dates.add_months(D(2026, 1, 31), 3) == D(2026, 4, 30)
    assert dates.add_months(D(2026, 11, 15), 3) == D(2027, 2, 15)


def test_add_duration_in_each_unit():
    day = D(2026, 1, 12)
    assert dates.add_duration(day, Duration(2, "weeks"), "england") == D(2026, 1, 26)
    assert dates.add_duration(day, Duration(5, "days"), "england") == D(2026, 1, 17)
    assert dates.add_duration(day, Duration(3, "months"), "england") == D(2026, 4, 12)
    assert dates.add_duration(day, Duration(5, "working-days"), "england") == D(2026, 1, 19)


def test_describe():
    assert dates.describe(Duration(10, "working-days")) == "10 working days"
    assert dates.describe(Duration(1, "weeks")) == "1 week"
