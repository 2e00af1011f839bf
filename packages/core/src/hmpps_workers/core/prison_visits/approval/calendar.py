"""UK calendar arithmetic the auto-approval rules share: days, months, claim years.

Everything is judged on the Europe/London calendar from a true instant; the original's
"+1 hour in summer" shift is gone.
"""

from __future__ import annotations

import calendar
import math
from datetime import date, datetime, timedelta

from hmpps_workers.core.clock import UK, require_aware, to_uk_wall

_DAYS_PER_400_YEARS = 146097
_MONTHS_PER_400_YEARS = 4800


def uk_today(now: datetime) -> date:
    """The UK calendar day at `now`."""
    return require_aware(now).astimezone(UK).date()


def uk_midnight(day: date) -> datetime:
    """The start of a UK calendar day, as an aware instant."""
    return datetime(day.year, day.month, day.day, tzinfo=UK)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months, clamped to the month's end, as moment."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def whole_years_between(born: date, today: date) -> int:
    """Completed years from `born` to `today` (an age)."""
    before_birthday = (today.month, today.day) < (born.month, born.day)
    return today.year - born.year - int(before_birthday)


def month_window(now: datetime) -> tuple[datetime, datetime]:
    """The first instant of this UK month and of the next one."""
    today = uk_today(now)
    first = today.replace(day=1)
    return uk_midnight(first), uk_midnight(add_months(first, 1))


def claim_year_start(first_journey: datetime, now: datetime) -> datetime:
    """The start of the current "claim year" counted from the first journey.

    This reproduces the original's moment.js duration breakdown: the whole days from
    the first journey to today are turned into months (146097 days per 4800 months),
    years are dropped, and today is moved back by the left-over months and days. The
    result is roughly the latest anniversary of the first journey.
    """
    today = uk_today(now)
    elapsed = to_uk_wall(uk_midnight(today)) - to_uk_wall(first_journey)
    days = math.trunc(elapsed / timedelta(days=1))
    sign = -1 if days < 0 else 1
    magnitude = abs(days)
    months_total = magnitude * _MONTHS_PER_400_YEARS // _DAYS_PER_400_YEARS
    remaining_days = magnitude + (
        -months_total * _DAYS_PER_400_YEARS // _MONTHS_PER_400_YEARS
    )
    months = months_total % 12
    start = add_months(today, -sign * months) - timedelta(days=sign * remaining_days)
    return uk_midnight(start)


def one_year_after(start: datetime) -> datetime:
    """The same UK wall time a calendar year later (29 February becomes the 28th)."""
    local = start.astimezone(UK)
    day = add_months(local.date(), 12)
    return datetime.combine(day, local.time(), tzinfo=UK)
