"""What the payment run needs from the claims database and from a journal writer."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from hmpps_workers.core.errors import PermanentError
from hmpps_workers.core.prison_visits.claims.records import DirectPaymentFile
from hmpps_workers.core.prison_visits.payments.model import Payment, PaymentBatch


class PaymentFileNameTakenError(PermanentError):
    """A payment batch with these file names is already recorded."""


class PaymentAlreadyBatchedError(PermanentError):
    """A claim or top-up in this batch is already in another batch."""


class PaymentStore(Protocol):
    """Payments pending, batches reserving them, and the DirectPaymentFile rows.

    Every method is one transaction. A payment is *reserved* from the moment its batch
    is recorded, and is never selected again, whether or not the batch is complete.
    """

    def pending_bank_payments(self) -> Sequence[Payment]:
        """Claims (§8.1) and top-ups (§8.2) to pay by bank, in any order.

        Claims: approved (or with a DateApproved), PaymentMethod `bank`, PaymentStatus
        NULL, with their approved-expense, enabled-deduction and manually-processed
        totals. Top-ups: PaymentStatus `PENDING` and PaymentDate NULL, one row each.
        Both exclude anything reserved by a batch.
        """
        ...

    def settle_unpayable(self, payments: Sequence[Payment], *, now: datetime) -> None:
        """Close payments whose amount is zero or less, so they are not selected again.

        Claims: PaymentStatus `PROCESSED`, PaymentAmount 0, PaymentDate now, and
        TotalAmount and ManuallyProcessedAmount stored. Top-ups: PaymentStatus
        `PROCESSED`, PaymentDate now. Settling twice changes nothing.
        """
        ...

    def open_batch(self) -> PaymentBatch | None:
        """The oldest batch not yet completed, with its payments as recorded."""
        ...

    def record_batch(self, batch: PaymentBatch) -> PaymentBatch:
        """Reserve the batch's payments under its file names; return it with its id.

        Raises PaymentFileNameTakenError if another batch has the same file names, and
        PaymentAlreadyBatchedError if any payment is already reserved; then nothing is
        recorded.
        """
        ...

    def complete_batch(self, batch: PaymentBatch, *, now: datetime) -> None:
        """Mark the batch paid, atomically; completing a completed batch does nothing.

        Claims: PaymentStatus `PROCESSED`, PaymentAmount, PaymentDate now, TotalAmount
        and ManuallyProcessedAmount. Top-ups (by TopUpId): `PROCESSED`, PaymentDate
        now. One enabled DirectPaymentFile row per file, DateCreated now.
        """
        ...

    def payment_files_created_before(
        self, cutoff: datetime
    ) -> Sequence[DirectPaymentFile]:
        """Enabled DirectPaymentFile rows created before `cutoff`, oldest first."""
        ...

    def disable_payment_file(self, payment_file_id: int) -> None:
        """Set IsEnabled off for one DirectPaymentFile row."""
        ...


class JournalWriter(Protocol):
    """Renders the ADI journal workbook (§8.5)."""

    def render(self, *, total: Decimal, at: datetime) -> bytes:
        """The workbook for a run at `at` paying `total`; same inputs, same bytes."""
        ...
