"""Time as a port, and the one conversion between instants and UK wall-clock values.

Inside the code every instant is a timezone-aware datetime. The HwPV databases store
naive UK wall-clock times (the original worker's convention, kept for compatibility),
so adapters convert with `to_uk_wall` and `from_uk_wall` and nothing else does.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


class Clock(Protocol):
    """Tells the time; inject a fake one in tests."""

    def now(self) -> datetime:
        """Return the current instant, timezone-aware."""
        ...


class SystemClock:
    """The real clock, in UTC."""

    def now(self) -> datetime:
        """Return the current instant in UTC."""
        return datetime.now(UTC)


def require_aware(value: datetime) -> datetime:
    """Return `value`, refusing naive datetimes, which are ambiguous inside the code."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("naive datetime: instants inside hmpps-workers carry a zone")
    return value


def to_uk_wall(value: datetime) -> datetime:
    """Convert an aware instant to the naive UK wall-clock value the database stores."""
    return require_aware(value).astimezone(UK).replace(tzinfo=None)


def from_uk_wall(value: datetime) -> datetime:
    """Interpret a naive UK wall-clock value from the database as an aware UTC instant.

    In the repeated autumn hour the earlier instant (British Summer Time) is chosen,
    which is what a value written then most likely meant.
    """
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    return value.replace(tzinfo=UK, fold=0).astimezone(UTC)


def to_utc_naive(value: datetime) -> datetime:
    """Convert an aware instant to naive UTC, for columns this project adds."""
    return require_aware(value).astimezone(UTC).replace(tzinfo=None)


def from_utc_naive(value: datetime) -> datetime:
    """Interpret a naive UTC value from a column this project added."""
    if value.tzinfo is not None:
        return value.astimezone(UTC)
    return value.replace(tzinfo=UTC)
