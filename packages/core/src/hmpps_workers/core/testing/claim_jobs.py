"""The daily-job and payment-run queries of the in-memory claim repository."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

import attrs

from hmpps_workers.core.prison_visits.claims.model import (
    Claim,
    ClaimBankDetail,
    ClaimDocument,
    ClaimExpense,
    Eligibility,
    Visitor,
)
from hmpps_workers.core.prison_visits.claims.records import (
    ClaimDeduction,
    DirectPaymentFile,
    TopUp,
)
from hmpps_workers.core.prison_visits.claims.values import same_text, to_money
from hmpps_workers.core.prison_visits.claims.views import (
    ClaimAndEmail,
    ClaimPayment,
    ClaimPaymentDue,
    ClaimTotals,
    ExternalClaimRef,
    OverpaymentCandidate,
    Payee,
    TopUpPaymentDue,
)
from hmpps_workers.core.testing.claim_queries import (
    AWAITING,
    EXT,
    INT,
    PAYABLE,
    FakeBase,
    in_texts,
    total,
)


def payee(claim: Claim, visitor: Visitor, bank: ClaimBankDetail | None) -> Payee:
    """The payee a claim-visitor-bank join row describes."""
    return Payee(
        reference=claim.reference,
        first_name=visitor.first_name,
        last_name=visitor.last_name,
        house_number_and_street=visitor.house_number_and_street,
        town=visitor.town,
        county=visitor.county,
        country=visitor.country,
        post_code=visitor.post_code,
        date_of_journey=claim.date_of_journey,
        name_on_account=bank.name_on_account if bank else None,
        sort_code=bank.sort_code if bank else None,
        account_number=bank.account_number if bank else None,
        roll_number=bank.roll_number if bank else None,
    )


class JobsFake(FakeBase):
    """The daily jobs' selections and updates."""

    def _with_email(self, claims: Iterable[Claim]) -> list[ClaimAndEmail]:
        return [
            ClaimAndEmail(claim=claim, email_address=visitor.email_address)
            for claim in claims
            for visitor in self._visitors(claim.eligibility_id)
        ]

    def advance_claims_journeyed_between(
        self, start: datetime, end: datetime
    ) -> Sequence[ClaimAndEmail]:
        """Approved advance claims with a journey in [start, end)."""
        return self._with_email(
            self._int(
                Claim,
                lambda c: (
                    start <= c.date_of_journey < end
                    and c.is_advance_claim is True
                    and same_text(c.status, "APPROVED")
                ),
            )
        )

    def claims_awaiting_information(
        self, *, last_updated_before: datetime
    ) -> Sequence[ClaimAndEmail]:
        """Claims waiting on the claimant since before the cutoff, not yet reminded."""
        return self._with_email(
            self._int(
                Claim,
                lambda c: (
                    c.last_updated is not None
                    and c.last_updated < last_updated_before
                    and c.reminder_sent is not True
                    and in_texts(c.status, AWAITING)
                ),
            )
        )

    def claims_reminded_before(self, cutoff: datetime) -> Sequence[ClaimAndEmail]:
        """Claims still waiting on the claimant, reminded before the cutoff."""
        return self._with_email(
            self._int(
                Claim,
                lambda c: (
                    c.date_reminder_sent is not None
                    and c.date_reminder_sent < cutoff
                    and c.reminder_sent is True
                    and in_texts(c.status, AWAITING)
                ),
            )
        )

    def overpayment_candidates(
        self, *, journey_on_or_before: datetime
    ) -> Sequence[OverpaymentCandidate]:
        """Approved advance claims not yet flagged, journey on or before the cutoff."""
        candidates = []
        for claim in self._int(
            Claim,
            lambda c: (
                c.is_advance_claim is True
                and same_text(c.status, "APPROVED")
                and c.is_overpaid is not True
                and c.date_of_journey <= journey_on_or_before
            ),
        ):
            expenses = self._int(
                ClaimExpense,
                lambda e, c=claim: e.claim_id == c.claim_id and e.is_enabled is True,
            )
            if expenses:
                amount = total(e.approved_cost for e in expenses)
                candidates.append(
                    OverpaymentCandidate(
                        claim_id=claim.claim_id,
                        reference=claim.reference,
                        amount=amount if amount is not None else to_money(0),
                    )
                )
        return candidates

    def mark_overpaid(self, candidate: OverpaymentCandidate, *, reason: str) -> bool:
        """Flag a claim overpaid by the candidate's amount; False if already flagged."""
        if not self._int(
            Claim,
            lambda c: (
                c.claim_id == candidate.claim_id
                and same_text(c.reference, candidate.reference)
                and c.is_overpaid is not True
            ),
        ):
            return False
        return self._update_claim(
            candidate.claim_id,
            is_overpaid=True,
            overpayment_amount=candidate.amount,
            remaining_overpayment_amount=candidate.amount,
            overpayment_reason=reason,
        )

    def stale_external_eligibilities(
        self, *, created_before: datetime
    ) -> Sequence[ExternalClaimRef]:
        """ExtSchema eligibilities created before the cutoff, one row per claim."""
        refs = []
        for eligibility in self.store.where(
            EXT, Eligibility, lambda e: e.date_created < created_before
        ):
            claims = self.store.where(
                EXT,
                Claim,
                lambda c, e=eligibility: c.eligibility_id == e.eligibility_id,
            )
            refs += [
                ExternalClaimRef(
                    reference=eligibility.reference,
                    eligibility_id=eligibility.eligibility_id,
                    claim_id=claim_id,
                )
                for claim_id in ([c.claim_id for c in claims] or [None])  # type: ignore[list-item]
            ]
        return refs

    def stale_external_claims(
        self, *, created_before: datetime
    ) -> Sequence[ExternalClaimRef]:
        """ExtSchema claims created before the cutoff."""
        return [
            ExternalClaimRef(
                reference=c.reference,
                eligibility_id=c.eligibility_id,
                claim_id=c.claim_id,
            )
            for c in self.store.where(
                EXT, Claim, lambda c: c.date_created < created_before
            )
        ]

    def stale_external_documents(
        self, *, submitted_before: datetime
    ) -> Sequence[ExternalClaimRef]:
        """The claims of ExtSchema documents submitted before the cutoff."""
        refs = [
            ExternalClaimRef(
                reference=d.reference,
                eligibility_id=d.eligibility_id,
                claim_id=d.claim_id,
            )
            for d in self.store.where(
                EXT,
                ClaimDocument,
                lambda d: (
                    d.date_submitted is not None and d.date_submitted < submitted_before
                ),
            )
        ]
        return list(dict.fromkeys(refs))

    def claims_reviewed_before(self, cutoff: datetime) -> Sequence[int]:
        """Ids of IntSchema claims reviewed before the cutoff: archive candidates."""
        return [
            c.claim_id
            for c in self._int(
                Claim,
                lambda c: c.date_reviewed is not None and c.date_reviewed < cutoff,
            )
        ]


