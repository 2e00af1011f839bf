"""An in-memory payment store that reserves, completes and refuses like the real one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

import attrs

from hmpps_workers.core.clock import require_aware
from hmpps_workers.core.prison_visits.claims.records import DirectPaymentFile
from hmpps_workers.core.prison_visits.payments.model import Payment, PaymentBatch
from hmpps_workers.core.prison_visits.payments.ports import (
    PaymentAlreadyBatchedError,
    PaymentFileNameTakenError,
)
from hmpps_workers.core.testing.faults import Faults, When

PROCESSED = "PROCESSED"
Key = tuple[int, int | None]


@attrs.frozen(kw_only=True)
class PaidRecord:
    """What the store wrote on a claim or top-up when it was paid or settled."""

    payment_status: str
    payment_date: datetime
    payment_amount: Decimal | None = None
    total_amount: Decimal | None = None
    manually_processed_amount: Decimal | None = None


def _key(payment: Payment) -> Key:
    return (payment.claim_id, payment.top_up_id)


@attrs.define
class InMemoryPaymentStore:
    """Pending payments, batches and payment files in dictionaries; inspect `paid`."""

    pending: dict[Key, Payment] = attrs.field(factory=dict)
    paid: dict[Key, PaidRecord] = attrs.field(factory=dict)
    batches: dict[int, PaymentBatch] = attrs.field(factory=dict)
    completed: set[int] = attrs.field(factory=set)
    files: dict[int, DirectPaymentFile] = attrs.field(factory=dict)
    faults: Faults = attrs.field(factory=Faults)

    def seed(self, payments: Sequence[Payment]) -> None:
        """Add claims and top-ups awaiting payment."""
        for payment in payments:
            self.pending[_key(payment)] = payment

    def add_payment_file(self, payment_file: DirectPaymentFile) -> int:
        """Add a DirectPaymentFile row directly (for clean-up tests); returns its id."""
        file_id = len(self.files) + 1
        self.files[file_id] = attrs.evolve(payment_file, payment_file_id=file_id)
        return file_id

    def _reserved(self) -> set[Key]:
        return {_key(p) for b in self.batches.values() for p in b.payments}

    def pending_bank_payments(self) -> Sequence[Payment]:
        """Pending payments neither paid nor reserved."""
        self.faults.check("pending_bank_payments", When.BEFORE)
        reserved = self._reserved()
        return [
            p
            for key, p in self.pending.items()
            if key not in reserved and key not in self.paid
        ]

    def _mark(self, payment: Payment, now: datetime, *, amount: Decimal) -> None:
        top_up = payment.is_top_up
        self.paid[_key(payment)] = PaidRecord(
            payment_status=PROCESSED,
            payment_date=require_aware(now),
            payment_amount=None if top_up else amount,
            total_amount=None if top_up else payment.total_amount,
            manually_processed_amount=(
                None if top_up else payment.manually_processed_total
            ),
        )

    def settle_unpayable(self, payments: Sequence[Payment], *, now: datetime) -> None:
        """Mark each as processed with nothing paid, keeping any earlier record."""
        self.faults.check("settle_unpayable", When.BEFORE)
        for payment in payments:
            if _key(payment) not in self.paid:
                self._mark(payment, now, amount=Decimal("0.00"))
        self.faults.check("settle_unpayable", When.AFTER)

    def open_batch(self) -> PaymentBatch | None:
        """The oldest batch not yet completed."""
        self.faults.check("open_batch", When.BEFORE)
        waiting = sorted(set(self.batches) - self.completed)
        return self.batches[waiting[0]] if waiting else None

    def record_batch(self, batch: PaymentBatch) -> PaymentBatch:
        """Reserve the payments, refusing taken names and reserved payments."""
        self.faults.check("record_batch", When.BEFORE)
        names = set(batch.file_names.values())
        if any(names & set(b.file_names.values()) for b in self.batches.values()):
            raise PaymentFileNameTakenError
        taken = self._reserved() | set(self.paid)
        if any(_key(p) in taken for p in batch.payments):
            raise PaymentAlreadyBatchedError
        recorded = attrs.evolve(batch, batch_id=len(self.batches) + 1)
        self.batches[recorded.batch_id or 0] = recorded
        self.faults.check("record_batch", When.AFTER)
        return recorded

    def complete_batch(self, batch: PaymentBatch, *, now: datetime) -> None:
        """Mark every payment and add the file rows, all or nothing."""
        self.faults.check("complete_batch", When.BEFORE)
        if batch.batch_id is None or batch.batch_id not in self.batches:
            raise PaymentAlreadyBatchedError("no such payment batch is recorded")
        if batch.batch_id in self.completed:
            return
        recorded = self.batches[batch.batch_id]
        for payment in recorded.payments:
            self._mark(payment, now, amount=payment.amount)
        for kind, name in recorded.file_names.items():
            self.add_payment_file(
                DirectPaymentFile(
                    payment_file_id=None,
                    file_type=kind.value,
                    filepath=name,
                    date_created=require_aware(now),
                    is_enabled=True,
                )
            )
        self.completed.add(batch.batch_id)
        self.faults.check("complete_batch", When.AFTER)

    def payment_files_created_before(
        self, cutoff: datetime
    ) -> Sequence[DirectPaymentFile]:
        """Enabled rows older than `cutoff`, oldest first."""
        self.faults.check("payment_files_created_before", When.BEFORE)
        found = [
            f for f in self.files.values() if f.is_enabled and f.date_created < cutoff
        ]
        return sorted(found, key=lambda f: (f.date_created, f.payment_file_id or 0))

    def disable_payment_file(self, payment_file_id: int) -> None:
        """Switch one row off."""
        self.faults.check("disable_payment_file", When.BEFORE)
        self.files[payment_file_id] = attrs.evolve(
            self.files[payment_file_id], is_enabled=False
        )


@attrs.define
class FakeJournalWriter:
    """Renders a small text stand-in for the ADI workbook; can be made to fail."""

    faults: Faults = attrs.field(factory=Faults)

    def render(self, *, total: Decimal, at: datetime) -> bytes:
        """The same total and instant always give the same bytes."""
        self.faults.check("render", When.BEFORE)
        return f"ADI journal {require_aware(at).isoformat()} total {total}\n".encode()
