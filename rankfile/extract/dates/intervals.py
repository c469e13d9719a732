"""Calendar arithmetic on closed date intervals (pure functions, no text)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

Interval = tuple[date, date]

MIN_YEAR = 1900
MAX_YEAR = 2100

# fraction of a month / year / season / decade that early, mid and late cover
_MONTH_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_YEAR_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_DECADE_YEARS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}

# precisions from finest to coarsest
PRECISIONS = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "unknown")


def plausible(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def valid_day(month: int, day: int, year: int | None = None) -> bool:
    """Whether ``day`` exists in ``month`` (any year allows 29 February)."""
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= last_day(year if year is not None else 2000, month)


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def day_interval(year: int, month: int, day: int) -> Interval:
    d = date(year, month, day)
    return d, d


def month_interval(year: int, month: int) -> Interval:
    return date(year, month, 1), date(year, month, last_day(year, month))


def months_interval(year: int, first_month: int, n_months: int) -> Interval:
    """``n_months`` months from ``first_month`` of ``year`` (may run into the next year)."""
    y2, m2 = add_months(year, first_month, n_months - 1)
    return date(year, first_month, 1), date(y2, m2, last_day(y2, m2))


def year_interval(year: int) -> Interval:
    return date(year, 1, 1), date(year, 12, 31)


def week_interval(day: date) -> Interval:
    """The Monday-to-Sunday week containing ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def season_interval(year: int, first_month: int) -> Interval:
    """A three-month season starting in ``year`` (winter 2023 = Dec 2023 .. Feb 2024)."""
    return months_interval(year, first_month, 3)


def decade_interval(decade: int) -> Interval:
    return date(decade, 1, 1), date(decade + 9, 12, 31)


def apply_modifier(interval: Interval, precision: str, modifier: str | None) -> Interval:
    """Narrow an interval to its early, mid or late part; other modifiers keep it."""
    if modifier not in ("early", "mid", "late"):
        return interval
    start, end = interval
    if precision == "month":
        lo, hi = _MONTH_DAYS[modifier]
        return (
            date(start.year, start.month, lo),
            date(start.year, start.month, min(hi, last_day(start.year, start.month))),
        )
    if precision == "year":
        lo, hi = _YEAR_MONTHS[modifier]
        return date(start.year, lo, 1), date(start.year, hi, last_day(start.year, hi))
    if precision == "decade":
        lo, hi = _DECADE_YEARS[modifier]
        return date(start.year + lo, 1, 1), date(start.year + hi, 12, 31)
    if precision in ("season", "quarter", "half"):
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        third = max(months // 3, 1)
        offset = {"early": 0, "mid": third, "late": months - third}[modifier]
        y, m = add_months(start.year, start.month, offset)
        return months_interval(y, m, third)
    return interval


def most_recent(month: int, day: int | None, on_or_before: date) -> int:
    """The year of the latest (month, day) on or before ``on_or_before``."""
    year = on_or_before.year
    if (month, day or 1) > (on_or_before.month, on_or_before.day):
        year -= 1
    while day is not None and not valid_day(month, day, year):
        year -= 1  # 29 February
    return year


def weekday_on_or_before(weekday: int, ref: date, strictly: bool = False) -> date:
    back = (ref.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return ref - timedelta(days=back)


def weekday_after(weekday: int, ref: date) -> date:
    ahead = (weekday - ref.weekday()) % 7 or 7
    return ref + timedelta(days=ahead)


def coarser(a: str, b: str) -> str:
    return a if PRECISIONS.index(a) >= PRECISIONS.index(b) else b
