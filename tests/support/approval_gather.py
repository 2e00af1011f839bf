"""AUTO-APPROVAL-CHECK's reads as they were (eight), to compare the two with."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from hmpps_workers.core.clock import UK
from hmpps_workers.core.prison_visits.approval import AutoApprovalData, baseline_claim
from hmpps_workers.core.prison_visits.claims.records import ClaimKey
from hmpps_workers.core.prison_visits.claims.values import same_text
from hmpps_workers.core.prison_visits.pricing import has_unpriced_car_journeys
from hmpps_workers.core.tasks.model import Schema
from hmpps_workers.core.testing.claim_builders import (
    claim_graph,
    evolve_claim,
    repeat_claim,
)

DATES = (
    None,
    datetime(2024, 6, 1, 9, 0, tzinfo=UTC),
    datetime(2024, 6, 20, 9, 0, tzinfo=UTC),
)
PRISON_NUMBER = "A1234BC"  # claim_graph's, on every claim's prisoner
STATUSES = ("APPROVED", "REJECTED", "AUTO-APPROVED", "PENDING", "NEW")

HISTORIES = st.lists(
    st.tuples(
        st.sampled_from(STATUSES),
        st.sampled_from(DATES),  # DateReviewed: few values, so ties are common
        st.sampled_from(DATES),  # DateSubmitted
        st.sampled_from((None, False, True)),  # IsAdvanceClaim
        st.booleans(),  # under another eligibility of the same Reference
    ),
    max_size=6,
)


def old_gather(repository, key, limit):
    """What the handler read before: claim data, then the history read by read."""
    data = repository.claim_data(
        Schema.INT,
        reference=key.reference,
        eligibility_id=key.eligibility_id,
        claim_id=key.claim_id,
    )
    previous = tuple(
        c
        for c in repository.claims_for_eligibility(key.eligibility_id)
        if c.claim_id != key.claim_id
    )
    baseline = baseline_claim(previous)
    return AutoApprovalData(
        claim=data.claim,
        eligibility=data.eligibility,
        visitor=data.visitor,
        prisoner=data.prisoner,
        expenses=data.expenses,
        children=data.children,
        documents=data.documents,
        previous_claims=previous,
        baseline_expenses=(
            tuple(repository.claim_expenses(baseline.claim_id)) if baseline else ()
        ),
        reference_claim_statuses=tuple(
            repository.latest_claim_statuses(
                key.reference, excluding_claim_id=key.claim_id, limit=limit
            )
            if limit > 0
            else ()
        ),
        # the old read's numbers, narrowed to those the new read asks for: the
        # prisoner's, as the collation compares (the rule counts only equal ones)
        prison_numbers_on_journey_date=tuple(
            number
            for number in repository.prison_numbers_visited_on(
                data.claim.date_of_journey.astimezone(UK).date()
            )
            if data.prisoner is not None
            and same_text(number, data.prisoner.prison_number)
        ),
        benefit_check_result=(
            data.visitor.dwp_benefit_checker_result if data.visitor else None
        ),
        unpriced_car_journeys=has_unpriced_car_journeys(data.events, data.expenses),
    )


def visits_of_the_day(history):
    """The day's prison numbers for a `HISTORIES` example: one per eligibility.

    Every claim `seed_history` seeds visits the same prisoner on the same day; the
    claim's own eligibility counts once however many claims it has, and each claim
    under another eligibility brings one more.
    """
    elsewhere = sum(1 for *_, other_eligibility in history if other_eligibility)
    return (PRISON_NUMBER,) * (1 + elsewhere)


def seed_history(seed, history):
    """Seed a NEW repeat claim and its `HISTORIES` example; the claim's key."""
    stored = seed(
        Schema.INT, evolve_claim(claim_graph(), status="NEW", claim_type="repeat")
    )
    for index, (status, reviewed, submitted, advance, elsewhere) in enumerate(history):
        base_id = 2000 + 1000 * index
        changes = {
            "status": status,
            "date_reviewed": reviewed,
            "date_submitted": submitted,
            "is_advance_claim": advance,
        }
        if elsewhere:
            graph = claim_graph(reference=stored.claim.reference, base_id=base_id)
            seed(Schema.INT, evolve_claim(graph, **changes))
        else:
            seed(Schema.INT, repeat_claim(stored, base_id=base_id, **changes))
    claim = stored.claim
    return ClaimKey(
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
    )