class PaymentsFake(FakeBase):
    """The payment run's selections and bookkeeping."""

    def claims_due_payment(self, payment_method: str) -> Sequence[ClaimPaymentDue]:
        """Approved, unpaid claims of a payment method, by claim id."""
        due = []
        for claim in self._int(
            Claim,
            lambda c: (
                (
                    in_texts(c.status, ("APPROVED", "AUTO-APPROVED"))
                    or c.date_approved is not None
                )
                and same_text(c.payment_method, payment_method)
                and c.payment_status is None
            ),
        ):
            expenses = self._int(
                ClaimExpense,
                lambda e, c=claim: (
                    e.claim_id == c.claim_id and in_texts(e.status, PAYABLE)
                ),
            )
            if not expenses:
                continue
            deductions = self._int(
                ClaimDeduction,
                lambda d, c=claim: d.claim_id == c.claim_id and d.is_enabled is True,
            )
            manual = [
                e.approved_cost
                for e in expenses
                if same_text(e.status, "MANUALLY-PROCESSED")
            ]
            due += [
                ClaimPaymentDue(
                    claim_id=claim.claim_id,
                    payee=payee(claim, visitor, self._bank(claim.claim_id)),
                    total_approved_cost=total(e.approved_cost for e in expenses)
                    or to_money(0),
                    total_deduction_amount=total(d.amount for d in deductions),
                    manually_processed_cost=total(manual),
                )
                for visitor in self._visitors(claim.eligibility_id)
            ]
        return due

    def top_ups_due_payment(self, payment_method: str) -> Sequence[TopUpPaymentDue]:
        """Pending, unpaid top-ups on claims of a payment method, by top-up id."""
        due = []
        for top_up in self._int(
            TopUp,
            lambda t: same_text(t.payment_status, "PENDING") and t.payment_date is None,
        ):
            for claim in self._int(
                Claim,
                lambda c, t=top_up: (
                    c.claim_id == t.claim_id
                    and same_text(c.payment_method, payment_method)
                ),
            ):
                due += [
                    TopUpPaymentDue(
                        top_up_id=top_up.top_up_id or 0,
                        claim_id=claim.claim_id,
                        payee=payee(claim, visitor, self._bank(claim.claim_id)),
                        amount=top_up.top_up_amount,
                    )
                    for visitor in self._visitors(claim.eligibility_id)
                ]
        return due

    def record_claim_totals(self, totals: Sequence[ClaimTotals]) -> None:
        """Write TotalAmount (and ManuallyProcessedAmount) on the claims."""
        with self.store.transaction():
            for row in totals:
                changes = {"total_amount": row.total_amount}
                if row.manually_processed_amount is not None:
                    changes["manually_processed_amount"] = row.manually_processed_amount
                self._update_claim(row.claim_id, **changes)

    def record_payments(
        self,
        *,
        claims: Sequence[ClaimPayment],
        top_up_ids: Sequence[int],
        files: Sequence[DirectPaymentFile],
        now: datetime,
    ) -> None:
        """Mark claims and top-ups paid and store the payment files, atomically."""
        with self.store.transaction():
            for payment in claims:
                for claim in self._int(
                    Claim,
                    lambda c, p=payment: (
                        c.claim_id == p.claim_id and c.payment_status is None
                    ),
                ):
                    self.store.put(
                        INT,
                        attrs.evolve(
                            claim,
                            payment_status="PROCESSED",
                            payment_amount=payment.amount,
                            payment_date=now,
                        ),
                    )
            for top_up in self._int(
                TopUp,
                lambda t: (
                    t.top_up_id in top_up_ids and same_text(t.payment_status, "PENDING")
                ),
            ):
                self.store.put(
                    INT,
                    attrs.evolve(top_up, payment_status="PROCESSED", payment_date=now),
                )
            for file in files:
                self.store.insert(INT, file, keep_id=False)

    def payment_files_created_before(
        self, cutoff: datetime
    ) -> Sequence[DirectPaymentFile]:
        """Enabled payment files older than the cutoff."""
        return self._int(
            DirectPaymentFile,
            lambda f: f.is_enabled is True and f.date_created < cutoff,
        )

    def disable_payment_files(self, payment_file_ids: Sequence[int]) -> None:
        """Mark payment files disabled (their S3 objects are deleted separately)."""
        for file in self._int(
            DirectPaymentFile, lambda f: f.payment_file_id in payment_file_ids
        ):
            self.store.put(INT, attrs.evolve(file, is_enabled=False))
