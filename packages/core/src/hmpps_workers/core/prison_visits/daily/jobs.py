"""The daily jobs of §7, each safe to run again and to run late.

Each job is a method returning counts; `DailyJobs.jobs()` names them for
`run_jobs`, which runs them one after another so one failing never stops another.
Within a job, one claim failing is logged by id and the rest carry on; the job then
fails, so the exit code says so, and the next run picks the claim up again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import TypeVar

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.errors import WorkerError
from hmpps_workers.core.prison_visits.claims.records import (
    SYSTEM_CASEWORKER,
    ClaimEvent,
)
from hmpps_workers.core.prison_visits.claims.values import ClaimEventType
from hmpps_workers.core.prison_visits.daily import rules
from hmpps_workers.core.prison_visits.daily.ports import (
    ClaimContact,
    DailyJobStore,
    ExternalClaimKey,
    JobHistory,
)
from hmpps_workers.core.prison_visits.documents.ports import FileStore
from hmpps_workers.core.progress import NoProgress, Progress
from hmpps_workers.core.tasks.model import NewTask

log = logging.getLogger(__name__)
Item = TypeVar("Item")

ADVANCE_REMINDER_TASK = "ADVANCE-CLAIM-EVIDENCE-REMINDER-NOTIFICATION"
INFORMATION_REMINDER_TASK = "SEND-REQUEST-INFORMATION-REMINDER-NOTIFICATION"
REJECT_TASK = "REJECT-CLAIM-NOTIFICATION"
ADVANCE_REMINDERS = "advance-claim-evidence-reminders"


class DailyJobError(WorkerError):
    """Some claims in a daily job failed; they are picked up again next run."""


def _task(kind: str, claim: ClaimContact, additional_data: str) -> NewTask:
    return NewTask(
        task=kind,
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
        additional_data=additional_data,
    )


@attrs.define(kw_only=True)
class DailyJobs:
    """The daily runner's jobs over the claims database and the file store."""

    store: DailyJobStore
    history: JobHistory
    files: FileStore
    clock: Clock
    settings: rules.DailySettings = attrs.field(factory=rules.DailySettings)
    progress: Progress = attrs.field(factory=NoProgress)

    def jobs(self) -> dict[str, Callable[[], Mapping[str, int]]]:
        """Every job by name, in the order the runner runs them."""
        return {
            ADVANCE_REMINDERS: self.advance_claim_evidence_reminders,
            "request-information-reminders": self.request_information_reminders,
            "mark-overpayments": self.mark_overpayments,
            "clean-up-external-data": self.clean_up_external_data,
            "auto-reject-claims": self.auto_reject_claims,
            "archive-old-claims": self.archive_old_claims,
        }

    def _each(
        self, label: str, items: Iterable[Item], action: Callable[[Item], bool]
    ) -> dict[str, int]:
        todo = list(items)
        done = failed = 0
        self.progress.start(label, len(todo))
        for item in todo:
            try:
                done += bool(action(item))
            except WorkerError as error:
                failed += 1
                log.warning(
                    "daily job item failed",
                    extra={"job": label, "item": _describe(item), "reason": str(error)},
                )
            self.progress.advance()
        self.progress.finish()
        if failed:
            raise DailyJobError(f"{label}: {failed} of {len(todo)} failed")
        return {"selected": len(todo), "done": done}

    def advance_claim_evidence_reminders(self) -> dict[str, int]:
        """First and second evidence reminders, catching up on missed days."""
        now = self.clock.now()
        last = self.history.last_success(ADVANCE_REMINDERS)
        queued = 0

        def remind(reminder: str) -> Callable[[ClaimContact], bool]:
            return lambda claim: self._enqueue(
                _task(
                    ADVANCE_REMINDER_TASK, claim, f"{claim.email_address}~~{reminder}"
                ),
                now,
            )

        for reminder, days in (
            ("firstReminder", self.settings.first_advance_reminder_days),
            ("secondReminder", self.settings.second_advance_reminder_days),
        ):
            start, end = rules.advance_journey_window(
                now, days, last, self.settings.catch_up_days
            )
            due = self.store.advance_claims_due_evidence(
                journey_from=start, journey_before=end, reminder=reminder
            )
            queued += self._each(
                f"{reminder} evidence reminders", due, remind(reminder)
            )["done"]
        self.history.record_success(ADVANCE_REMINDERS, now)
        return {"queued": queued}

    def _enqueue(self, task: NewTask, now: datetime) -> bool:
        self.store.enqueue_task(task, now=now)
        return True

    def request_information_reminders(self) -> dict[str, int]:
        """The 5-week reminder to claimants who have not answered."""
        now = self.clock.now()
        cutoff = rules.start_of_day_days_ago(
            now, self.settings.pending_days_for_reminder
        )
        due = self.store.claims_due_information_reminder(last_updated_before=cutoff)
        return self._each(
            "information reminders",
            due,
            lambda claim: self._enqueue(
                _task(INFORMATION_REMINDER_TASK, claim, claim.email_address), now
            ),
        )

    def mark_overpayments(self) -> dict[str, int]:
        """Advance claims whose evidence did not come in time become overpaid."""
        days = self.settings.overpayment_days
        cutoff = self.clock.now() - timedelta(days=days)
        due = self.store.advance_claims_to_mark_overpaid(journey_on_or_before=cutoff)
        reason = rules.overpayment_reason(days)
        return self._each(
            "overpayments",
            due,
            lambda overpayment: self.store.mark_overpaid(overpayment, reason=reason),
        )

    def clean_up_external_data(self) -> dict[str, int]:
        """Old External-site data: S3 documents first (awaited), then the rows."""
        cutoff = self.clock.now() - timedelta(days=self.settings.external_data_days)
        stale = self.store.stale_external_claims(created_before=cutoff)

        def clean(key: ExternalClaimKey) -> bool:
            for path in self.store.external_document_paths(key):
                self.files.delete(path)
            self.store.delete_external_claim(key)
            return True

        return self._each("external data clean-up", stale, clean)

    def auto_reject_claims(self) -> dict[str, int]:
        """Reject claims still waiting a week after the final reminder."""
        now = self.clock.now()
        cutoff = rules.start_of_day_days_ago(
            now, self.settings.days_after_reminder_for_rejection
        )
        due = self.store.claims_to_auto_reject(reminder_sent_before=cutoff)

        def reject(claim: ClaimContact) -> bool:
            event = ClaimEvent(
                eligibility_id=claim.eligibility_id,
                claim_id=claim.claim_id,
                reference=claim.reference,
                date_added=now,
                event=ClaimEventType.CLAIM_REJECTED.value,
                note=rules.REJECTION_NOTE,
                caseworker=SYSTEM_CASEWORKER,
                is_internal=False,
            )
            notification = _task(REJECT_TASK, claim, claim.email_address)
            return self.store.auto_reject(
                claim, event=event, notification=notification, now=now
            )

        return self._each("auto-rejections", due, reject)

    def archive_old_claims(self) -> dict[str, int]:
        """Move claims reviewed long ago to the archive database, a batch a day."""
        cutoff = self.clock.now() - timedelta(days=self.settings.archive_after_days)
        ids = self.store.claims_to_archive(
            reviewed_before=cutoff, limit=self.settings.archive_max_per_run
        )
        return self._each("archiving", ids, self.store.archive_claim)


def _describe(item: object) -> str:
    """Ids only: claim contacts and keys carry emails and references."""
    if isinstance(item, int):
        return f"claim {item}"
    claim_id = getattr(item, "claim_id", None)
    eligibility_id = getattr(item, "eligibility_id", None)
    return f"claim {claim_id} eligibility {eligibility_id}"
