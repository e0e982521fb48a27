"""Counting days as the guidance words them: working days per nation, weeks and months.

Day 0 is the day of the event counted from; "within N working days" means on or before the
Nth working day after it. Working days skip weekends and the nation's bank holidays, which
come from the `holidays` package. Its answers for the years plans use are shipped in
`data/bank-holidays.txt` (`make holidays` writes it; a test checks it against the package)
because importing `holidays` and computing a year costs ~100 ms a run; other years ask the
package itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import os

from cpdsl.model import Duration

# The nations, as profiles name them, and the `holidays` subdivision of each.
SUBDIVISIONS = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern-ireland": "NIR"}
HOLIDAYS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                             "bank-holidays.txt")
SHIPPED_YEARS = range(2015, 2041)


def bank_holidays(nation: str, year: int) -> frozenset[dt.date]:
    if year in SHIPPED_YEARS:
        return _shipped(nation).get(year, frozenset())
    return _from_package(nation, year)


@functools.cache
def _shipped(nation: str) -> dict[int, frozenset[dt.date]]:
    """The shipped bank holidays of one nation, by year."""
    found: dict[int, set[dt.date]] = {}
    prefix = nation + " "
    with open(HOLIDAYS_FILE, encoding="utf-8") as file:
        for line in file:
            if line.startswith(prefix):
                date = dt.date.fromisoformat(line[len(prefix):len(prefix) + 10])
                found.setdefault(date.year, set()).add(date)
    return {year: frozenset(days) for year, days in found.items()}


@functools.cache
def _from_package(nation: str, year: int) -> frozenset[dt.date]:
    import holidays  # slow to import: only for years the shipped table lacks

    return frozenset(holidays.country_holidays("GB", subdiv=SUBDIVISIONS[nation], years=year))


def holidays_table(years: range = SHIPPED_YEARS) -> str:
    """The text of `data/bank-holidays.txt`, from the `holidays` package."""
    import holidays

    lines = ["# Bank holidays by nation, from the `holidays` package "
             f"{holidays.__version__} (observed days included). Made by `make holidays`."]
    for nation, subdivision in SUBDIVISIONS.items():
        table = holidays.country_holidays("GB", subdiv=subdivision, years=list(years))
        for day, name in sorted(table.items()):
            lines.append(f"{nation} {day.isoformat()} {name}")
    return "\n".join(lines) + "\n"


def is_working_day(day: dt.date, nation: str) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(nation, day.year)


def add_working_days(start: dt.date, count: int, nation: str) -> dt.date:
    """The `count`th working day after `start` (day 0). Whole weeks are jumped at once
    (a plan may say `every 10000 working days`); the last few days are stepped."""
    day = start
    while count > 10:
        target = day + dt.timedelta(weeks=count // 5 - 1)
        count -= working_days_between(day, target, nation)  # leaves 5 or more to go
        day = target
    while count > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, nation):
            count -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, nation: str) -> int:
    """How many working days after `start` `end` is (0 when `end` is on or before `start`);
    `end` counts if it is a working day. Whole weeks are counted at once, then the bank
    holidays that fall on weekdays between are taken off."""
    if end <= start:
        return 0
    weeks, rest = divmod((end - start).days, 7)
    count = weeks * 5 + sum((start.weekday() + i) % 7 < 5 for i in range(1, rest + 1))
    for year in range(start.year, end.year + 1):
        count -= sum(1 for day in bank_holidays(nation, year)
                     if start < day <= end and day.weekday() < 5)
    return count


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later, clamped to the month's end (31 January + 1 = 28 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _days_in_month(year, month)))


def _days_in_month(year: int, month: int) -> int:
    # Not calendar.monthrange: importing calendar (and locale) costs a millisecond a run.
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


def add_duration(day: dt.date, duration: Duration, nation: str) -> dt.date:
    """The last day that is still "within" `duration` of `day`."""
    if duration.unit == "working-days":
        return add_working_days(day, duration.count, nation)
    if duration.unit == "days":
        return day + dt.timedelta(days=duration.count)
    if duration.unit == "weeks":
        return day + dt.timedelta(weeks=duration.count)
    return add_months(day, duration.count)


def describe(duration: Duration) -> str:
    """`10 working days`, `1 week`, `3 months`."""
    unit = duration.unit.replace("-", " ")
    return f"{duration.count} {unit[:-1] if duration.count == 1 else unit}"
