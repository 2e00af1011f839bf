"""The payment run pays every claim exactly once, in one file, wherever it is killed."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal

import attrs
import pytest

from hmpps_workers.core.prison_visits.claims.records import DirectPaymentFile
from hmpps_workers.core.prison_visits.documents.ports import FileStoreUnavailableError
from hmpps_workers.core.prison_visits.payments.model import Payment
from hmpps_workers.core.prison_visits.payments.run import (
    PaymentFileCleanup,
    PaymentFileCleanupError,
    PaymentRun,
)
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.documents import InMemoryFileStore
from hmpps_workers.core.testing.faults import FaultyFileStore, Killed, When
from hmpps_workers.core.testing.payments import FakeJournalWriter, InMemoryPaymentStore
from support.payments import RUN_AT, week_of_payments


@attrs.define
class World:
    store: InMemoryPaymentStore
    bucket: InMemoryFileStore
    files: FaultyFileStore
    journal: FakeJournalWriter
    clock: FakeClock

    def run(self) -> dict[str, int]:
        return PaymentRun(
            store=self.store, files=self.files, journal=self.journal, clock=self.clock
        ).run()

    def paid_lines(self) -> Counter[tuple[str, str]]:
        """(reference, amount) of every line of every uploaded APVU file."""
        found: Counter[tuple[str, str]] = Counter()
        for key, data in self.bucket.files.items():
            if key.startswith("apvu-"):
                body = data.decode().split("\n\n")[0]
                for line in body.splitlines():
                    columns = line.rsplit(",", 2)
                    found[(columns[1], columns[0].split(",")[-2])] += 1
        return found


def expected_lines(payments: list[Payment]) -> Counter[tuple[str, str]]:
    return Counter(
        (p.reference, f"{p.amount:.2f}".rjust(11, "0"))
        for p in payments
        if p.amount > 0 and p.has_bank_details
    )


@pytest.fixture
def world() -> World:
    store = InMemoryPaymentStore()
    unpayable = Payment(
        claim_id=1099, reference="TST1099", approved_total=Decimal("0.00")
    )
    store.seed([*week_of_payments(), unpayable])
    bucket = InMemoryFileStore()
    return World(
        store=store,
        bucket=bucket,
        files=FaultyFileStore(bucket),
        journal=FakeJournalWriter(),
        clock=FakeClock(RUN_AT),
    )


CRASH_POINTS = [
    ("store", "pending_bank_payments", When.BEFORE, 1),
    ("store", "settle_unpayable", When.BEFORE, 1),
    ("store", "settle_unpayable", When.AFTER, 1),
    ("store", "record_batch", When.BEFORE, 1),
    ("store", "record_batch", When.AFTER, 1),
    ("journal", "render", When.BEFORE, 1),
    ("files", "upload", When.BEFORE, 1),
    ("files", "upload", When.AFTER, 1),
    ("files", "upload", When.AFTER, 2),
    ("files", "upload", When.AFTER, 3),
    ("store", "complete_batch", When.BEFORE, 1),
    ("store", "complete_batch", When.AFTER, 1),
]


class TestPaymentRun:
    """Select, record, build, upload, complete; and again after any crash."""

    def test_a_run_pays_each_payment_once_and_records_three_files(self, world):
        """Every payable claim and top-up is in the files; the store lists them."""
        summary = world.run()
        assert expected_lines(week_of_payments()) == world.paid_lines()
        assert (summary) == {
            "resumed": 0,
            "paid": 8,
            "missing_bank_details": 0,
            "settled": 1,
        }
        assert len(world.bucket.files) == 3
        assert sorted(world.bucket.files) == sorted(
            f.filepath for f in world.store.files.values()
        )

    def test_a_second_run_pays_nothing_and_uploads_nothing(self, world):
        """Paid claims are never selected again."""
        world.run()
        before = dict(world.bucket.files)
        world.clock.advance(timedelta(days=1))
        assert world.run()["paid"] == 0
        assert before == world.bucket.files

    def test_the_paid_claims_carry_amount_totals_and_date(self, world):
        """PaymentAmount, TotalAmount and ManuallyProcessedAmount are stored."""
        world.run()
        record = world.store.paid[(1020, None)]
        assert ("PROCESSED", Decimal("50.00"), Decimal("64.10"), Decimal("14.10")) == (
            record.payment_status,
            record.payment_amount,
            record.total_amount,
            record.manually_processed_amount,
        )

    def test_zero_amounts_are_settled_once_and_never_selected_again(self, world):
        """The zero claim is closed with nothing paid, and not in any file."""
        world.run()
        assert Decimal("0.00") == world.store.paid[(1099, None)].payment_amount
        world.clock.advance(timedelta(days=1))
        assert world.run()["settled"] == 0

    def test_a_claim_without_bank_details_waits_and_the_rest_are_paid(self, world):
        """It is paid by a later run once the details are there."""
        missing = attrs.evolve(week_of_payments()[0], account_number=None)
        world.store.pending[(missing.claim_id, None)] = missing
        assert world.run()["missing_bank_details"] == 1
        assert (missing.claim_id, None) not in world.store.paid
        world.store.pending[(missing.claim_id, None)] = week_of_payments()[0]
        world.clock.advance(timedelta(days=1))
        assert world.run()["paid"] == 1
        assert expected_lines(week_of_payments()) == world.paid_lines()

    @pytest.mark.parametrize(
        ("target", "call", "when", "nth"),
        CRASH_POINTS,
        ids=[f"{c}-{w}-{n}" for _, c, w, n in CRASH_POINTS],
    )
    def test_a_run_killed_at_any_step_then_rerun_pays_each_claim_exactly_once(
        self, world, target, call, when, nth
    ):
        """Killed, then run again at once with a new claim waiting: one line each."""
        getattr(world, target).faults.arm(call, when, nth=nth)
        with pytest.raises(Killed):
            world.run()
        newcomer = attrs.evolve(
            week_of_payments()[0], claim_id=2001, reference="TST2001"
        )
        world.store.seed([newcomer])
        world.run()
        world.clock.advance(timedelta(days=1))
        third = world.run()
        assert expected_lines([*week_of_payments(), newcomer]) == world.paid_lines()
        assert world.store.open_batch() is None
        assert (third["paid"], third["resumed"]) == (0, 0)
        assert sorted(world.bucket.files) == sorted(
            f.filepath for f in world.store.files.values()
        )


def payment_file(file_id: int, age: timedelta) -> DirectPaymentFile:
    return DirectPaymentFile(
        payment_file_id=file_id,
        file_type="ACCESSPAY_FILE",
        filepath=f"apvs-payments-{file_id}.txt",
        date_created=RUN_AT - age,
    )


class TestPaymentFileCleanup:
    """Old payment files leave S3 first, then their rows are disabled."""

    def cleanup(self, world) -> PaymentFileCleanup:
        return PaymentFileCleanup(
            store=world.store,
            files=world.files,
            clock=world.clock,
            keep_for=timedelta(days=28),
        )

    def test_files_older_than_the_cutoff_are_deleted_and_disabled(self, world):
        """A file exactly 28 days old stays; one a second older goes."""
        for file_id, age in (
            (1, timedelta(days=28)),
            (2, timedelta(days=28, seconds=1)),
        ):
            world.store.add_payment_file(payment_file(file_id, age))
            world.bucket.upload(f"apvs-payments-{file_id}.txt", b"x")
        assert self.cleanup(world).run() == {"deleted": 1}
        assert sorted(world.bucket.files) == ["apvs-payments-1.txt"]
        assert [f.is_enabled for f in world.store.files.values()] == [True, False]

    def test_a_failed_delete_keeps_the_row_for_next_time_and_the_rest_go(self, world):
        """The job reports the failure; the next run finishes the job."""
        for file_id in (1, 2):
            world.store.add_payment_file(payment_file(file_id, timedelta(days=40)))
            world.bucket.upload(f"apvs-payments-{file_id}.txt", b"x")
        world.bucket.failures.add(FileStoreUnavailableError())
        with pytest.raises(PaymentFileCleanupError):
            self.cleanup(world).run()
        assert [f.is_enabled for f in world.store.files.values()] == [True, False]
        assert self.cleanup(world).run() == {"deleted": 1}
        assert world.bucket.files == {}

    def test_killed_between_delete_and_disable_the_rerun_finishes(self, world):
        """Deleting a missing file is fine, so the rerun disables the row."""
        world.store.add_payment_file(payment_file(1, timedelta(days=40)))
        world.bucket.upload("apvs-payments-1.txt", b"x")
        world.files.faults.arm("delete", When.AFTER)
        with pytest.raises(Killed):
            self.cleanup(world).run()
        assert self.cleanup(world).run() == {"deleted": 1}
        assert [f.is_enabled for f in world.store.files.values()] == [False]
