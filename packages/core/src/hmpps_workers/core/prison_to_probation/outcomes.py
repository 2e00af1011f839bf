"""What validating or processing an event decided: ignore, keep trying, or finished."""

from __future__ import annotations

from datetime import date

import attrs

from hmpps_workers.core.prison_to_probation.model import SynchroniseState


@attrs.frozen(kw_only=True)
class Ignore:
    """Validation: the event is not relevant; acknowledge it and store nothing."""

    reason: str


@attrs.frozen(kw_only=True)
class Store:
    """Validation: the event is relevant; store it for processing after hold-back."""

    booking_id: int


ValidationResult = Ignore | Store


@attrs.frozen(kw_only=True)
class Done:
    """Processing finished for good (success or a failure retrying cannot fix)."""

    status: SynchroniseState = SynchroniseState.COMPLETED
    reason: str | None = None
    matching_crns: str | None = None
    # True when this attempt replaced the custody key dates with prison-api's current
    # ones, so a date-change event of the same booking in the same run has nothing
    # left to send.
    key_dates_replaced: bool = attrs.field(default=False, eq=False)


@attrs.frozen(kw_only=True)
class TryLater:
    """Processing must be tried again by a retry tier.

    `retry_until`, when given, is how long the item is worth keeping (the sentence
    expiry date); retry runs move `deleteBy` to it.
    """

    status: SynchroniseState
    matching_crns: str | None = None
    retry_until: date | None = None


Outcome = Done | TryLater
