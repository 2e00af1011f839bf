"""Named statements for the task handlers: uploads, DWP, auto-approval, emails.

Every "first row" read orders by a key, and orderings on nullable dates put NULLs
last explicitly, because SQL Server and PostgreSQL disagree about where they go.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_claim_deduction,
)
from hmpps_workers.adapters.sql.prison_visits.tables import EXT, INT
from hmpps_workers.adapters.sql.prison_visits.text import (
    ci_equal,
    ci_equal_param,
)
from hmpps_workers.core.prison_visits.claims.model import ClaimBankDetail
from hmpps_workers.core.prison_visits.claims.values import ClaimStatus

APPROVED = "APPROVED"


def nulls_last(column: sa.ColumnElement[Any]) -> sa.ColumnElement[int]:
    """A sort key putting NULLs after values on every backend (no `IS NULL` sort)."""
    return sa.case(
        (column.is_(None), sa.literal_column("1")), else_=sa.literal_column("0")
    )


def external_documents(
    *, reference: str, eligibility_id: int, claim_id: int | None
) -> sa.Select[Any]:
    """Enabled ExtSchema documents of a claim and of its eligibility."""
    c = EXT.claim_document.c
    belongs = (
        c.ClaimId.is_(None)
        if claim_id is None
        else sa.or_(c.ClaimId == claim_id, c.ClaimId.is_(None))
    )
    return (
        sa.select(EXT.claim_document)
        .where(
            ci_equal(c.Reference, reference),
            c.EligibilityId == eligibility_id,
            belongs,
            c.IsEnabled == sa.true(),
        )
        .order_by(c.ClaimDocumentId)
    )


def disable_internal_documents(ids: Sequence[int]) -> sa.Update:
    """Switch replaced IntSchema documents off."""
    c = INT.claim_document.c
    return (
        sa.update(INT.claim_document)
        .where(c.ClaimDocumentId.in_(ids))
        .values(IsEnabled=False)
    )


def delete_external_documents(ids: Sequence[int]) -> sa.Delete:
    """Remove ExtSchema documents once moved (only those, not the whole eligibility)."""
    c = EXT.claim_document.c
    return sa.delete(EXT.claim_document).where(c.ClaimDocumentId.in_(ids))


def external_bank_detail(claim_id: int) -> sa.Select[Any]:
    """The newest ExtSchema bank details sent for a claim."""
    c = EXT.claim_bank_detail.c
    return (
        sa.select(EXT.claim_bank_detail)
        .where(c.ClaimId == claim_id)
        .order_by(c.ClaimBankDetailId.desc())
        .limit(1)
    )


def update_bank_detail(detail: ClaimBankDetail) -> sa.Update:
    """Overwrite an IntSchema claim's bank details with new ones."""
    c = INT.claim_bank_detail.c
    return (
        sa.update(INT.claim_bank_detail)
        .where(c.ClaimId == detail.claim_id, ci_equal(c.Reference, detail.reference))
        .values(
            SortCode=detail.sort_code,
            AccountNumber=detail.account_number,
            NameOnAccount=detail.name_on_account,
            RollNumber=detail.roll_number,
        )
    )


@functools.cache
def dwp_check_input() -> sa.Select[Any]:
    """The visitor and any benefit holder of a claim, each column named apart.

    Bind `reference`, `eligibility_id` and `claim_id`.
    """
    e, cl, v, b = INT.eligibility, INT.claim, INT.visitor, INT.benefit
    return (
        sa.select(
            v.c.VisitorId,
            v.c.EmailAddress,
            v.c.Benefit,
            v.c.BenefitOwner,
            v.c.LastName.label("visitor_last_name"),
            v.c.NationalInsuranceNumber.label("visitor_nino"),
            v.c.DateOfBirth.label("visitor_date_of_birth"),
            b.c.LastName.label("holder_last_name"),
            b.c.NationalInsuranceNumber.label("holder_nino"),
            b.c.DateOfBirth.label("holder_date_of_birth"),
        )
        .select_from(
            e.join(cl, cl.c.EligibilityId == e.c.EligibilityId)
            .join(v, v.c.EligibilityId == e.c.EligibilityId)
            .outerjoin(b, b.c.EligibilityId == e.c.EligibilityId)
        )
        .where(
            ci_equal_param(e.c.Reference, "reference"),
            e.c.EligibilityId == sa.bindparam("eligibility_id", type_=sa.Integer()),
            cl.c.ClaimId == sa.bindparam("claim_id", type_=sa.Integer()),
        )
        .order_by(v.c.VisitorId, b.c.BenefitId)
        .limit(1)
    )


@functools.cache
def record_dwp_result() -> sa.Update:
    """Store the DWP checker's answer on the visitor.

    Bind `visitor_id`, `result` and `dwp_check`.
    """
    c = INT.visitor.c
    return (
        sa.update(INT.visitor)
        .where(c.VisitorId == sa.bindparam("visitor_id", type_=sa.Integer()))
        .values(
            DWPBenefitCheckerResult=sa.bindparam(
                "result", type_=c.DWPBenefitCheckerResult.type
            ),
            DWPCheck=sa.bindparam("dwp_check", type_=c.DWPCheck.type),
        )
    )


@functools.cache
def all_claim_expenses() -> sa.Select[Any]:
    """Every expense of a claim, whatever its flags: bind `claim_id`."""
    c = INT.claim_expense.c
    return (
        sa.select(INT.claim_expense)
        .where(c.ClaimId == sa.bindparam("claim_id", type_=sa.Integer()))
        .order_by(c.ClaimExpenseId)
    )


