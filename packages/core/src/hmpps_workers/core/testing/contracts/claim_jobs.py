"""Contracts for the daily jobs' and payment run's claim queries.

Subclass in a pytest module with the `claims_env` fixture of `contracts.claims`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import attrs

from hmpps_workers.core.prison_visits.claims.records import ClaimData, DirectPaymentFile
from hmpps_workers.core.prison_visits.claims.views import (
    ClaimPayment,
    ClaimTotals,
    ExternalClaimRef,
)
from hmpps_workers.core.tasks.model import Schema
from hmpps_workers.core.testing.claim_builders import (
    JOURNEY,
    SUBMITTED,
    claim_graph,
    evolve_claim,
    internal_extras,
    repeat_claim,
)
from hmpps_workers.core.testing.contracts.claim_queries import DAY, reviewed
from hmpps_workers.core.testing.contracts.claims import NOW, ClaimsEnvironment, top_up


class ClaimJobsContract:
    """The daily jobs' selections, with windows chosen by the caller."""

    def test_advance_reminders_select_approved_advance_claims_in_the_window(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """[start, end): the start is in, the end is out, non-advance claims never."""
        first = claims_env.seed(
            Schema.INT, reviewed(claim_graph(), is_advance_claim=True)
        )
        claims_env.seed(
            Schema.INT,
            repeat_claim(
                first,
                base_id=2000,
                status="APPROVED",
                is_advance_claim=True,
                date_of_journey=JOURNEY + DAY,
            ),
        )
        claims_env.seed(
            Schema.INT,
            repeat_claim(
                first, base_id=3000, status="APPROVED", is_advance_claim=False
            ),
        )
        found = claims_env.repository.advance_claims_journeyed_between(
            JOURNEY, JOURNEY + DAY
        )
        assert [(f.claim.claim_id, f.email_address) for f in found] == [
            (1000, "visitor@example.com")
        ]

    def test_information_reminders_then_auto_rejection(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Unreminded claims past the cutoff, then reminded ones past theirs."""
        stale = datetime(2024, 5, 1, tzinfo=UTC)
        first = claims_env.seed(
            Schema.INT,
            evolve_claim(claim_graph(), status="PENDING", last_updated=stale),
        )
        claims_env.seed(
            Schema.INT,
            repeat_claim(first, base_id=2000, status="APPROVED", last_updated=stale),
        )
        repository = claims_env.repository
        due = repository.claims_awaiting_information(last_updated_before=stale + DAY)
        assert [c.claim.claim_id for c in due] == [1000]
        assert not repository.claims_awaiting_information(last_updated_before=stale)
        repository.mark_reminder_sent(1000, now=NOW)
        assert not repository.claims_awaiting_information(last_updated_before=NOW)
        assert not repository.claims_reminded_before(NOW)
        rejected = repository.claims_reminded_before(NOW + DAY)
        assert [c.claim.claim_id for c in rejected] == [1000]

    def test_overpayments_are_found_and_flagged_once(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The sum of enabled approved costs, by claim."""
        graph = reviewed(claim_graph(), is_advance_claim=True)
        graph = attrs.evolve(
            graph,
            expenses=tuple(
                attrs.evolve(e, approved_cost=Decimal("7.50")) for e in graph.expenses
            ),
        )
        claims_env.seed(Schema.INT, graph)
        repository = claims_env.repository
        assert not repository.overpayment_candidates(journey_on_or_before=JOURNEY - DAY)
        (candidate,) = repository.overpayment_candidates(journey_on_or_before=JOURNEY)
        assert candidate.amount == Decimal("15.00")
        assert repository.mark_overpaid(candidate, reason="Evidence late") is True
        assert repository.mark_overpaid(candidate, reason="Evidence late") is False
        assert not repository.overpayment_candidates(journey_on_or_before=NOW)

    def test_stale_external_data_is_found_in_three_passes(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Eligibilities and claims by creation, documents by submission."""
        stored = claims_env.seed(Schema.EXT, claim_graph())
        ref = ExternalClaimRef(
            reference="ABC1234",
            eligibility_id=stored.claim.eligibility_id,
            claim_id=stored.claim.claim_id,
        )
        repository = claims_env.repository
        later = SUBMITTED + DAY
        assert list(repository.stale_external_eligibilities(created_before=later)) == [
            ref
        ]
        assert list(repository.stale_external_claims(created_before=later)) == [ref]
        assert list(repository.stale_external_documents(submitted_before=later)) == [
            ref,
            attrs.evolve(ref, claim_id=None),
        ]
        assert not repository.stale_external_claims(created_before=SUBMITTED)

    def test_claims_reviewed_before_the_cutoff_are_archive_candidates(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Unreviewed claims are never archived."""
        first = claims_env.seed(Schema.INT, reviewed(claim_graph(), date_reviewed=NOW))
        claims_env.seed(Schema.INT, repeat_claim(first, base_id=2000))
        assert list(claims_env.repository.claims_reviewed_before(NOW + DAY)) == [1000]
        assert not claims_env.repository.claims_reviewed_before(NOW)


class PaymentsContract:
    """The payment run's selections and bookkeeping."""

    def _payable(self, claims_env: ClaimsEnvironment) -> ClaimData:
        graph = internal_extras(reviewed(claim_graph()))
        costs = (
            ("APPROVED", "10.00"),
            ("MANUALLY-PROCESSED", "5.00"),
            ("REJECTED", "3.00"),
        )
        expense = graph.expenses[0]
        return claims_env.seed(
            Schema.INT,
            attrs.evolve(
                graph,
                expenses=tuple(
                    attrs.evolve(
                        expense,
                        claim_expense_id=1000 + n,
                        status=status,
                        approved_cost=Decimal(cost),
                    )
                    for n, (status, cost) in enumerate(costs)
                ),
                top_ups=(top_up(1000),),
            ),
        )

    def test_claims_due_payment_carry_their_sums_and_payee(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Payable expenses summed, enabled deductions and manual costs apart."""
        self._payable(claims_env)
        (due,) = claims_env.repository.claims_due_payment("BANK")
        assert (
            due.claim_id,
            due.total_approved_cost,
            due.total_deduction_amount,
            due.manually_processed_cost,
        ) == (1000, Decimal("15.00"), Decimal("10.00"), Decimal("5.00"))
        assert (due.payee.sort_code, due.payee.last_name) == ("938271", "Quillfeather")
        assert not claims_env.repository.claims_due_payment("payout")

    def test_a_payment_run_marks_claims_and_top_ups_paid_with_its_files(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """All at once; paid rows are never selected again."""
        self._payable(claims_env)
        repository = claims_env.repository
        (top,) = repository.top_ups_due_payment("bank")
        assert (top.claim_id, top.amount) == (1000, Decimal("22.66"))
        repository.record_claim_totals(
            [
                ClaimTotals(
                    claim_id=1000,
                    total_amount=Decimal("5.00"),
                    manually_processed_amount=Decimal("5.00"),
                )
            ]
        )
        files = [
            DirectPaymentFile(
                payment_file_id=None,
                file_type="ACCESSPAY_FILE",
                filepath="apvs-payments-20240702100000.txt",
                date_created=NOW,
            )
        ]
        repository.record_payments(
            claims=[ClaimPayment(claim_id=1000, amount=Decimal("5.00"))],
            top_up_ids=[top.top_up_id],
            files=files,
            now=NOW,
        )
        claim = claims_env.whole_claim(1000)
        assert claim is not None
        assert (
            claim.claim.payment_status,
            claim.claim.payment_amount,
            claim.claim.total_amount,
            claim.claim.payment_date,
        ) == ("PROCESSED", Decimal("5.00"), Decimal("5.00"), NOW)
        assert [(t.payment_status, t.payment_date) for t in claim.top_ups] == [
            ("PROCESSED", NOW)
        ]
        assert not repository.claims_due_payment("bank")
        assert not repository.top_ups_due_payment("bank")
        (stored,) = repository.payment_files_created_before(NOW + DAY)
        assert stored.filepath == files[0].filepath
        assert not repository.payment_files_created_before(NOW)
        repository.disable_payment_files([stored.payment_file_id or 0])
        assert not repository.payment_files_created_before(NOW + DAY)
