"""The daily jobs at the edges of their thresholds, late, and failing one by one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import attrs
import pytest

from hmpps_workers.core.errors import RetryableError
from hmpps_workers.core.jobs import run_jobs
from hmpps_workers.core.prison_visits.claims.model import Claim, ClaimExpense
from hmpps_workers.core.prison_visits.daily.jobs import DailyJobError, DailyJobs
from hmpps_workers.core.prison_visits.daily.ports import ExternalClaimKey
from hmpps_workers.core.prison_visits.daily.rules import REJECTION_NOTE
from hmpps_workers.core.prison_visits.documents.ports import FileStoreUnavailableError
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.daily import (
    ExternalClaim,
    InMemoryDailyJobStore,
    InMemoryJobHistory,
)
from hmpps_workers.core.testing.documents import InMemoryFileStore
from hmpps_workers.core.testing.faults import Killed


class ArchiveUnavailableError(RetryableError):
    """The archive database is unreachable."""


RUN = datetime(2026, 3, 10, 4, 30, tzinfo=UTC)  # GMT, so UK midnight is 00:00 UTC
MIDNIGHT = datetime(2026, 3, 10, tzinfo=UTC)


def claim(claim_id: int, **fields) -> Claim:
    values = {
        "claim_id": claim_id,
        "eligibility_id": claim_id,
        "reference": f"REF{claim_id:04d}",
        "status": "APPROVED",
        "date_of_journey": MIDNIGHT - timedelta(days=1),
        "date_created": MIDNIGHT - timedelta(days=40),
    }
    values.update(fields)
    return Claim(**values)


@attrs.define
class Daily:
    store: InMemoryDailyJobStore
    history: InMemoryJobHistory
    bucket: InMemoryFileStore
    clock: FakeClock

    @property
    def jobs(self) -> DailyJobs:
        return DailyJobs(
            store=self.store, history=self.history, files=self.bucket, clock=self.clock
        )

    def queued(self, kind: str) -> list[tuple[int | None, str | None]]:
        return [
            (t.claim_id, t.additional_data) for t in self.store.tasks if t.task == kind
        ]


@pytest.fixture
def daily() -> Daily:
    return Daily(
        InMemoryDailyJobStore(),
        InMemoryJobHistory(),
        InMemoryFileStore(),
        FakeClock(RUN),
    )


ADVANCE = "ADVANCE-CLAIM-EVIDENCE-REMINDER-NOTIFICATION"


class TestAdvanceEvidenceReminders:
    """First reminder a day after the journey, second after seven."""

    def test_journeys_yesterday_and_a_week_ago_get_first_and_second(self, daily):
        """Journeys at the very start and very end of each due day are included."""
        daily.store.add_claim(claim(1, is_advance_claim=True))
        daily.store.add_claim(
            claim(
                2,
                is_advance_claim=True,
                date_of_journey=MIDNIGHT - timedelta(days=6, microseconds=1),
            )
        )
        daily.store.add_claim(
            claim(3, is_advance_claim=True, date_of_journey=MIDNIGHT)
        )  # today: not yet due
        daily.store.add_claim(claim(4, is_advance_claim=False))
        daily.jobs.advance_claim_evidence_reminders()
        assert daily.queued(ADVANCE) == [
            (1, "visitor@example.com~~firstReminder"),
            (2, "visitor@example.com~~secondReminder"),
        ]

    def test_a_run_after_missed_days_catches_up_without_sending_twice(self, daily):
        """Three days late, the missed first reminder goes; a rerun sends nothing."""
        daily.history.record_success(
            "advance-claim-evidence-reminders", RUN - timedelta(days=3)
        )
        daily.store.add_claim(
            claim(
                1, is_advance_claim=True, date_of_journey=MIDNIGHT - timedelta(days=3)
            )
        )
        daily.jobs.advance_claim_evidence_reminders()
        daily.jobs.advance_claim_evidence_reminders()
        assert daily.queued(ADVANCE) == [(1, "visitor@example.com~~firstReminder")]

    def test_killed_half_way_a_rerun_sends_the_rest_once(self, daily):
        """Already queued reminders are skipped; success is recorded only at the end."""
        for claim_id in (1, 2):
            daily.store.add_claim(claim(claim_id, is_advance_claim=True))
        daily.store.faults.arm("enqueue_task", nth=2)
        with pytest.raises(Killed):
            daily.jobs.advance_claim_evidence_reminders()
        assert daily.history.last_success("advance-claim-evidence-reminders") is None
        daily.jobs.advance_claim_evidence_reminders()
        assert sorted(daily.queued(ADVANCE)) == [
            (1, "visitor@example.com~~firstReminder"),
            (2, "visitor@example.com~~firstReminder"),
        ]


class TestRequestInformationReminders:
    """Claims waiting on the claimant for 35 days get one reminder."""

    def test_updated_before_the_cutoff_is_reminded_and_at_the_cutoff_is_not(
        self, daily
    ):
        """LastUpdated strictly before UK midnight 35 days ago."""
        cutoff = MIDNIGHT - timedelta(days=35)
        daily.store.add_claim(
            claim(1, status="PENDING", last_updated=cutoff - timedelta(seconds=1))
        )
        daily.store.add_claim(claim(2, status="PENDING", last_updated=cutoff))
        daily.store.add_claim(
            claim(3, status="REQUEST-INFO-PAYMENT", last_updated=cutoff - timedelta(1))
        )
        daily.store.add_claim(
            claim(
                4,
                status="PENDING",
                last_updated=cutoff - timedelta(1),
                reminder_sent=True,
            )
        )
        daily.store.add_claim(
            claim(5, status="NEW", last_updated=cutoff - timedelta(1))
        )
        daily.jobs.request_information_reminders()
        daily.jobs.request_information_reminders()
        kind = "SEND-REQUEST-INFORMATION-REMINDER-NOTIFICATION"
        assert [c for c, _ in daily.queued(kind)] == [1, 3]


class TestOverpayments:
    """Advance claims ten days past the journey with no evidence are overpaid."""

    def test_journey_exactly_ten_days_ago_is_marked_and_a_second_later_is_not(
        self, daily
    ):
        """The amount is the enabled approved costs; the reason names the days."""
        cutoff = RUN - timedelta(days=10)
        daily.store.add_claim(claim(1, is_advance_claim=True, date_of_journey=cutoff))
        daily.store.add_claim(
            claim(
                2, is_advance_claim=True, date_of_journey=cutoff + timedelta(seconds=1)
            )
        )
        for expense_id, cost, enabled in ((1, "12.50", True), (2, "99.00", False)):
            daily.store.expenses.append(
                ClaimExpense(
                    claim_expense_id=expense_id,
                    eligibility_id=1,
                    claim_id=1,
                    reference="REF0001",
                    expense_type="bus",
                    cost=Decimal(cost),
                    approved_cost=Decimal(cost),
                    is_enabled=enabled,
                )
            )
        assert daily.jobs.mark_overpayments() == {"selected": 1, "done": 1}
        marked = daily.store.claims[1]
        assert (True, Decimal("12.50"), "Evidence not uploaded within 10 days") == (
            marked.is_overpaid,
            marked.remaining_overpayment_amount,
            marked.overpayment_reason,
        )
        assert daily.jobs.mark_overpayments() == {"selected": 0, "done": 0}


class TestExternalDataCleanUp:
    """Old External data goes from S3 first, then from the database."""

    def external(self, daily, claim_id, eligibility_id, age_days, documents=()):
        key = ExternalClaimKey(
            reference=f"REF{eligibility_id:04d}",
            eligibility_id=eligibility_id,
            claim_id=claim_id,
        )
        daily.store.external.append(
            ExternalClaim(
                key=key,
                date_created=RUN - timedelta(days=age_days),
                documents=tuple(documents),
            )
        )
        for path in documents:
            daily.bucket.upload(path, b"%PDF")
        return key

    def test_an_eligibility_without_a_claim_removes_only_its_own_documents(self, daily):
        """The original's bug deleted every applicant's eligibility-level documents."""
        self.external(daily, None, 1, 31)
        daily.store.eligibility_documents = {
            1: ("e1/benefit.pdf",),
            2: ("e2/benefit.pdf",),
        }
        daily.bucket.upload("e1/benefit.pdf", b"%PDF")
        daily.bucket.upload("e2/benefit.pdf", b"%PDF")
        daily.jobs.clean_up_external_data()
        assert daily.store.eligibility_documents == {2: ("e2/benefit.pdf",)}
        assert sorted(daily.bucket.files) == ["e2/benefit.pdf"]

    def test_exactly_thirty_days_old_stays_and_older_goes(self, daily):
        """Created before now minus 30 days."""
        self.external(daily, 10, 1, 31, ["c10/receipt.pdf"])
        kept = self.external(daily, 11, 2, 30, ["c11/receipt.pdf"])
        daily.jobs.clean_up_external_data()
        assert [e.key for e in daily.store.external] == [kept]
        assert sorted(daily.bucket.files) == ["c11/receipt.pdf"]

    def test_a_claim_still_being_completed_is_kept(self, daily):
        """An unfinished COMPLETE-CLAIM task protects the claim."""
        self.external(daily, 10, 1, 45, ["c10/receipt.pdf"])
        daily.store.unfinished_complete_claims.add(10)
        daily.jobs.clean_up_external_data()
        assert len(daily.store.external) == 1

    def test_a_failed_s3_delete_keeps_the_rows_and_fails_the_job(self, daily):
        """The rows stay so the next run deletes the file; the others go."""
        self.external(daily, 10, 1, 45, ["c10/receipt.pdf"])
        kept = self.external(daily, 11, 2, 45, ["c11/receipt.pdf"])
        daily.bucket.failures.add(FileStoreUnavailableError(), times=1)
        with pytest.raises(DailyJobError):
            daily.jobs.clean_up_external_data()
        assert [e.key.claim_id for e in daily.store.external] == [10]
        assert kept not in [e.key for e in daily.store.external]
        daily.jobs.clean_up_external_data()
        assert daily.store.external == []
        assert daily.bucket.files == {}


class TestAutoRejection:
    """A week after the final reminder, a claim still waiting is rejected."""

    def test_reminded_before_the_cutoff_is_rejected_with_event_and_email(self, daily):
        """The event, status and email come together; at the cutoff, not yet."""
        cutoff = MIDNIGHT - timedelta(days=7)
        daily.store.add_claim(
            claim(
                1,
                status="REQUEST-INFORMATION",
                reminder_sent=True,
                date_reminder_sent=cutoff - timedelta(seconds=1),
            )
        )
        daily.store.add_claim(
            claim(2, status="PENDING", reminder_sent=True, date_reminder_sent=cutoff)
        )
        daily.jobs.auto_reject_claims()
        daily.jobs.auto_reject_claims()
        assert daily.store.claims[1].status == "REJECTED"
        assert daily.store.claims[2].status == "PENDING"
        assert [(e.claim_id, e.note, e.is_internal) for e in daily.store.events] == [
            (1, REJECTION_NOTE, False)
        ]
        assert daily.queued("REJECT-CLAIM-NOTIFICATION") == [(1, "visitor@example.com")]


class TestArchiving:
    """Claims reviewed more than a year ago move to the archive."""

    def test_reviewed_before_the_cutoff_is_archived_and_one_failure_does_not_stop_the_rest(
        self, daily
    ):
        """The failed claim stays for the next run; the job reports the failure."""
        old = RUN - timedelta(days=366)
        for claim_id in (1, 2, 3):
            daily.store.add_claim(claim(claim_id, date_reviewed=old))
        daily.store.add_claim(claim(4, date_reviewed=RUN - timedelta(days=365)))
        daily.store.faults.arm("archive_claim", nth=1, error=ArchiveUnavailableError())
        with pytest.raises(DailyJobError, match="1 of 3 failed"):
            daily.jobs.archive_old_claims()
        assert daily.store.archived == [2, 3]
        daily.jobs.archive_old_claims()
        assert daily.store.archived == [2, 3, 1]
        assert list(daily.store.claims) == [4]


class TestDailyRunner:
    """Every job runs even when another fails, and the report names the failure."""

    def test_a_failing_job_does_not_stop_the_others(self, daily):
        """The archive fails; the reminders still go and the report says which."""
        daily.store.add_claim(
            claim(1, is_advance_claim=True, date_reviewed=RUN - timedelta(days=400))
        )
        daily.store.faults.arm("archive_claim", error=ArchiveUnavailableError())
        report = run_jobs(daily.jobs.jobs())
        assert report.failed == ("archive-old-claims",)
        assert len(report.outcomes) == 6
        assert daily.queued(ADVANCE) == [(1, "visitor@example.com~~firstReminder")]
        assert report.outcomes[-1].error == ("DailyJobError: archiving: 1 of 1 failed")
