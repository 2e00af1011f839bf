"""The details the current rules append to their failure messages, as production writes.

Production's checks add ". Claim ref: ..., <figure>: <value>" to most messages, with
numbers as JavaScript prints them (floats summed in order, `12` not `12.0`, `null`
for a missing setting) and dates as moment's `DD/MM/YYYY` of the stored UK wall-clock
value. The messages land only in the AUTO-APPROVAL-FAILURE event's note, which
caseworkers read beside the claim; they are never logged.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from hmpps_workers.core.clock import UK

_JS_PLAIN_UPPER = 1e21
_JS_PLAIN_LOWER = 1e-6


def js_number(value: float | Decimal | None) -> str:
    """A number as JavaScript's `String(n)` prints it; None as `null`."""
    if value is None:
        return "null"
    number = float(value)
    if number != number:  # noqa: PLR0124 - NaN is the one value unequal to itself
        return "NaN"
    if number.is_integer() and abs(number) < _JS_PLAIN_UPPER:
        return str(int(number))
    text = repr(number)
    if "e" in text and _JS_PLAIN_LOWER <= abs(number) < _JS_PLAIN_UPPER:
        return format(Decimal(text), "f")
    return text


def js_sum(values: Iterable[Decimal | None]) -> float:
    """`total += value` over JavaScript numbers, in order (null adds nothing)."""
    total = 0.0
    for value in values:
        total += float(value) if value is not None else 0.0
    return total


def uk_date(value: datetime | date) -> str:
    """`DD/MM/YYYY` of a stored date (a UK wall-clock day)."""
    day = value.astimezone(UK).date() if isinstance(value, datetime) else value
    return day.strftime("%d/%m/%Y")


def js_bool(value: bool) -> str:  # noqa: FBT001 - a formatter of one boolean
    """`true` or `false`, as a template string prints a boolean."""
    return "true" if value else "false"


def claim_ref(reference: str, *parts: str) -> str:
    """The ". Claim ref: R, a, b" tail every detailed message carries."""
    return ". " + ", ".join((f"Claim ref: {reference}", *parts))
