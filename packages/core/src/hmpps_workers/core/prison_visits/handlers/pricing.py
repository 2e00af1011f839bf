"""PRICE-CAR-JOURNEYS: price the car journeys left at zero, then queue DWP-CHECK.

The original priced inside COMPLETE-CLAIM after the move had committed, and swallowed
every distance error as "no distance". Here pricing is its own step: an unreachable
distance service retries the step, and the benefit check (and so auto-approval) waits
until the journeys are priced. The prices and the DWP-CHECK task commit together.

When the step gives up (a permanent distance error, retries used up, a prison
missing from the directory), the claim still goes on: `on_failure` queues DWP-CHECK
with an internal note telling caseworkers to price the journey, and auto-approval
leaves the claim alone while a journey is unpriced.
"""

from __future__ import annotations

import logging

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.errors import InvalidTaskError, PermanentError
from hmpps_workers.core.prison_visits.approval.config import (
    AutoApprovalDefaults,
    resolve_settings,
)
from hmpps_workers.core.prison_visits.claims.model import ClaimExpense
from hmpps_workers.core.prison_visits.claims.ports import ClaimRepository
from hmpps_workers.core.prison_visits.claims.records import ClaimEvent
from hmpps_workers.core.prison_visits.claims.views import PricingInput
from hmpps_workers.core.prison_visits.distance.ports import (
    DistanceCalculator,
    DistanceQuery,
)
from hmpps_workers.core.prison_visits.handlers.common import (
    ClaimNotFoundError,
    claim_key,
    completed_if,
)
from hmpps_workers.core.prison_visits.handlers.ports import (
    ClaimUpdate,
    ClaimUpdates,
    PricedJourney,
)
from hmpps_workers.core.prison_visits.pricing import (
    UNPRICED_EVENT,
    UNPRICED_NOTE,
    PricingSettings,
    choose_postcodes,
    expenses_to_price,
    price_journey,
    rate_per_mile,
)
from hmpps_workers.core.prison_visits.prisons import PrisonDirectory
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks.model import Completed, Task

log = logging.getLogger(__name__)

GAVE_UP = (
    "; car journeys left unpriced: the claim went on to the DWP check with a note"
    " for caseworkers and will not be auto-approved"
)


class UnknownPrisonError(PermanentError):
    """The prisoner's prison is not in the prisons directory, so it has no postcode."""


@attrs.define(kw_only=True)
class PriceCarJourneys:
    """Prices the claim's zero-cost car journeys through the distance port."""

    claims: ClaimRepository
    updates: ClaimUpdates
    distance: DistanceCalculator | None
    prisons: PrisonDirectory
    defaults: AutoApprovalDefaults
    pricing: PricingSettings
    clock: Clock

    def __call__(self, task: Task) -> Completed | None:
        """Price, then commit the prices with the DWP-CHECK task and the task's end."""
        key = claim_key(task)
        data = self.claims.pricing_input(
            reference=key.reference,
            eligibility_id=key.eligibility_id,
            claim_id=key.claim_id,
        )
        if data is None:
            raise ClaimNotFoundError(f"{key.describe()} is not in IntSchema")
        prices: tuple[PricedJourney, ...] = ()
        if self.distance is not None and self.pricing.enabled:
            prices = self.price(data, self.distance)
        applied = self.updates.apply(
            ClaimUpdate(
                claim_id=key.claim_id,
                eligibility_id=key.eligibility_id,
                reference=key.reference,
                now=self.clock.now(),
                prices=prices,
                follow_on_tasks=(key.task(TaskType.DWP_CHECK),),
                completes=task,
            )
        )
        log.info(
            "car journeys priced",
            extra={
                "task": task.describe(),
                "claim": key.claim_id,
                "priced": len(prices),
            },
        )
        return completed_if(applied)

    def on_failure(self, task: Task, reason: str) -> str:
        """Send the claim on to the benefit check with the journeys unpriced."""
        try:
            key = claim_key(task)
        except InvalidTaskError:
            return reason
        now = self.clock.now()
        note = ClaimEvent(
            eligibility_id=key.eligibility_id,
            claim_id=key.claim_id,
            reference=key.reference,
            date_added=now,
            event=UNPRICED_EVENT,
            note=UNPRICED_NOTE,
            is_internal=True,
        )
        applied = self.updates.apply(
            ClaimUpdate(
                claim_id=key.claim_id,
                eligibility_id=key.eligibility_id,
                reference=key.reference,
                now=now,
                events=(note,),
                follow_on_tasks=(key.task(TaskType.DWP_CHECK),),
            )
        )
        if not applied:
            return f"{reason}; the claim is not in IntSchema, nothing was sent on"
        log.warning(
            "car journeys left unpriced; claim sent on to the DWP check",
            extra={"task": task.describe(), "claim": key.claim_id},
        )
        return reason + GAVE_UP

    def price(
        self, data: PricingInput, distance: DistanceCalculator
    ) -> tuple[PricedJourney, ...]:
        """A price for each journey whose two ends are known."""
        settings = resolve_settings(self.claims.auto_approval_config(), self.defaults)
        country = data.visitor.country if data.visitor else None
        rate = None
        priced = []
        for expense in expenses_to_price(data.expenses):
            postcodes = choose_postcodes(
                expense,
                visitor=data.visitor,
                prisoner=data.prisoner,
                prisons=self.prisons,
            )
            if postcodes.destination is None:
                self.check_prison_known(data, expense)
            if not (postcodes.origin and postcodes.destination):
                continue
            rate = rate if rate is not None else rate_per_mile(country, settings)
            metres = distance.driving_metres(
                DistanceQuery(
                    origin=postcodes.origin, destination=postcodes.destination
                )
            )
            price = price_journey(metres, rate=rate, max_miles=self.pricing.max_miles)
            priced.append(
                PricedJourney(
                    claim_expense_id=expense.claim_expense_id,
                    from_post_code=postcodes.origin,
                    to_post_code=postcodes.destination,
                    distance=price.distance,
                    cost=price.cost,
                )
            )
        return tuple(priced)

    def check_prison_known(self, data: PricingInput, expense: ClaimExpense) -> None:
        """A journey to the prisoner's prison needs that prison in the directory."""
        prisoner = data.prisoner
        if (
            prisoner is not None
            and expense.travel_to == prisoner.name_of_prison
            and self.prisons.find(prisoner.name_of_prison) is None
        ):
            raise UnknownPrisonError(
                f"claim {data.claim.claim_id}: prison {prisoner.name_of_prison[:60]!r}"
                " is not in the prisons directory (APVS_PRISONS_FILE); add it and"
                " retry the task"
            )
