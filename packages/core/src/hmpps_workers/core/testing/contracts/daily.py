"""Contracts for DailyJobStore, JobHistory and DeferredApprovalStore.

The daily tests drive `DailyJobs` itself with a fake clock at 04:30 BST and put
claims either side of each threshold, so a store that passes them keeps §7's edges
(and the UK wall-clock conversion) exactly; running a job twice must queue nothing
twice. Subclass in a pytest module that provides `daily_env` or `deferred_env`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

import attrs

from hmpps_workers.core.prison_visits.claims.model import Claim
from hmpps_workers.core.prison_visits.claims.records import AutoApproval, ClaimData
from hmpps_workers.core.prison_visits.daily.jobs import DailyJobs
from hmpps_workers.core.prison_visits.daily.ports import (
    DailyJobStore,
    DeferredApprovalStore,
    JobHistory,
)
from hmpps_workers.core.testing.claim_builders import claim_graph, evolve_claim
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.documents import InMemoryFileStore

NOW = datetime(2026, 7, 7, 3, 30, tzinfo=UTC)  # 04:30 on 7 July, UK summer time
SECOND = timedelta(seconds=1)
DAY = timedelta(days=1)


def uk_midnight(day: int, month: int = 7) -> datetime:
    """Midnight at the start of a July (or other) 2026 day in the UK, in summer."""
    return datetime(2026, month, day, tzinfo=UTC) - timedelta(hours=1)


class DailyJobsEnvironment(Protocol):
    """The stores under test and ways to seed and inspect IntSchema claims."""

    store: DailyJobStore
    history: JobHistory

    def add_claim(self, data: ClaimData) -> None:
        """Insert an IntSchema claim graph (claim, visitor, expenses)."""
        ...

    def claim(self, claim_id: int) -> Claim:
        """The claim as stored now."""
        ...

    def queued(self, kind: str) -> list[tuple[int | None, str | None]]:
        """(ClaimId, AdditionalData) of every queued task of a kind."""
        ...


def claim(n: int, **changes: Any) -> ClaimData:  # noqa: ANN401 - Claim fields
    """Claim `n` (its own eligibility and visitor), with some fields changed."""
    return evolve_claim(
        claim_graph(reference=f"DLY{n:04d}", base_id=1000 * n), **changes
    )


def _jobs(env: DailyJobsEnvironment) -> DailyJobs:
    return DailyJobs(
        store=env.store,
        history=env.history,
        files=InMemoryFileStore(),
        clock=FakeClock(NOW),
    )


def _claim_ids(rows: Sequence[tuple[int | None, str | None]]) -> list[int | None]:
    return sorted((r[0] for r in rows), key=lambda i: i or 0)


class DailyJobStoreContract:
    """The §7 jobs at the edges of their thresholds."""

    def test_first_advance_reminder_covers_exactly_yesterday_once(
        self, daily_env: DailyJobsEnvironment
    ) -> None:
        """Journeys from UK midnight yesterday up to (not at) midnight today."""
        advance = {"status": "APPROVED", "is_advance_claim": True}
        daily_env.add_claim(claim(1, date_of_journey=uk_midnight(6), **advance))
        daily_env.add_claim(claim(2, date_of_journey=uk_midnight(7), **advance))
        daily_env.add_claim(
            claim(3, date_of_journey=uk_midnight(6) - SECOND, **advance)
        )
        _jobs(daily_env).advance_claim_evidence_reminders()
        _jobs(daily_env).advance_claim_evidence_reminders()
        queued = daily_env.queued("ADVANCE-CLAIM-EVIDENCE-REMINDER-NOTIFICATION")
        assert queued == [(1000, "visitor@example.com~~firstReminder")]

    def test_information_reminder_is_due_only_before_the_35_day_cutoff(
        self, daily_env: DailyJobsEnvironment
    ) -> None:
        """LastUpdated a second before UK midnight 35 days ago: due; at it: not."""
        cutoff = uk_midnight(2, month=6)
        daily_env.add_claim(claim(4, status="PENDING", last_updated=cutoff - SECOND))
        daily_env.add_claim(claim(5, status="PENDING", last_updated=cutoff))
        daily_env.add_claim(claim(6, status="APPROVED", last_updated=cutoff - SECOND))
        _jobs(daily_env).request_information_reminders()
        _jobs(daily_env).request_information_reminders()
        queued = daily_env.queued("SEND-REQUEST-INFORMATION-REMINDER-NOTIFICATION")
        assert _claim_ids(queued) == [4000]

    def test_overpayment_is_marked_on_the_tenth_day_and_not_a_second_later(
        self, daily_env: DailyJobsEnvironment
    ) -> None:
        """Journey exactly ten days ago is marked, with the approved sum."""
        cutoff = NOW - timedelta(days=10)
        for n, journey in ((7, cutoff), (8, cutoff + SECOND)):
            data = claim(n, status="APPROVED", is_advance_claim=True)
            expenses = tuple(
                attrs.evolve(e, approved_cost=Decimal("12.50"), is_enabled=True)
                for e in data.expenses
            )
            data = evolve_claim(data, date_of_journey=journey)
            daily_env.add_claim(attrs.evolve(data, expenses=expenses))
        _jobs(daily_env).mark_overpayments()
        marked, unmarked = daily_env.claim(7000), daily_env.claim(8000)
        assert (True, Decimal("25.00"), Decimal("25.00")) == (
            marked.is_overpaid,
            marked.overpayment_amount,
            marked.remaining_overpayment_amount,
        )
        assert marked.overpayment_reason == "Evidence not uploaded within 10 days"
        assert not unmarked.is_overpaid

    def test_auto_rejection_comes_a_week_after_the_reminder(
        self, daily_env: DailyJobsEnvironment
    ) -> None:
        """Reminded before UK midnight a week ago: rejected, with email; at it: not."""
        cutoff = uk_midnight(30, month=6)
        waiting = {"status": "REQUEST-INFORMATION", "reminder_sent": True}
        daily_env.add_claim(claim(9, date_reminder_sent=cutoff - SECOND, **waiting))
        daily_env.add_claim(claim(10, date_reminder_sent=cutoff, **waiting))
        _jobs(daily_env).auto_reject_claims()
        _jobs(daily_env).auto_reject_claims()
        rejected, kept = daily_env.claim(9000), daily_env.claim(10000)
        assert (rejected.status, bool(rejected.reminder_sent)) == ("REJECTED", False)
        assert kept.status == "REQUEST-INFORMATION"
        assert _claim_ids(daily_env.queued("REJECT-CLAIM-NOTIFICATION")) == [9000]

    def test_archive_selection_is_lowest_first_and_limited(
        self, daily_env: DailyJobsEnvironment
    ) -> None:
        """Reviewed before the cutoff only; at most `limit` of them."""
        cutoff = NOW - timedelta(days=365)
        for n, reviewed in ((11, cutoff - SECOND), (12, cutoff - SECOND), (13, cutoff)):
            daily_env.add_claim(claim(n, status="APPROVED", date_reviewed=reviewed))
        found = daily_env.store.claims_to_archive(reviewed_before=cutoff, limit=1)
        assert list(found) == [11000]

    def test_advance_claims_due_evidence_are_approved_advance_claims_in_the_window(
        self, daily_env: DailyJobsEnvironment
    ) -> None:
        """[from, before): the start is in, the end is out, non-advance claims never."""
        start, end = uk_midnight(1), uk_midnight(2)
        daily_env.add_claim(
            claim(41, status="APPROVED", is_advance_claim=True, date_of_journey=start)
        )
        daily_env.add_claim(
            claim(42, status="APPROVED", is_advance_claim=True, date_of_journey=end)
        )
        daily_env.add_claim(
            claim(43, status="APPROVED", is_advance_claim=False, date_of_journey=start)
        )
        found = daily_env.store.advance_claims_due_evidence(
            journey_from=start, journey_before=end, reminder="firstReminder"
        )
        assert [(c.claim_id, c.email_address) for c in found] == [
            (41000, "visitor@example.com")
        ]

    def test_information_reminders_then_auto_rejection(
        self, daily_env: DailyJobsEnvironment
    ) -> None:
        """Unreminded claims past the cutoff, then reminded ones past theirs."""
        stale = uk_midnight(1, month=5)
        reminded = uk_midnight(1, month=6)
        daily_env.add_claim(claim(44, status="PENDING", last_updated=stale))
        daily_env.add_claim(claim(45, status="APPROVED", last_updated=stale))
        daily_env.add_claim(
            claim(
                46,
                status="PENDING",
                last_updated=stale,
                reminder_sent=True,
                date_reminder_sent=reminded,
            )
        )
        store = daily_env.store
        due = store.claims_due_information_reminder(last_updated_before=stale + DAY)
        assert [c.claim_id for c in due] == [44000]
        assert not store.claims_due_information_reminder(last_updated_before=stale)
        assert not store.claims_to_auto_reject(reminder_sent_before=reminded)
        rejected = store.claims_to_auto_reject(reminder_sent_before=reminded + DAY)
        assert [c.claim_id for c in rejected] == [46000]

    def test_overpayments_are_found_and_flagged_once(
        self, daily_env: DailyJobsEnvironment
    ) -> None:
        """The sum of enabled approved costs, by claim; a flagged claim is not found."""
        journey = uk_midnight(1)
        data = claim(
            47, status="APPROVED", is_advance_claim=True, date_of_journey=journey
        )
        expenses = tuple(
            attrs.evolve(e, approved_cost=Decimal("7.50"), is_enabled=True)
            for e in data.expenses
        )
        daily_env.add_claim(attrs.evolve(data, expenses=expenses))
        store = daily_env.store
        early = journey - DAY
        assert not store.advance_claims_to_mark_overpaid(journey_on_or_before=early)
        (found,) = store.advance_claims_to_mark_overpaid(journey_on_or_before=journey)
        assert found.amount == Decimal("15.00")
        assert store.mark_overpaid(found, reason="Evidence late") is True
        assert store.mark_overpaid(found, reason="Evidence late") is False
        assert not store.advance_claims_to_mark_overpaid(journey_on_or_before=NOW)


class JobHistoryContract:
    """When each job last succeeded."""

    def test_a_job_never_run_has_no_last_success(
        self, daily_env: DailyJobsEnvironment
    ) -> None:
        """None until recorded."""
        assert daily_env.history.last_success("never") is None

    def test_the_latest_success_is_remembered_per_job(
        self, daily_env: DailyJobsEnvironment
    ) -> None:
        """A second success replaces the first; other jobs are unaffected."""
        daily_env.history.record_success("a", NOW - timedelta(days=1))
        daily_env.history.record_success("a", NOW)
        daily_env.history.record_success("b", NOW - timedelta(days=3))
        assert daily_env.history.last_success("a") == NOW
        assert NOW - timedelta(days=3) == daily_env.history.last_success("b")


class DeferredApprovalEnvironment(Protocol):
    """The store under test and ways to seed claims and AutoApproval rows."""

    store: DeferredApprovalStore

    def add_claim(self, data: ClaimData) -> None:
        """Insert an IntSchema claim graph."""
        ...

    def add_deferred(self, approval: AutoApproval) -> int:
        """Insert an AutoApproval row; returns its id."""
        ...


def deferred(data: ClaimData, added: datetime) -> AutoApproval:
    """The AutoApproval row for a claim."""
    return AutoApproval(
        auto_approval_id=None,
        claim_id=data.claim.claim_id,
        eligibility_id=data.claim.eligibility_id,
        reference=data.claim.reference,
        email_address="visitor@example.com",
        date_added=added,
    )


class DeferredApprovalStoreContract:
    """Rows oldest first, the claims' states, deletion."""

    def test_rows_come_oldest_first_with_their_claims_state(
        self, deferred_env: DeferredApprovalEnvironment
    ) -> None:
        """Status and LastUpdated as stored; a missing claim has no state."""
        first = claim(21, status="NEW", last_updated=NOW - timedelta(hours=9))
        second = claim(22, status="REJECTED", last_updated=NOW - timedelta(hours=2))
        for data in (first, second):
            deferred_env.add_claim(data)
        deferred_env.add_deferred(deferred(second, NOW - timedelta(hours=7)))
        deferred_env.add_deferred(deferred(first, NOW - timedelta(hours=8)))
        rows = deferred_env.store.deferred_approvals()
        assert [row.claim_id for row in rows] == [21000, 22000]
        state = deferred_env.store.claim_state(22000)
        assert state is not None
        assert ("REJECTED", NOW - timedelta(hours=2)) == (
            state.status,
            state.last_updated,
        )
        assert deferred_env.store.claim_state(99999) is None

    def test_a_deleted_row_is_gone(
        self, deferred_env: DeferredApprovalEnvironment
    ) -> None:
        """Deleting one row leaves the others."""
        data = claim(23, status="NEW")
        deferred_env.add_claim(data)
        kept = deferred_env.add_deferred(deferred(data, NOW - timedelta(hours=3)))
        gone = deferred_env.add_deferred(deferred(data, NOW - timedelta(hours=2)))
        deferred_env.store.delete_auto_approval(gone)
        rows = deferred_env.store.deferred_approvals()
        assert [kept] == [row.auto_approval_id for row in rows]
