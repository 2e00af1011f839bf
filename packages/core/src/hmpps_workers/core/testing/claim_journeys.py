"""Claims that travel the whole COMPLETE-CLAIM flow, for tests, the demo, benchmarks.

`approvable_journey(now)` gives an IntSchema eligibility whose last claim a
caseworker approved, and a repeat claim for the External site's schema that, once
its car journey is priced by the fakes' distance rule, passes every auto-approval
rule at `now` (DWP answers YES for its NINO).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

import attrs

from hmpps_workers.core.clock import UK
from hmpps_workers.core.prison_visits.claims.records import ClaimData
from hmpps_workers.core.prison_visits.pricing import price_journey
from hmpps_workers.core.testing.claim_builders import claim_graph, repeat_claim
from hmpps_workers.core.testing.distance import distance_rule

HEWELL_POSTCODE = "B97 6QS"
ENGLAND_AND_WALES_RATE = Decimal("0.20")
YES_NINO = "QQ123457A"
"""The fakes' DWP rule answers YES for a NINO ending in A."""


@attrs.frozen(kw_only=True)
class Journey:
    """A worked eligibility (IntSchema) and its next claim (ExtSchema)."""

    internal: ClaimData
    submission: ClaimData
    claim_type: str = "repeat"


def uk_midnight(now: datetime, days_ago: int) -> datetime:
    """Midnight on the UK calendar day `days_ago` before `now`."""
    day = now.astimezone(UK).date() - timedelta(days=days_ago)
    return datetime.combine(day, time(), tzinfo=UK)


def priced_car_cost(origin: str, destination: str = HEWELL_POSTCODE) -> Decimal:
    """What pricing writes for the builders' car journey, by the fakes' rule."""
    metres = distance_rule(origin, destination)
    return price_journey(
        metres, rate=ENGLAND_AND_WALES_RATE, max_miles=Decimal(1500)
    ).cost


def approvable_journey(
    now: datetime, *, reference: str = "APPR001", base_id: int = 200_000
) -> Journey:
    """A repeat claim every rule passes at `now`, after its mileage is priced.

    Its prisoner's prison number comes from `base_id`, so journeys seeded side by
    side (benchmarks, fault runs) visit different prisoners: two eligibilities
    visiting one prisoner on one day fail `prisoner-not-visited-on-this-date`.
    """
    graph = claim_graph(reference=reference, base_id=base_id)
    assert graph.visitor is not None
    assert graph.eligibility is not None
    assert graph.prisoner is not None
    car_cost = priced_car_cost(graph.visitor.post_code)
    reviewed = now - timedelta(days=10)
    internal = attrs.evolve(
        graph,
        eligibility=attrs.evolve(graph.eligibility, is_trusted=True, status="APPROVED"),
        visitor=attrs.evolve(
            graph.visitor,
            national_insurance_number=YES_NINO,
            benefit_expiry_date=now + timedelta(days=365),
        ),
        prisoner=attrs.evolve(
            graph.prisoner, release_date_is_set=True, prison_number=f"P{base_id}"
        ),
        claim=attrs.evolve(
            graph.claim,
            status="APPROVED",
            date_of_journey=uk_midnight(now, 30),
            date_submitted=now - timedelta(days=20),
            date_created=now - timedelta(days=20),
            date_reviewed=reviewed,
            date_approved=reviewed,
        ),
        expenses=tuple(
            attrs.evolve(
                e,
                cost=car_cost if e.expense_type == "car" else e.cost,
                approved_cost=car_cost if e.expense_type == "car" else e.cost,
                status="APPROVED",
            )
            for e in graph.expenses
        ),
    )
    submission = repeat_claim(
        internal,
        base_id=base_id + 1,
        status="SUBMITTED",
        claim_type="repeat",
        date_of_journey=uk_midnight(now, 7),
        date_submitted=now - timedelta(hours=1),
        date_created=now - timedelta(hours=1),
    )
    return Journey(internal=internal, submission=submission)


def same_day_visit(
    journey: Journey, *, reference: str = "SAME001", base_id: int = 300_000
) -> ClaimData:
    """Another eligibility's claim for the journey's prisoner on its visit's UK day.

    Seeded in IntSchema beside `journey`, it fails the submission's
    `prisoner-not-visited-on-this-date` and no other rule: a different eligibility
    and Reference, the same prison number, the same journey date (midnight, as the
    original's day match needed).
    """
    visited = journey.internal.prisoner
    assert visited is not None
    graph = claim_graph(reference=reference, base_id=base_id)
    assert graph.prisoner is not None
    return attrs.evolve(
        graph,
        prisoner=attrs.evolve(graph.prisoner, prison_number=visited.prison_number),
        claim=attrs.evolve(
            graph.claim, date_of_journey=journey.submission.claim.date_of_journey
        ),
    )
