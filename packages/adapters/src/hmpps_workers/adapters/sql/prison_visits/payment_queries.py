"""Named statements for the payment run and its file bookkeeping.

Unlike the original, the selections are ordered by id, so payment files come out the
same way every time, and "mark paid" statements only touch unpaid rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_claim_deduction,
    int_direct_payment_file,
    int_top_up,
)
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.adapters.sql.prison_visits.text import ci_equal, ci_in
from hmpps_workers.core.prison_visits.claims.values import ClaimStatus

PROCESSED = "PROCESSED"
TOP_UP_PENDING = "PENDING"
MANUALLY_PROCESSED = "MANUALLY-PROCESSED"
PAYABLE_EXPENSE_STATUSES = ("APPROVED", "APPROVED-DIFF-AMOUNT", MANUALLY_PROCESSED)
APPROVED_CLAIM_STATUSES = (ClaimStatus.APPROVED.value, ClaimStatus.AUTO_APPROVED.value)


def payee_columns() -> list[sa.ColumnElement[Any]]:
    """Who is paid and where: the visitor's address and the claim's bank details."""
    cl, v, b = INT.claim.c, INT.visitor.c, INT.claim_bank_detail.c
    return [
        cl.ClaimId,
        cl.Reference,
        cl.DateOfJourney,
        v.FirstName,
        v.LastName,
        v.HouseNumberAndStreet,
        v.Town,
        v.County,
        v.Country,
        v.PostCode,
        b.NameOnAccount,
        b.SortCode,
        b.AccountNumber,
        b.RollNumber,
    ]


def _claims_with_payees() -> sa.Join:
    cl, v, b = INT.claim, INT.visitor, INT.claim_bank_detail
    return cl.outerjoin(b, b.c.ClaimId == cl.c.ClaimId).join(
        v, v.c.EligibilityId == cl.c.EligibilityId
    )


def claims_due_payment(payment_method: str) -> sa.Select[Any]:
    """Approved, unpaid claims with their payable, deducted and manual sums."""
    cl, ex, d = INT.claim.c, INT.claim_expense.c, int_claim_deduction.c
    deductions = (
        sa.select(sa.func.sum(d.Amount))
        .where(d.ClaimId == cl.ClaimId, d.IsEnabled == sa.true())
        .scalar_subquery()
    )
    manual = sa.case((ci_equal(ex.Status, MANUALLY_PROCESSED), ex.ApprovedCost))
    columns = payee_columns()
    return (
        sa.select(
            *columns,
            sa.func.sum(ex.ApprovedCost).label("TotalApprovedCost"),
            deductions.label("TotalDeductionAmount"),
            sa.func.sum(manual).label("ManuallyProcessedCost"),
        )
        .select_from(
            _claims_with_payees().join(INT.claim_expense, ex.ClaimId == cl.ClaimId)
        )
        .where(
            sa.or_(
                ci_in(cl.Status, APPROVED_CLAIM_STATUSES), cl.DateApproved.is_not(None)
            ),
            ci_in(ex.Status, PAYABLE_EXPENSE_STATUSES),
            ci_equal(cl.PaymentMethod, payment_method),
            cl.PaymentStatus.is_(None),
        )
        .group_by(*columns)
        .order_by(cl.ClaimId)
    )


def top_ups_due_payment(payment_method: str) -> sa.Select[Any]:
    """Pending, unpaid top-ups on claims of a payment method, one row each."""
    cl, t = INT.claim.c, int_top_up.c
    return (
        sa.select(t.TopUpId, t.TopUpAmount, *payee_columns())
        .select_from(_claims_with_payees().join(int_top_up, t.ClaimId == cl.ClaimId))
        .where(
            ci_equal(t.PaymentStatus, TOP_UP_PENDING),
            ci_equal(cl.PaymentMethod, payment_method),
            t.PaymentDate.is_(None),
        )
        .order_by(t.TopUpId)
    )


def payment_files_created_before(cutoff: datetime) -> sa.Select[Any]:
    """Enabled payment files older than the cutoff."""
    f = int_direct_payment_file.c
    return (
        sa.select(int_direct_payment_file)
        .where(f.DateCreated < cutoff, f.IsEnabled == sa.true())
        .order_by(f.PaymentFileId)
    )


def disable_payment_files(payment_file_ids: Sequence[int]) -> sa.Update:
    """Mark payment files disabled."""
    f = int_direct_payment_file.c
    return (
        sa.update(int_direct_payment_file)
        .where(f.PaymentFileId.in_(payment_file_ids))
        .values(IsEnabled=False)
    )
