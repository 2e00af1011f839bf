"""The payment run: pay every approved claim exactly once, whenever it is killed.

Recording the batch (which reserves its claims and top-ups under fixed file names)
comes before anything leaves the building. Every later step can be repeated: the
files are rebuilt from the recorded batch with the same names, uploads overwrite,
and completing marks the claims paid in one transaction. A run first finishes any
batch a killed run left open, so each payment lands in exactly one file.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.errors import WorkerError
from hmpps_workers.core.prison_visits.documents.ports import FileStore
from hmpps_workers.core.prison_visits.payments.files import (
    accesspay_file,
    apvu_accesspay_file,
)
from hmpps_workers.core.prison_visits.payments.model import (
    Payment,
    PaymentBatch,
    PaymentFileType,
    plan_payments,
)
from hmpps_workers.core.prison_visits.payments.ports import (
    JournalWriter,
    PaymentFileNameTakenError,
    PaymentStore,
)
from hmpps_workers.core.progress import NoProgress, Progress

log = logging.getLogger(__name__)

MAX_NAME_ATTEMPTS = 60


class PaymentFileCleanupError(WorkerError):
    """Some old payment files could not be deleted; they are retried next run."""


def build_files(batch: PaymentBatch, journal: JournalWriter) -> dict[str, bytes]:
    """The three files of a batch, by S3 key, in upload order."""
    names = batch.file_names
    return {
        names[PaymentFileType.ACCESSPAY]: accesspay_file(batch.payments),
        names[PaymentFileType.APVU_ACCESSPAY]: apvu_accesspay_file(batch.payments),
        names[PaymentFileType.ADI_JOURNAL]: journal.render(
            total=batch.total, at=batch.created
        ),
    }


def _ids(payments: tuple[Payment, ...]) -> str:
    return ", ".join(p.describe() for p in payments)


@attrs.define(kw_only=True)
class PaymentRun:
    """Direct (bank) payments: plan, record, upload, complete; resumable at any step."""

    store: PaymentStore
    files: FileStore
    journal: JournalWriter
    clock: Clock
    progress: Progress = attrs.field(factory=NoProgress)

    def run(self) -> dict[str, int]:
        """Finish any open batch, then pay what is pending; return counts."""
        summary = {"resumed": 0, "paid": 0, "missing_bank_details": 0, "settled": 0}
        open_batch = self.store.open_batch()
        if open_batch is not None:
            log.warning(
                "finishing a payment batch a previous run left open",
                extra={
                    "batch": open_batch.batch_id,
                    "payments": len(open_batch.payments),
                },
            )
            self._deliver(open_batch)
            summary["resumed"] = len(open_batch.payments)
        plan = plan_payments(list(self.store.pending_bank_payments()))
        if plan.missing_bank_details:
            log.warning(
                "payments held back: sort code or account number missing",
                extra={"payments": _ids(plan.missing_bank_details)},
            )
            summary["missing_bank_details"] = len(plan.missing_bank_details)
        if plan.not_payable:
            log.warning(
                "payments of zero or less settled without paying",
                extra={"payments": _ids(plan.not_payable)},
            )
            self.store.settle_unpayable(plan.not_payable, now=self.clock.now())
            summary["settled"] = len(plan.not_payable)
        if plan.payable:
            batch = self._record(plan.payable)
            self._deliver(batch)
            summary["paid"] = len(batch.payments)
        else:
            log.info("no bank payments due")
        return summary

    def _record(self, payments: tuple[Payment, ...]) -> PaymentBatch:
        created = self.clock.now().replace(microsecond=0)
        for _ in range(MAX_NAME_ATTEMPTS):
            try:
                batch = self.store.record_batch(
                    PaymentBatch(created=created, payments=payments)
                )
            except PaymentFileNameTakenError:
                # a batch finished within the same second: names must stay unique
                created += timedelta(seconds=1)
                continue
            log.info(
                "payment batch recorded",
                extra={"batch": batch.batch_id, "payments": len(batch.payments)},
            )
            return batch
        raise PaymentFileNameTakenError

    def _deliver(self, batch: PaymentBatch) -> None:
        files = build_files(batch, self.journal)
        self.progress.start("uploading payment files", len(files))
        for key, data in files.items():
            self.files.upload(key, data)
            self.progress.advance()
        self.progress.finish()
        self.store.complete_batch(batch, now=self.clock.now())
        log.info(
            "payment batch complete",
            extra={
                "batch": batch.batch_id,
                "payments": len(batch.payments),
                "files": ", ".join(files),
            },
        )


@attrs.define(kw_only=True)
class PaymentFileCleanup:
    """Delete payment files older than `keep_for` from S3, then disable their rows."""

    store: PaymentStore
    files: FileStore
    clock: Clock
    keep_for: timedelta

    def run(self, *, now: datetime | None = None) -> dict[str, int]:
        """Delete each expired file; a failed delete leaves its row for the next run."""
        cutoff = (now or self.clock.now()) - self.keep_for
        expired = self.store.payment_files_created_before(cutoff)
        deleted = failed = 0
        for payment_file in expired:
            try:
                self.files.delete(payment_file.filepath)
            except WorkerError as error:
                failed += 1
                log.warning(
                    "payment file not deleted",
                    extra={
                        "payment_file": payment_file.payment_file_id,
                        "reason": type(error).__name__,
                    },
                )
                continue
            if payment_file.payment_file_id is not None:
                self.store.disable_payment_file(payment_file.payment_file_id)
            deleted += 1
        if failed:
            raise PaymentFileCleanupError(
                f"{failed} of {len(expired)} old payment files not deleted;"
                " they are retried next run"
            )
        return {"deleted": deleted}
