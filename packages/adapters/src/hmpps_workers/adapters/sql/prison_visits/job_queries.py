"""Named statements for the daily jobs: reminders, overpayments, clean-up, archiving.

Every window is a parameter (aware instants, stored as UK wall-clock time by the
column type), so a job that missed a day can choose a wider window to catch up.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.tables import EXT, INT
from hmpps_workers.adapters.sql.prison_visits.text import ci_equal, ci_in
from hmpps_workers.core.prison_visits.claims.values import ClaimStatus
from hmpps_workers.core.prison_visits.daily.ports import Overpayment

AWAITING_CLAIMANT = (
    ClaimStatus.PENDING.value,
    ClaimStatus.REQUEST_INFORMATION.value,
    ClaimStatus.REQUEST_INFO_PAYMENT.value,
)


def _not_set(column: sa.ColumnElement[bool]) -> sa.ColumnElement[bool]:
    return sa.or_(column == sa.false(), column.is_(None))


def claims_with_email() -> sa.Select[Any]:
    """IntSchema claims joined to their visitor's email address."""
    return sa.select(INT.claim, INT.visitor.c.EmailAddress.label("VisitorEmail")).join(
        INT.visitor, INT.visitor.c.EligibilityId == INT.claim.c.EligibilityId
    )


def advance_claims_journeyed_between(start: datetime, end: datetime) -> sa.Select[Any]:
    """Approved advance claims whose journey falls in [start, end)."""
    c = INT.claim.c
    return (
        claims_with_email()
        .where(
            c.DateOfJourney >= start,
            c.DateOfJourney < end,
            c.IsAdvanceClaim == sa.true(),
            ci_equal(c.Status, ClaimStatus.APPROVED.value),
        )
        .order_by(c.ClaimId)
    )


def claims_awaiting_information(*, last_updated_before: datetime) -> sa.Select[Any]:
    """Claims waiting on the claimant since before the cutoff, never reminded."""
    c = INT.claim.c
    return (
        claims_with_email()
        .where(
            c.LastUpdated < last_updated_before,
            _not_set(c.ReminderSent),
            ci_in(c.Status, AWAITING_CLAIMANT),
        )
        .order_by(c.ClaimId)
    )


def claims_reminded_before(cutoff: datetime) -> sa.Select[Any]:
    """Claims still waiting on the claimant, reminded before the cutoff."""
    c = INT.claim.c
    return (
        claims_with_email()
        .where(
            c.DateReminderSent < cutoff,
            c.ReminderSent == sa.true(),
            ci_in(c.Status, AWAITING_CLAIMANT),
        )
        .order_by(c.ClaimId)
    )


def overpayment_candidates(*, journey_on_or_before: datetime) -> sa.Select[Any]:
    """Approved advance claims not yet overpaid, with their enabled approved sums."""
    c, e = INT.claim.c, INT.claim_expense.c
    return (
        sa.select(c.ClaimId, c.Reference, sa.func.sum(e.ApprovedCost).label("Amount"))
        .select_from(INT.claim.join(INT.claim_expense, e.ClaimId == c.ClaimId))
        .where(
            c.IsAdvanceClaim == sa.true(),
            ci_equal(c.Status, ClaimStatus.APPROVED.value),
            e.IsEnabled == sa.true(),
            _not_set(c.IsOverpaid),
            c.DateOfJourney <= journey_on_or_before,
        )
        .group_by(c.ClaimId, c.Reference)
        .order_by(c.ClaimId)
    )


def mark_overpaid(candidate: Overpayment, *, reason: str) -> sa.Update:
    """Flag a claim overpaid by the amount, unless it already is."""
    c = INT.claim.c
    return (
        sa.update(INT.claim)
        .where(
            c.ClaimId == candidate.claim_id,
            ci_equal(c.Reference, candidate.reference),
            _not_set(c.IsOverpaid),
        )
        .values(
            IsOverpaid=True,
            OverpaymentAmount=candidate.amount,
            RemainingOverpaymentAmount=candidate.amount,
            OverpaymentReason=reason,
        )
    )


def stale_external_eligibilities(*, created_before: datetime) -> sa.Select[Any]:
    """ExtSchema eligibilities created before the cutoff, with their claims if any."""
    e, c = EXT.eligibility.c, EXT.claim.c
    return (
        sa.select(e.Reference, e.EligibilityId, c.ClaimId)
        .select_from(
            EXT.eligibility.outerjoin(EXT.claim, c.EligibilityId == e.EligibilityId)
        )
        .where(e.DateCreated < created_before)
        .order_by(e.EligibilityId, c.ClaimId)
    )


def stale_external_claims(*, created_before: datetime) -> sa.Select[Any]:
    """ExtSchema claims created before the cutoff."""
    c = EXT.claim.c
    return (
        sa.select(c.Reference, c.EligibilityId, c.ClaimId)
        .where(c.DateCreated < created_before)
        .order_by(c.ClaimId)
    )


def stale_external_documents(*, submitted_before: datetime) -> sa.Select[Any]:
    """The claim keys of ExtSchema documents submitted before the cutoff."""
    c = EXT.claim_document.c
    return (
        sa.select(c.Reference, c.EligibilityId, c.ClaimId)
        .where(c.DateSubmitted < submitted_before)
        .order_by(c.ClaimDocumentId)
    )


def claims_reviewed_before(cutoff: datetime) -> sa.Select[Any]:
    """Ids of IntSchema claims reviewed before the cutoff."""
    c = INT.claim.c
    return sa.select(c.ClaimId).where(c.DateReviewed < cutoff).order_by(c.ClaimId)
