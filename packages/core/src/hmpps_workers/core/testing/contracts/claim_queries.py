"""Contracts for the handlers', daily jobs' and payment run's claim queries.

Subclass in a pytest module with the `claims_env` fixture of `contracts.claims`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import attrs

from hmpps_workers.core.prison_visits.claims.follow_up import (
    plan_document_replacement,
)
from hmpps_workers.core.prison_visits.claims.model import ClaimBankDetail
from hmpps_workers.core.prison_visits.claims.records import ClaimData, DirectPaymentFile
from hmpps_workers.core.prison_visits.claims.views import (
    ClaimPayment,
    ClaimTotals,
    ExternalClaimRef,
)
from hmpps_workers.core.tasks.model import NewTask, Schema
from hmpps_workers.core.testing.claim_builders import (
    JOURNEY,
    SUBMITTED,
    claim_graph,
    evolve_claim,
    internal_extras,
    repeat_claim,
)
from hmpps_workers.core.testing.contracts.claims import (
    NOW,
    ClaimsEnvironment,
    event,
    read,
    top_up,
)

DAY = timedelta(days=1)


def _reviewed(data: ClaimData, **changes: object) -> ClaimData:
    return evolve_claim(data, status="APPROVED", **changes)


class FollowUpContract:
    """Follow-up uploads, DWP results, auto-approval and notification reads."""

    def test_an_upload_replaces_the_same_kind_of_document_and_leaves_others(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The old one is disabled with an event; only moved ExtSchema rows go."""
        stored = claims_env.seed(Schema.INT, claim_graph())
        old = stored.documents[0]
        incoming = claims_env.add_external(
            attrs.evolve(old, claim_document_id=0, filepath="new.pdf")
        )
        other_claim = claims_env.add_external(attrs.evolve(old, claim_id=9999))
        external = claims_env.repository.external_documents(
            reference="abc1234", eligibility_id=1000, claim_id=1000
        )
        assert external == [incoming]
        plan = plan_document_replacement(
            claim_id=1000,
            incoming=tuple(external),
            current=read(claims_env, Schema.INT, stored).documents,
            now=NOW,
        )
        claims_env.repository.replace_documents(plan)
        data = read(claims_env, Schema.INT, stored)
        assert {d.filepath for d in data.documents} == {
            stored.documents[1].filepath,
            "new.pdf",
        }
        assert [(e.event, e.claim_document_id) for e in data.events] == [
            ("REPLACED-PREVIOUS-DOCUMENT", old.claim_document_id)
        ]
        left = claims_env.repository.external_documents(
            reference="ABC1234", eligibility_id=1000, claim_id=9999
        )
        assert left == [other_claim]

    def test_new_bank_details_replace_the_claims_and_clear_external_rows(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """REQUEST-INFO-PAYMENT: the claim is paid to the new account."""
        stored = claims_env.seed(Schema.INT, claim_graph())
        assert stored.bank_detail is not None
        claims_env.add_external(
            attrs.evolve(stored.bank_detail, sort_code="998877", claim_bank_detail_id=0)
        )
        new = claims_env.repository.external_bank_detail(1000)
        assert new is not None
        replaced = claims_env.repository.replace_bank_detail(
            new, event=event(stored.claim, "BANK-DETAILS-UPDATED")
        )
        current = claims_env.repository.bank_detail(1000)
        assert (replaced, current and current.sort_code) == (True, "998877")
        assert claims_env.repository.external_bank_detail(1000) is None
        assert claims_env.count(Schema.EXT, ClaimBankDetail) == 0
        events = read(claims_env, Schema.INT, stored).events
        assert [e.event for e in events] == ["BANK-DETAILS-UPDATED"]

    def test_bank_details_without_an_internal_row_are_not_applied(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Nothing changes, and the caller is told."""
        stored = claims_env.seed(
            Schema.INT, attrs.evolve(claim_graph(), bank_detail=None)
        )
        detail = claim_graph().bank_detail
        assert detail is not None
        replaced = claims_env.repository.replace_bank_detail(
            detail, event=event(stored.claim, "BANK-DETAILS-UPDATED")
        )
        assert replaced is False
        assert read(claims_env, Schema.INT, stored).events == ()

    def test_dwp_input_names_visitor_and_holder_and_results_land_on_the_visitor(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Each person's columns are kept apart (the original relied on arrays)."""
        stored = claims_env.seed(Schema.INT, claim_graph())
        found = claims_env.repository.dwp_check_input(
            reference="abc1234", eligibility_id=1000, claim_id=1000
        )
        assert found is not None
        assert found.benefit_holder is not None
        assert (found.visitor.last_name, found.benefit_holder.last_name) == (
            "Visitor",
            "Holder",
        )
        assert found.visitor.date_of_birth == stored.visitor.date_of_birth  # type: ignore[union-attr]
        claims_env.repository.record_dwp_result(
            found.visitor_id, result="NO", dwp_check="REQUEST-INFORMATION"
        )
        visitor = read(claims_env, Schema.INT, stored).visitor
        assert visitor is not None
        assert (visitor.dwp_benefit_checker_result, visitor.dwp_check) == (
            "NO",
            "REQUEST-INFORMATION",
        )

    def test_auto_approval_approves_claim_and_every_expense_once(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Disabled expenses too; a claim that moved on is left alone."""
        graph = evolve_claim(claim_graph(), status="NEW")
        graph = attrs.evolve(
            graph,
            expenses=(
                graph.expenses[0],
                attrs.evolve(graph.expenses[1], is_enabled=False),
            ),
        )
        stored = claims_env.seed(Schema.INT, graph)
        approve = {
            "now": NOW,
            "from_statuses": ("new",),
            "events": (event(stored.claim, "CLAIM-AUTO-APPROVED"),),
            "follow_on_tasks": (NewTask(task="ACCEPT-CLAIM-NOTIFICATION"),),
        }
        assert claims_env.repository.auto_approve(1000, **approve) is True  # type: ignore[arg-type]
        assert claims_env.repository.auto_approve(1000, **approve) is False  # type: ignore[arg-type]
        expenses = claims_env.repository.claim_expenses(1000)
        assert [(e.status, e.approved_cost) for e in expenses] == [
            ("APPROVED", e.cost) for e in stored.expenses
        ]
        claim = read(claims_env, Schema.INT, stored).claim
        assert (claim.status, claim.date_approved, claim.visit_confirmation_check) == (
            "AUTO-APPROVED",
            NOW,
            "APPROVED",
        )
        assert list(claims_env.task_types()) == ["ACCEPT-CLAIM-NOTIFICATION"]

    def test_latest_statuses_are_by_reference_newest_submission_first(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The consecutive auto-approval check reads them by Reference."""
        first = claims_env.seed(Schema.INT, claim_graph())
        for base_id, days, status in (
            (2000, 1, "AUTO-APPROVED"),
            (3000, 2, "REJECTED"),
            (4000, 3, "NEW"),
        ):
            claims_env.seed(
                Schema.INT,
                repeat_claim(
                    first,
                    base_id=base_id,
                    status=status,
                    date_submitted=SUBMITTED + days * DAY,
                ),
            )
        statuses = claims_env.repository.latest_claim_statuses(
            "abc1234 ", excluding_claim_id=4000, limit=2
        )
        assert list(statuses) == ["REJECTED", "AUTO-APPROVED"]

    def test_a_reference_is_recovered_from_email_and_prison_number(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The newest matching eligibility wins; case does not matter."""
        older = claim_graph(reference="OLD0001", base_id=1000)
        newer = claim_graph(reference="NEW0001", base_id=2000)
        assert newer.eligibility is not None
        newer = attrs.evolve(
            newer,
            eligibility=attrs.evolve(newer.eligibility, date_submitted=SUBMITTED + DAY),
        )
        claims_env.seed(Schema.INT, older)
        claims_env.seed(Schema.INT, newer)
        found = claims_env.repository.recover_reference(
            email_address="VISITOR@example.com", prison_number="a1234bc"
        )
        assert (found and found.reference, found and found.first_name) == (
            "NEW0001",
            "Val",
        )
        none = claims_env.repository.recover_reference(
            email_address="visitor@example.com", prison_number="Z9999ZZ"
        )
        assert none is None

    def test_notification_reads(self, claims_env: ClaimsEnvironment) -> None:
        """Claimant summary, bank details, enabled deductions, reminder stamp."""
        graph = internal_extras(claim_graph())
        disabled = attrs.evolve(graph.deductions[0], is_enabled=False)
        stored = claims_env.seed(
            Schema.INT, attrs.evolve(graph, deductions=(*graph.deductions, disabled))
        )
        summary = claims_env.repository.claimant_summary(1000)
        assert summary is not None
        assert (
            summary.first_name,
            summary.name_of_prison,
            summary.date_of_journey,
        ) == (
            "Val",
            "hewell",
            JOURNEY,
        )
        assert claims_env.repository.bank_detail(1000) == stored.bank_detail
        deductions = claims_env.repository.enabled_deductions(1000)
        assert [d.amount for d in deductions] == [Decimal("10.00")]
        claims_env.repository.mark_reminder_sent(1000, now=NOW)
        claim = read(claims_env, Schema.INT, stored).claim
        assert (claim.reminder_sent, claim.date_reminder_sent) == (True, NOW)
        assert claims_env.repository.claimant_summary(404) is None


class ClaimJobsContract:
    """The daily jobs' selections, with windows chosen by the caller."""

    def test_advance_reminders_select_approved_advance_claims_in_the_window(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """[start, end): the start is in, the end is out, non-advance claims never."""
        first = claims_env.seed(
            Schema.INT, _reviewed(claim_graph(), is_advance_claim=True)
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
        graph = _reviewed(claim_graph(), is_advance_claim=True)
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
        first = claims_env.seed(Schema.INT, _reviewed(claim_graph(), date_reviewed=NOW))
        claims_env.seed(Schema.INT, repeat_claim(first, base_id=2000))
        assert list(claims_env.repository.claims_reviewed_before(NOW + DAY)) == [1000]
        assert not claims_env.repository.claims_reviewed_before(NOW)


class PaymentsContract:
    """The payment run's selections and bookkeeping."""

    def _payable(self, claims_env: ClaimsEnvironment) -> ClaimData:
        graph = internal_extras(_reviewed(claim_graph()))
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
        assert (due.payee.sort_code, due.payee.last_name) == ("001122", "Visitor")
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


__all__ = ["ClaimJobsContract", "FollowUpContract", "PaymentsContract"]
