"""Car journeys priced by road distance: which postcodes, how far, at what rate.

Float arithmetic is kept where the original did it in JavaScript numbers, so the
pence come out the same: metres / 1000 * 2 km, * 0.621371 miles, * rate. The cost is
rounded half up from the float's shortest decimal form; the distance is written with
`toFixed(2)`, which rounds the float's exact binary value.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

import attrs

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.approval.config import AutoApprovalSettings
from hmpps_workers.core.prison_visits.claims.model import (
    ClaimExpense,
    Prisoner,
    Visitor,
)
from hmpps_workers.core.prison_visits.claims.records import ClaimEvent
from hmpps_workers.core.prison_visits.claims.values import PENNY, ClaimEventType
from hmpps_workers.core.prison_visits.prisons import PrisonDirectory

MILES_PER_KM = 0.621371
CAR = "car"
ENGLAND_AND_WALES = frozenset({"England", "Wales"})
ZERO = Decimal("0.00")
UNPRICED_EVENT = ClaimEventType.FORCED_MANUAL_CHECK
UNPRICED_NOTE = (
    "Car journey not priced automatically (the distance service failed, or the"
    " prison has no postcode in the prisons directory): price it by hand. This claim"
    " will not be auto-approved."
)
"""The internal note PRICE-CAR-JOURNEYS leaves when it gives up, for caseworkers."""


@attrs.frozen(kw_only=True)
class PricingSettings:
    """Whether car journeys are priced, and the longest return distance priced."""

    enabled: bool = True
    max_miles: Decimal = Decimal(1500)


@attrs.frozen(kw_only=True)
class Postcodes:
    """Where a car journey is routed from and to; None where unknown."""

    origin: str | None = attrs.field(repr=False)
    destination: str | None = attrs.field(repr=False)

    @property
    def complete(self) -> bool:
        """Both ends known, so the journey can be routed."""
        return bool(self.origin and self.destination)


@attrs.frozen(kw_only=True)
class JourneyPrice:
    """What is written back to the expense: Distance (miles) and Cost, both 2 dp."""

    distance: Decimal
    cost: Decimal


def expenses_to_price(expenses: Iterable[ClaimExpense]) -> tuple[ClaimExpense, ...]:
    """Enabled car expenses with a zero cost: the claimant left the pricing to us."""
    return tuple(
        expense
        for expense in expenses
        if expense.is_enabled is not False
        and expense.expense_type == CAR
        and expense.cost == 0
    )


def choose_postcodes(
    expense: ClaimExpense,
    *,
    visitor: Visitor | None,
    prisoner: Prisoner | None,
    prisons: PrisonDirectory,
) -> Postcodes:
    """The expense's own postcodes, else the visitor's home and the prison's.

    A journey to somewhere other than the prisoner's prison, with no postcode given,
    has no destination (it is not priced).
    """
    origin = expense.from_post_code or (visitor.post_code if visitor else None) or None
    if (
        prisoner is not None
        and expense.travel_to != prisoner.name_of_prison
        and not expense.to_post_code
    ):
        return Postcodes(origin=origin, destination=None)
    destination = expense.to_post_code or prisons.postcode(
        prisoner.name_of_prison if prisoner else None
    )
    return Postcodes(origin=origin, destination=destination)


def rate_per_mile(country: str | None, settings: AutoApprovalSettings) -> Decimal:
    """England and Wales pay their own rate; everywhere else the general one."""
    if country in ENGLAND_AND_WALES:
        return settings.cost_per_mile_eng_wal
    if settings.cost_per_mile is None:
        raise ConfigurationError("the auto-approval settings have no CostPerMile")
    return settings.cost_per_mile


def return_miles(one_way_metres: int | None) -> float | None:
    """Miles there and back, from the one-way metres; None when there is no route."""
    if not one_way_metres:
        return None
    return one_way_metres / 1000 * 2 * MILES_PER_KM


def round_money(value: float) -> Decimal:
    """Half up to pence from the float's shortest decimal form (1.005 gives 1.01)."""
    return Decimal(repr(value)).quantize(PENNY, ROUND_HALF_UP)


def to_fixed_2(value: float) -> Decimal:
    """JavaScript's `toFixed(2)`: the exact binary value rounded (1.005 gives 1.00)."""
    return Decimal(value).quantize(PENNY, ROUND_HALF_UP)


def price_journey(
    one_way_metres: int | None, *, rate: Decimal, max_miles: Decimal
) -> JourneyPrice:
    """Distance and cost of a return car journey; nothing over the maximum miles."""
    miles = return_miles(one_way_metres)
    if miles is None:
        return JourneyPrice(distance=ZERO, cost=ZERO)
    cost = ZERO if miles > float(max_miles) else round_money(miles * float(rate))
    return JourneyPrice(distance=to_fixed_2(miles), cost=cost)


def has_unpriced_car_journeys(
    events: Iterable[ClaimEvent], expenses: Iterable[ClaimExpense]
) -> bool:
    """Pricing gave up on this claim and a car journey is still without a distance.

    A journey priced later (the task retried, or priced by hand) has a Distance or a
    cost, so the claim is no longer held back.
    """
    gave_up = any(
        event.event == UNPRICED_EVENT and event.note == UNPRICED_NOTE
        for event in events
    )
    return gave_up and any(
        expense.distance is None for expense in expenses_to_price(expenses)
    )
