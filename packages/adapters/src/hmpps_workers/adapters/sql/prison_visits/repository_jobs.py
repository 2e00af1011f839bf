"""The daily-job and payment-run halves of SqlClaimRepository."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.prison_visits import job_queries as jq
from hmpps_workers.adapters.sql.prison_visits import payment_queries as pq
from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_row
from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_direct_payment_file,
)
from hmpps_workers.adapters.sql.prison_visits.rows import from_row
from hmpps_workers.core.prison_visits.claims.model import Claim
from hmpps_workers.core.prison_visits.claims.records import DirectPaymentFile
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

CHUNK = 1000
"""Ids per IN list: SQL Server takes at most 2100 parameters per statement."""


def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    """`ids` in slices small enough for one statement."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


class JobsMixin:
    """The daily jobs' selections and updates."""

    engine: sa.Engine

    def _claims_and_emails(self, statement: sa.Select[Any]) -> list[ClaimAndEmail]:
        with (
            translate_errors("select claims for a daily job"),
            self.engine.connect() as c,
        ):
            return [
                ClaimAndEmail(
                    claim=from_row(Claim, row), email_address=row.VisitorEmail
                )
                for row in c.execute(statement)
            ]

    def _refs(self, statement: sa.Select[Any]) -> list[ExternalClaimRef]:
        with translate_errors("select stale external data"), self.engine.connect() as c:
            refs = [
                ExternalClaimRef(
                    reference=row.Reference,
                    eligibility_id=row.EligibilityId,
                    claim_id=row.ClaimId,
                )
                for row in c.execute(statement)
            ]
        return list(dict.fromkeys(refs))

    def advance_claims_journeyed_between(
        self, start: datetime, end: datetime
    ) -> Sequence[ClaimAndEmail]:
        """Approved advance claims with a journey in [start, end)."""
        return self._claims_and_emails(jq.advance_claims_journeyed_between(start, end))

    def claims_awaiting_information(
        self, *, last_updated_before: datetime
    ) -> Sequence[ClaimAndEmail]:
        """Claims waiting on the claimant since before the cutoff, not yet reminded."""
        return self._claims_and_emails(
            jq.claims_awaiting_information(last_updated_before=last_updated_before)
        )

    def claims_reminded_before(self, cutoff: datetime) -> Sequence[ClaimAndEmail]:
        """Claims still waiting on the claimant, reminded before the cutoff."""
        return self._claims_and_emails(jq.claims_reminded_before(cutoff))

    def overpayment_candidates(
        self, *, journey_on_or_before: datetime
    ) -> Sequence[OverpaymentCandidate]:
        """Approved advance claims not yet flagged, journey on or before the cutoff."""
        statement = jq.overpayment_candidates(journey_on_or_before=journey_on_or_before)
        with translate_errors("select overpayments"), self.engine.connect() as c:
            return [
                OverpaymentCandidate(
                    claim_id=row.ClaimId,
                    reference=row.Reference,
                    amount=row.Amount or Decimal("0.00"),
                )
                for row in c.execute(statement)
            ]

    def mark_overpaid(self, candidate: OverpaymentCandidate, *, reason: str) -> bool:
        """Flag a claim overpaid by the candidate's amount; False if already flagged."""
        statement = jq.mark_overpaid(candidate, reason=reason)
        with translate_errors("mark a claim overpaid"), self.engine.begin() as c:
            return bool(c.execute(statement).rowcount)

    def stale_external_eligibilities(
        self, *, created_before: datetime
    ) -> Sequence[ExternalClaimRef]:
        """ExtSchema eligibilities created before the cutoff, one row per claim."""
        return self._refs(
            jq.stale_external_eligibilities(created_before=created_before)
        )

    def stale_external_claims(
        self, *, created_before: datetime
    ) -> Sequence[ExternalClaimRef]:
        """ExtSchema claims created before the cutoff."""
        return self._refs(jq.stale_external_claims(created_before=created_before))

    def stale_external_documents(
        self, *, submitted_before: datetime
    ) -> Sequence[ExternalClaimRef]:
        """The claims of ExtSchema documents submitted before the cutoff."""
        return self._refs(
            jq.stale_external_documents(submitted_before=submitted_before)
        )

    def claims_reviewed_before(self, cutoff: datetime) -> Sequence[int]:
        """Ids of IntSchema claims reviewed before the cutoff: archive candidates."""
        with translate_errors("select claims to archive"), self.engine.connect() as c:
            return list(c.execute(jq.claims_reviewed_before(cutoff)).scalars())


class PaymentsMixin:
    """The payment run's selections and bookkeeping."""

    engine: sa.Engine

    def claims_due_payment(self, payment_method: str) -> Sequence[ClaimPaymentDue]:
        """Approved, unpaid claims of a payment method, by claim id."""
        statement = pq.claims_due_payment(payment_method)
        with translate_errors("select claims to pay"), self.engine.connect() as c:
            return [
                ClaimPaymentDue(
                    claim_id=row.ClaimId,
                    payee=from_row(Payee, row),
                    total_approved_cost=row.TotalApprovedCost or Decimal("0.00"),
                    total_deduction_amount=row.TotalDeductionAmount,
                    manually_processed_cost=row.ManuallyProcessedCost,
                )
                for row in c.execute(statement)
            ]

    def top_ups_due_payment(self, payment_method: str) -> Sequence[TopUpPaymentDue]:
        """Pending, unpaid top-ups on claims of a payment method, by top-up id."""
        statement = pq.top_ups_due_payment(payment_method)
        with translate_errors("select top-ups to pay"), self.engine.connect() as c:
            return [
                TopUpPaymentDue(
                    top_up_id=row.TopUpId,
                    claim_id=row.ClaimId,
                    payee=from_row(Payee, row),
                    amount=row.TopUpAmount,
                )
                for row in c.execute(statement)
            ]

    def record_claim_totals(self, totals: Sequence[ClaimTotals]) -> None:
        """Write TotalAmount (and ManuallyProcessedAmount) on the claims."""
        with translate_errors("record claim totals"), self.engine.begin() as c:
            for total in totals:
                c.execute(
                    pq.record_claim_totals(
                        total.claim_id,
                        total_amount=total.total_amount,
                        manually_processed_amount=total.manually_processed_amount,
                    )
                )

    def record_payments(
        self,
        *,
        claims: Sequence[ClaimPayment],
        top_up_ids: Sequence[int],
        files: Sequence[DirectPaymentFile],
        now: datetime,
    ) -> None:
        """Mark claims and top-ups paid and store the payment files, atomically."""
        with translate_errors("record a payment run"), self.engine.begin() as c:
            for payment in claims:
                c.execute(
                    pq.mark_claim_paid(payment.claim_id, amount=payment.amount, now=now)
                )
            for chunk in chunks(top_up_ids):
                c.execute(pq.mark_top_ups_paid(chunk, now=now))
            for file in files:
                insert_row(c, int_direct_payment_file, file, keep_id=False)

    def payment_files_created_before(
        self, cutoff: datetime
    ) -> Sequence[DirectPaymentFile]:
        """Enabled payment files older than the cutoff."""
        with translate_errors("select old payment files"), self.engine.connect() as c:
            rows = c.execute(pq.payment_files_created_before(cutoff))
            return [from_row(DirectPaymentFile, row) for row in rows]

    def disable_payment_files(self, payment_file_ids: Sequence[int]) -> None:
        """Mark payment files disabled (their S3 objects are deleted separately)."""
        with translate_errors("disable payment files"), self.engine.begin() as c:
            for chunk in chunks(payment_file_ids):
                c.execute(pq.disable_payment_files(chunk))
