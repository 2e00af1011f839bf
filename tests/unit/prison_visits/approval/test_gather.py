"""AUTO-APPROVAL-CHECK's two reads give the rules what the eight reads before gave."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from hmpps_workers.core.prison_visits.approval import (
    AutoApprovalDefaults,
    SkipReason,
    claim_skip_reason,
    decide,
)
from hmpps_workers.core.prison_visits.handlers.approval import AutoApprovalCheck
from hmpps_workers.core.testing.approval_builders import (
    OFFICE_HOURS,
    approvable,
    default_settings,
)
from hmpps_workers.core.testing.claim_updates import InMemoryClaimUpdates
from hmpps_workers.core.testing.claims import InMemoryClaimRepository
from hmpps_workers.core.testing.clock import FakeClock
from support.approval_gather import (
    HISTORIES,
    old_gather,
    seed_history,
    visits_of_the_day,
)

CLAIM_SKIPS = {SkipReason.DISABLED, SkipReason.CLAIM_TYPE, SkipReason.NOT_NEW}


class TestGather:
    """The handler's two reads against the eight it made before, on the fake."""

    @settings(max_examples=60, deadline=None)
    @given(history=HISTORIES, limit=st.integers(min_value=0, max_value=4))
    def test_the_rules_get_the_same_data_from_two_reads(self, history, limit):
        """Ties on review and submission dates order as before: the same baseline.

        The latest manual claim and the recent statuses are the same claims too, and
        each eligibility visiting the prisoner that day gives its prison number once.
        """
        repository = InMemoryClaimRepository()
        key = seed_history(repository.seed, history)
        check = AutoApprovalCheck(
            claims=repository,
            updates=InMemoryClaimUpdates(repository),
            defaults=AutoApprovalDefaults(),
            clock=FakeClock(OFFICE_HOURS),
        )
        chosen = default_settings(number_of_consecutive_auto_approvals=limit)
        expected = old_gather(repository, key, limit)
        actual = check.gather(key, chosen)
        assert expected == actual
        assert decide(expected, chosen, OFFICE_HOURS) == decide(
            actual, chosen, OFFICE_HOURS
        )
        assert visits_of_the_day(history) == actual.prison_numbers_on_journey_date


class TestClaimSkipReason:
    """A claim its own row skips is decided the same without its other rows."""

    @given(
        enabled=st.booleans(),
        claim_type=st.sampled_from(
            (None, "first-time", "repeat-new-eligibility", "repeat")
        ),
        status=st.sampled_from(("NEW", "APPROVED", "new", "PENDING")),
        unpriced=st.booleans(),
        benefit_check_result=st.sampled_from((None, "NOT-RUN", "YES")),
    )
    def test_rows_cannot_change_a_decision_the_claim_row_makes(
        self, enabled, claim_type, status, unpriced, benefit_check_result
    ):
        """DISABLED, CLAIM_TYPE and NOT_NEW come first and need no rows."""
        data = approvable(
            unpriced_car_journeys=unpriced, benefit_check_result=benefit_check_result
        )
        data = attrs.evolve(
            data,
            claim=attrs.evolve(data.claim, claim_type=claim_type, status=status),
        )
        chosen = default_settings(enabled=enabled)
        full = decide(data, chosen, OFFICE_HOURS)
        reason = claim_skip_reason(data.claim, chosen)
        bare = attrs.evolve(
            data,
            expenses=(),
            children=(),
            documents=(),
            baseline_expenses=(),
            prison_numbers_on_journey_date=(),
            unpriced_car_journeys=False,
        )
        assert (reason in CLAIM_SKIPS) == (full.skip_reason in CLAIM_SKIPS)
        if reason is not None:
            assert (full.skip_reason, full) == (
                reason,
                decide(bare, chosen, OFFICE_HOURS),
            )
