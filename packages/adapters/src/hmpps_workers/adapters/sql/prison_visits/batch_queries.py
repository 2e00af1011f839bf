"""Named statements for payment batches: reserve, read back, complete, settle.

The §8.1 and §8.2 selections are reused from `payment_queries`, narrowed to what no
batch has reserved. Per-payment updates take bind parameters, so a whole batch is
marked with one executemany per kind.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits import payment_queries as pq
from hmpps_workers.adapters.sql.prison_visits.internal_tables import int_top_up
from hmpps_workers.adapters.sql.prison_visits.run_tables import (
    payment_batch,
    payment_batch_line,
)
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.adapters.sql.prison_visits.text import ci_equal

BANK = "bank"
CHUNK = 1000
"""Ids per IN list: SQL Server takes at most 2100 parameters per statement."""


def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    """`ids` in slices small enough for one statement."""
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _claim_reserved() -> sa.Exists:
    line = payment_batch_line.c
    return sa.exists().where(
        line.ClaimId == INT.claim.c.ClaimId, line.TopUpId.is_(None)
    )


def _top_up_reserved() -> sa.Exists:
    line = payment_batch_line.c
    return sa.exists().where(line.TopUpId == int_top_up.c.TopUpId)


def unreserved_claims_due() -> sa.Select[Any]:
    """§8.1 for bank claims that no payment batch holds."""
    return pq.claims_due_payment(BANK).where(~_claim_reserved())


def unreserved_top_ups_due() -> sa.Select[Any]:
    """§8.2 for bank top-ups that no payment batch holds."""
    return pq.top_ups_due_payment(BANK).where(~_top_up_reserved())


def batch_by_stamp(stamp: str) -> sa.Select[Any]:
    """The batch whose files carry this `YYYYMMDDHHmmss` stamp, if any."""
    return sa.select(payment_batch.c.PaymentBatchId).where(
        payment_batch.c.FileStamp == stamp
    )


def insert_batch(*, stamp: str, created: datetime) -> sa.Insert:
    """A new open batch; returns its id."""
    return (
        sa.insert(payment_batch)
        .values(FileStamp=stamp, DateCreated=created)
        .returning(payment_batch.c.PaymentBatchId)
    )


LINE_COLUMNS = (
    "PaymentBatchId",
    "ClaimId",
    "TopUpId",
    "ApprovedTotal",
    "DeductionTotal",
    "ManuallyProcessedTotal",
)


def insert_lines() -> sa.Insert:
    """One line per payment (executemany, keyed by LINE_COLUMNS)."""
    c = payment_batch_line.c
    return sa.insert(payment_batch_line).values(
        {name: sa.bindparam(name, type_=c[name].type) for name in LINE_COLUMNS}
    )


def reserved_claims(claim_ids: list[int]) -> sa.Select[Any]:
    """Those of the claims some batch already holds."""
    line = payment_batch_line.c
    return sa.select(line.ClaimId).where(
        line.ClaimId.in_(claim_ids), line.TopUpId.is_(None)
    )


def reserved_top_ups(top_up_ids: list[int]) -> sa.Select[Any]:
    """Those of the top-ups some batch already holds."""
    line = payment_batch_line.c
    return sa.select(line.TopUpId).where(line.TopUpId.in_(top_up_ids))


def oldest_open_batch() -> sa.Select[Any]:
    """The oldest batch not yet completed."""
    b = payment_batch.c
    return (
        sa.select(b.PaymentBatchId, b.DateCreated)
        .where(b.DateCompleted.is_(None))
        .order_by(b.PaymentBatchId)
        .limit(1)
    )


def batch_lines(batch_id: int) -> sa.Select[Any]:
    """A batch's lines with the payee's current bank details and country."""
    line, cl, v, b = (
        payment_batch_line,
        INT.claim,
        INT.visitor,
        INT.claim_bank_detail,
    )
    return (
        sa.select(
            line.c.ClaimId,
            line.c.TopUpId,
            line.c.ApprovedTotal,
            line.c.DeductionTotal,
            line.c.ManuallyProcessedTotal,
            cl.c.Reference,
            v.c.Country,
            b.c.NameOnAccount,
            b.c.SortCode,
            b.c.AccountNumber,
            b.c.RollNumber,
        )
        .select_from(
            line.join(cl, cl.c.ClaimId == line.c.ClaimId)
            .join(v, v.c.EligibilityId == cl.c.EligibilityId)
            .outerjoin(b, b.c.ClaimId == cl.c.ClaimId)
        )
        .where(line.c.PaymentBatchId == batch_id)
        .order_by(line.c.PaymentBatchLineId)
    )


def close_batch(batch_id: int, *, now: datetime) -> sa.Update:
    """Mark the batch complete, if it is still open (0 rows: already done)."""
    b = payment_batch.c
    return (
        sa.update(payment_batch)
        .where(b.PaymentBatchId == batch_id, b.DateCompleted.is_(None))
        .values(DateCompleted=now)
    )


def pay_claims(*, with_manual: bool) -> sa.Update:
    """PROCESSED with amount, totals and date, if unpaid (executemany by claim)."""
    c = INT.claim.c
    values: dict[str, Any] = {
        "PaymentStatus": pq.PROCESSED,
        "PaymentAmount": sa.bindparam("amount", type_=c.PaymentAmount.type),
        "PaymentDate": sa.bindparam("now", type_=c.PaymentDate.type),
        "TotalAmount": sa.bindparam("total", type_=c.TotalAmount.type),
    }
    if with_manual:
        values["ManuallyProcessedAmount"] = sa.bindparam(
            "manual", type_=c.ManuallyProcessedAmount.type
        )
    return (
        sa.update(INT.claim)
        .where(c.ClaimId == sa.bindparam("claim_id"), c.PaymentStatus.is_(None))
        .values(values)
    )


def pay_top_up() -> sa.Update:
    """PROCESSED with the date, if still pending (executemany by top-up)."""
    t = int_top_up.c
    return (
        sa.update(int_top_up)
        .where(
            t.TopUpId == sa.bindparam("top_up_id"),
            ci_equal(t.PaymentStatus, pq.TOP_UP_PENDING),
        )
        .values(
            PaymentStatus=pq.PROCESSED,
            PaymentDate=sa.bindparam("now", type_=t.PaymentDate.type),
        )
    )
