"""The rules of the claim move: what is copied and with which status."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given

from hmpps_workers.core.prison_visits.claims.move import plan_claim_move
from strategies import claims

NOW = datetime(2024, 7, 2, 10, 0, tzinfo=UTC)


class TestPlanClaimMove:
    """plan_claim_move over arbitrary claims."""

    @given(claims())
    def test_only_enabled_expenses_move_and_no_penny_is_lost(self, claim):
        """The copied costs sum to the enabled external costs exactly."""
        move = plan_claim_move(claim, claim_type="first-time", now=NOW)
        expected = sum((e.cost for e in claim.expenses if e.is_enabled), start=0)
        actual = sum((e.cost for e in move.internal.expenses), start=0)
        assert expected == actual

    @given(claims())
    def test_claim_is_pending_exactly_when_an_enabled_document_is_not_uploaded(
        self, claim
    ):
        """Any case of "uploaded" counts, as SQL Server's collation would have it."""
        move = plan_claim_move(claim, claim_type=None, now=NOW)
        waiting = any(
            d.document_status.lower() != "uploaded"
            for d in claim.documents
            if d.is_enabled
        )
        expected = "PENDING" if waiting else "NEW"
        actual = move.internal.claim.status
        assert expected == actual

    @given(claims())
    def test_bank_details_never_move_for_payout_claims(self, claim):
        """Payout claims are paid at the Post Office."""
        move = plan_claim_move(claim, claim_type=None, now=NOW)
        payout = (claim.claim.payment_method or "").lower() == "payout"
        expected = None if payout else claim.bank_detail
        actual = move.internal.bank_detail
        assert expected == actual

    @given(claims())
    def test_the_submission_event_carries_the_claim_type(self, claim):
        """CLAIM-SUBMITTED, internal, with AdditionalData = the claim type."""
        move = plan_claim_move(claim, claim_type="repeat", now=NOW)
        expected = [("CLAIM-SUBMITTED", "repeat", True)]
        actual = [(e.event, e.additional_data, e.is_internal) for e in move.events]
        assert expected == actual
