"""A small evaluator for Spring's six-field cron expressions (sec min hour dom mon dow).

Core needs "when does this retry tier next fire" and may not depend on a cron library,
so this covers what the retry settings use: `*`, `?`, numbers, ranges, lists, steps
(`*/4`, `10-50/5`) and day and month names. As in Spring, day-of-month and day-of-week
must both match. Times are evaluated on the wall clock of a zone (Europe/London, as the
original's JVM); a wall time that does not exist (the spring-forward hour) is skipped.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import attrs

from hmpps_workers.core.clock import UK, require_aware
from hmpps_workers.core.errors import ConfigurationError

_FIELDS = (
    ("second", 0, 59),
    ("minute", 0, 59),
    ("hour", 0, 23),
    ("day-of-month", 1, 31),
    ("month", 1, 12),
    ("day-of-week", 0, 7),
)
_MONTHS = [
    "JAN",
    "FEB",
    "MAR",
    "APR",
    "MAY",
    "JUN",
    "JUL",
    "AUG",
    "SEP",
    "OCT",
    "NOV",
    "DEC",
]
_DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]
_ITEM = re.compile(r"^(\*|\?|[0-9A-Z]+(?:-[0-9A-Z]+)?)(?:/([0-9]+))?$")
_SEARCH_DAYS = 366 * 8  # 29 February plus a day-of-week can be years away


class InvalidCronError(ConfigurationError):
    """The cron expression is not a six-field Spring cron expression."""


def _number(token: str, field: str) -> int:
    names = {"month": _MONTHS, "day-of-week": _DAYS}.get(field, [])
    if token in names:
        return names.index(token) + (1 if field == "month" else 0)
    if not token.isdigit():
        raise InvalidCronError(f"cron {field} value {token!r} is not understood")
    return int(token)


def _parse_field(text: str, field: str, low: int, high: int) -> frozenset[int]:
    values: set[int] = set()
    for item in text.upper().split(","):
        match = _ITEM.match(item)
        if not match:
            raise InvalidCronError(f"cron {field} item {item!r} is not understood")
        span, step_text = match.groups()
        step = int(step_text) if step_text else 1
        if step < 1:
            raise InvalidCronError(f"cron {field} step must be at least 1")
        if span in {"*", "?"}:
            start, end = low, high
        elif "-" in span:
            first, last = span.split("-")
            start, end = _number(first, field), _number(last, field)
        else:
            start = _number(span, field)
            end = high if step_text else start
        if not low <= start <= end <= high:
            raise InvalidCronError(f"cron {field} range {item!r} is out of bounds")
        values.update(range(start, end + 1, step))
    return frozenset(values)


@attrs.frozen
class CronExpression:
    """A parsed expression; `next_after` gives the next firing instant."""

    text: str
    seconds: frozenset[int] = attrs.field(repr=False)
    minutes: frozenset[int] = attrs.field(repr=False)
    hours: frozenset[int] = attrs.field(repr=False)
    days: frozenset[int] = attrs.field(repr=False)
    months: frozenset[int] = attrs.field(repr=False)
    weekdays: frozenset[int] = attrs.field(repr=False)  # 0 = Sunday

    @classmethod
    def parse(cls, text: str) -> CronExpression:
        """Parse `sec min hour day-of-month month day-of-week`."""
        parts = text.split()
        if len(parts) != len(_FIELDS):
            raise InvalidCronError(
                f"cron expression {text!r} needs six fields, not {len(parts)}"
            )
        sets = [
            _parse_field(part, name, low, high)
            for part, (name, low, high) in zip(parts, _FIELDS, strict=True)
        ]
        weekdays = frozenset(day % 7 for day in sets[5])
        seconds, minutes, hours, days, months, _ = sets
        return cls(
            text,
            seconds=seconds,
            minutes=minutes,
            hours=hours,
            days=days,
            months=months,
            weekdays=weekdays,
        )

    def _day_matches(self, day: date) -> bool:
        return (
            day.month in self.months
            and day.day in self.days
            and (day.isoweekday() % 7) in self.weekdays
        )

    def next_after(self, instant: datetime, zone: tzinfo = UK) -> datetime:
        """The first firing strictly after `instant`, as an aware UTC datetime."""
        start = require_aware(instant).astimezone(zone).replace(
            tzinfo=None, microsecond=0
        ) + timedelta(seconds=1)
        for offset in range(_SEARCH_DAYS):
            day = start.date() + timedelta(days=offset)
            if not self._day_matches(day):
                continue
            found = self._first_on(day, start, zone)
            if found is not None:
                return found
        raise InvalidCronError(f"cron expression {self.text!r} never fires")

    def _first_on(self, day: date, start: datetime, zone: tzinfo) -> datetime | None:
        today = day == start.date()
        for hour in sorted(self.hours):
            if today and hour < start.hour:
                continue
            for minute in sorted(self.minutes):
                if today and (hour, minute) < (start.hour, start.minute):
                    continue
                for second in sorted(self.seconds):
                    wall = datetime.combine(day, time(hour, minute, second))
                    if wall < start:
                        continue
                    aware = wall.replace(tzinfo=zone)
                    if (
                        aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
                        == wall
                    ):
                        return aware.astimezone(UTC)
        return None
