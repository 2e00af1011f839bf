"""SqlPaymentStore: the PaymentStore port on IntSchema, with batches that reserve.

Recording a batch and completing it are one transaction each; completing first
closes the batch row, so of two runners completing the same batch one does the work
and the other finds nothing to do. `checkpoint` names the points a crash test may
stop the process at (it does nothing in production).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.prison_visits import batch_queries as bq
from hmpps_workers.adapters.sql.prison_visits import payment_queries as pq
from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_row
from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_direct_payment_file,
)
from hmpps_workers.adapters.sql.prison_visits.rows import from_row
from hmpps_workers.core.clock import require_aware
from hmpps_workers.core.prison_visits.claims.records import DirectPaymentFile
from hmpps_workers.core.prison_visits.payments.model import Payment, PaymentBatch
from hmpps_workers.core.prison_visits.payments.ports import (
    PaymentAlreadyBatchedError,
    PaymentFileNameTakenError,
)

ZERO = Decimal("0.00")
BATCH_RECORDED = "batch-recorded"
HALF_MARKED = "half-marked"


def _no_checkpoint(point: str) -> None:
    del point


def _bank(row: Any) -> dict[str, Any]:  # noqa: ANN401 - a result row
    return {
        "reference": row.Reference,
        "sort_code": row.SortCode,
        "account_number": row.AccountNumber,
        "name_on_account": row.NameOnAccount,
        "roll_number": row.RollNumber,
        "country": row.Country,
    }


def _claim_payment(row: Any) -> Payment:  # noqa: ANN401
    return Payment(
        claim_id=row.ClaimId,
        approved_total=row.TotalApprovedCost or ZERO,
        deduction_total=row.TotalDeductionAmount or ZERO,
        manually_processed_total=row.ManuallyProcessedCost or ZERO,
        **_bank(row),
    )


def _top_up_payment(row: Any) -> Payment:  # noqa: ANN401
    return Payment(
        claim_id=row.ClaimId,
        top_up_id=row.TopUpId,
        approved_total=row.TopUpAmount,
        **_bank(row),
    )


def _line(batch_id: int, payment: Payment) -> dict[str, Any]:
    return {
        "PaymentBatchId": batch_id,
        "ClaimId": payment.claim_id,
        "TopUpId": payment.top_up_id,
        "ApprovedTotal": payment.approved_total,
        "DeductionTotal": payment.deduction_total,
        "ManuallyProcessedTotal": payment.manually_processed_total,
    }


@attrs.define
class SqlPaymentStore:
    """Pending bank payments, batches and DirectPaymentFile rows in IntSchema."""

    engine: sa.Engine
    checkpoint: Callable[[str], None] = _no_checkpoint

    def pending_bank_payments(self) -> Sequence[Payment]:
        """Unreserved bank claims (by claim id), then top-ups (by top-up id)."""
        with translate_errors("select payments due"), self.engine.connect() as c:
            claims = [_claim_payment(r) for r in c.execute(bq.unreserved_claims_due())]
            top_ups = [
                _top_up_payment(r) for r in c.execute(bq.unreserved_top_ups_due())
            ]
        return claims + top_ups

    def settle_unpayable(self, payments: Sequence[Payment], *, now: datetime) -> None:
        """PROCESSED with nothing paid; already processed rows are left alone."""
        now = require_aware(now)
        claims = [p for p in payments if not p.is_top_up]
        top_ups = [p for p in payments if p.is_top_up]
        with translate_errors("settle payments"), self.engine.begin() as c:
            self._pay(c, claims, now=now, amount=lambda _: ZERO)
            self._pay_top_ups(c, top_ups, now=now)

    def open_batch(self) -> PaymentBatch | None:
        """The oldest open batch, its lines joined to today's bank details."""
        with translate_errors("read an open batch"), self.engine.connect() as c:
            head = c.execute(bq.oldest_open_batch()).first()
            if head is None:
                return None
            rows = c.execute(bq.batch_lines(head.PaymentBatchId)).all()
        payments = tuple(
            Payment(
                claim_id=row.ClaimId,
                top_up_id=row.TopUpId,
                approved_total=row.ApprovedTotal,
                deduction_total=row.DeductionTotal,
                manually_processed_total=row.ManuallyProcessedTotal,
                **_bank(row),
            )
            for row in rows
        )
        return PaymentBatch(
            created=head.DateCreated, payments=payments, batch_id=head.PaymentBatchId
        )

    def record_batch(self, batch: PaymentBatch) -> PaymentBatch:
        """Insert the batch and its lines, refusing taken names or reservations."""
        claim_ids = list(batch.claim_ids)
        top_up_ids = list(batch.top_up_ids)
        with translate_errors("record a payment batch"), self.engine.begin() as c:
            if c.execute(bq.batch_by_stamp(batch.stamp)).first() is not None:
                raise PaymentFileNameTakenError
            for chunk in bq.chunks(claim_ids):
                if c.execute(bq.reserved_claims(list(chunk))).first() is not None:
                    raise PaymentAlreadyBatchedError
            for chunk in bq.chunks(top_up_ids):
                if c.execute(bq.reserved_top_ups(list(chunk))).first() is not None:
                    raise PaymentAlreadyBatchedError
            try:
                batch_id = int(
                    c.execute(
                        bq.insert_batch(stamp=batch.stamp, created=batch.created)
                    ).scalar_one()
                )
                c.execute(
                    bq.insert_lines(), [_line(batch_id, p) for p in batch.payments]
                )
            except sa.exc.IntegrityError:
                # another runner reserved the same name or payments meanwhile
                raise PaymentAlreadyBatchedError from None
        self.checkpoint(BATCH_RECORDED)
        return attrs.evolve(batch, batch_id=batch_id)

    def complete_batch(self, batch: PaymentBatch, *, now: datetime) -> None:
        """Close the batch, mark its payments and list its files, atomically."""
        if batch.batch_id is None:
            raise PaymentAlreadyBatchedError("no such payment batch is recorded")
        now = require_aware(now)
        claims = [p for p in batch.payments if not p.is_top_up]
        top_ups = [p for p in batch.payments if p.is_top_up]
        half = len(claims) // 2
        with translate_errors("complete a payment batch"), self.engine.begin() as c:
            if not c.execute(bq.close_batch(batch.batch_id, now=now)).rowcount:
                return
            self._pay(c, claims[:half], now=now, amount=lambda p: p.amount)
            self.checkpoint(HALF_MARKED)
            self._pay(c, claims[half:], now=now, amount=lambda p: p.amount)
            self._pay_top_ups(c, top_ups, now=now)
            for kind, name in batch.file_names.items():
                row = DirectPaymentFile(
                    payment_file_id=None,
                    file_type=kind.value,
                    filepath=name,
                    date_created=now,
                    is_enabled=True,
                )
                insert_row(c, int_direct_payment_file, row, keep_id=False)

    @staticmethod
    def _pay(
        c: sa.Connection,
        claims: Sequence[Payment],
        *,
        now: datetime,
        amount: Callable[[Payment], Decimal],
    ) -> None:
        for with_manual in (False, True):
            rows = [
                {
                    "claim_id": p.claim_id,
                    "amount": amount(p),
                    "total": p.total_amount,
                    "manual": p.manually_processed_total,
                    "now": now,
                }
                for p in claims
                if bool(p.manually_processed_total) == with_manual
            ]
            if rows:
                c.execute(bq.pay_claims(with_manual=with_manual), rows)

    @staticmethod
    def _pay_top_ups(
        c: sa.Connection, top_ups: Sequence[Payment], *, now: datetime
    ) -> None:
        rows = [{"top_up_id": p.top_up_id, "now": now} for p in top_ups]
        if rows:
            c.execute(bq.pay_top_up(), rows)

    def payment_files_created_before(
        self, cutoff: datetime
    ) -> Sequence[DirectPaymentFile]:
        """Enabled rows older than the cutoff, oldest first."""
        with translate_errors("select old payment files"), self.engine.connect() as c:
            rows = c.execute(pq.payment_files_created_before(cutoff))
            found = [from_row(DirectPaymentFile, row) for row in rows]
        return sorted(found, key=lambda f: (f.date_created, f.payment_file_id or 0))

    def disable_payment_file(self, payment_file_id: int) -> None:
        """Set IsEnabled off for one row."""
        with translate_errors("disable a payment file"), self.engine.begin() as c:
            c.execute(pq.disable_payment_files([payment_file_id]))