@functools.cache
def auto_approve_claim(status_count: int) -> sa.Update:
    """AUTO-APPROVED, reviewed and approved now, if the claim is still as expected.

    Built once per number of expected statuses: bind `auto_approve_params`.
    """
    c = INT.claim.c
    guard = (
        sa.or_(*(ci_equal_param(c.Status, f"status_{i}") for i in range(status_count)))
        if status_count
        else sa.true()
    )
    now = sa.bindparam("now", type_=c.DateReviewed.type)
    return (
        sa.update(INT.claim)
        .where(c.ClaimId == sa.bindparam("claim_id", type_=sa.Integer()), guard)
        .values(
            Status=ClaimStatus.AUTO_APPROVED.value,
            VisitConfirmationCheck=APPROVED,
            DateReviewed=now,
            DateApproved=now,
        )
    )


def auto_approve_params(
    claim_id: int, *, now: datetime, from_statuses: Sequence[str]
) -> dict[str, Any]:
    """The bound values of `auto_approve_claim(len(from_statuses))`."""
    params: dict[str, Any] = {"claim_id": claim_id, "now": now}
    params |= {f"status_{i}": status for i, status in enumerate(from_statuses)}
    return params


@functools.cache
def approve_all_expenses() -> sa.Update:
    """Approve every expense of a claim at the cost claimed: bind `claim_id`."""
    c = INT.claim_expense.c
    return (
        sa.update(INT.claim_expense)
        .where(c.ClaimId == sa.bindparam("claim_id", type_=sa.Integer()))
        .values(Status=APPROVED, ApprovedCost=c.Cost)
    )


@functools.cache
def latest_claim_statuses(limit: int) -> sa.Select[Any]:
    """Statuses of a reference's other claims, newest submission first.

    Bind `reference` and `claim_id` (the claim left out).
    """
    c = INT.claim.c
    return (
        sa.select(c.Status)
        .where(
            ci_equal_param(c.Reference, "reference"),
            c.ClaimId != sa.bindparam("claim_id", type_=sa.Integer()),
        )
        .order_by(nulls_last(c.DateSubmitted), c.DateSubmitted.desc(), c.ClaimId.desc())
        .limit(limit)
    )


def recover_reference(*, email_address: str, prison_number: str) -> sa.Select[Any]:
    """The newest reference whose visitor's email and prisoner's number match."""
    v, p, e = INT.visitor, INT.prisoner, INT.eligibility
    return (
        sa.select(v.c.Reference, v.c.FirstName)
        .select_from(
            v.join(p, p.c.EligibilityId == v.c.EligibilityId).join(
                e, e.c.EligibilityId == v.c.EligibilityId
            )
        )
        .where(
            ci_equal(v.c.EmailAddress, email_address),
            ci_equal(p.c.PrisonNumber, prison_number),
        )
        .order_by(
            nulls_last(e.c.DateSubmitted),
            e.c.DateSubmitted.desc(),
            e.c.EligibilityId.desc(),
        )
        .limit(1)
    )


@functools.cache
def claimant_summary() -> sa.Select[Any]:
    """A claim with its visitor, (if any) prisoner and bank account: bind `claim_id`."""
    cl, v, p, k = INT.claim, INT.visitor, INT.prisoner, INT.claim_bank_detail
    account_number = (
        sa.select(k.c.AccountNumber)
        .where(k.c.ClaimId == cl.c.ClaimId)
        .order_by(k.c.ClaimBankDetailId)
        .limit(1)
        .scalar_subquery()
        .label("AccountNumber")
    )
    return (
        sa.select(
            cl.c.ClaimId,
            cl.c.EligibilityId,
            cl.c.Reference,
            cl.c.DateOfJourney,
            cl.c.Note,
            cl.c.PaymentMethod,
            cl.c.IsAdvanceClaim,
            v.c.FirstName,
            v.c.EmailAddress,
            v.c.Town,
            p.c.NameOfPrison,
            account_number,
        )
        .select_from(
            cl.join(v, v.c.EligibilityId == cl.c.EligibilityId).outerjoin(
                p, p.c.EligibilityId == cl.c.EligibilityId
            )
        )
        .where(cl.c.ClaimId == sa.bindparam("claim_id", type_=sa.Integer()))
        .order_by(v.c.VisitorId, p.c.PrisonerId)
        .limit(1)
    )


def internal_bank_detail(claim_id: int) -> sa.Select[Any]:
    """An IntSchema claim's bank details."""
    c = INT.claim_bank_detail.c
    return (
        sa.select(INT.claim_bank_detail)
        .where(c.ClaimId == claim_id)
        .order_by(c.ClaimBankDetailId)
        .limit(1)
    )


@functools.cache
def enabled_deductions() -> sa.Select[Any]:
    """The enabled deductions of a claim: bind `claim_id`."""
    c = int_claim_deduction.c
    return (
        sa.select(int_claim_deduction)
        .where(
            c.ClaimId == sa.bindparam("claim_id", type_=sa.Integer()),
            c.IsEnabled == sa.true(),
        )
        .order_by(c.ClaimDeductionId)
    )


def mark_reminder_sent(claim_id: int, *, now: datetime) -> sa.Update:
    """Record that the request-information reminder went out."""
    c = INT.claim.c
    return (
        sa.update(INT.claim)
        .where(c.ClaimId == claim_id)
        .values(ReminderSent=True, DateReminderSent=now)
    )
