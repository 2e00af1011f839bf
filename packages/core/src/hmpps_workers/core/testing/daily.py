"""In-memory stores for the daily jobs and deferred approvals, with §7's selections."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

import attrs

from hmpps_workers.core.prison_visits.claims.model import Claim, ClaimExpense
from hmpps_workers.core.prison_visits.claims.records import AutoApproval, ClaimEvent
from hmpps_workers.core.prison_visits.claims.values import ClaimStatus, same_text
from hmpps_workers.core.prison_visits.daily.ports import (
    ClaimContact,
    ClaimState,
    ExternalClaimKey,
    Overpayment,
)
from hmpps_workers.core.prison_visits.daily.rules import WAITING_ON_CLAIMANT
from hmpps_workers.core.tasks.model import NewTask
from hmpps_workers.core.testing.faults import Faults, When


@attrs.frozen(kw_only=True)
class ExternalClaim:
    """An ExtSchema claim (or an eligibility with none) and its documents' S3 keys."""

    key: ExternalClaimKey
    date_created: datetime
    documents: tuple[str, ...] = ()


def _waiting(claim: Claim) -> bool:
    return any(same_text(claim.status, status) for status in WAITING_ON_CLAIMANT)


@attrs.define
class InMemoryDailyJobStore:
    """Claims, queued tasks and External data in lists; inspect them after a run."""

    claims: dict[int, Claim] = attrs.field(factory=dict)
    emails: dict[int, str] = attrs.field(factory=dict)
    expenses: list[ClaimExpense] = attrs.field(factory=list)
    tasks: list[NewTask] = attrs.field(factory=list)
    events: list[ClaimEvent] = attrs.field(factory=list)
    external: list[ExternalClaim] = attrs.field(factory=list)
    eligibility_documents: dict[int, tuple[str, ...]] = attrs.field(factory=dict)
    unfinished_complete_claims: set[int] = attrs.field(factory=set)
    archived: list[int] = attrs.field(factory=list)
    faults: Faults = attrs.field(factory=Faults)

    def add_claim(self, claim: Claim, *, email: str = "visitor@example.com") -> None:
        """Add an IntSchema claim and its visitor's email."""
        self.claims[claim.claim_id] = claim
        self.emails[claim.eligibility_id] = email

    def _contact(self, claim: Claim) -> ClaimContact:
        return ClaimContact(
            claim_id=claim.claim_id,
            eligibility_id=claim.eligibility_id,
            reference=claim.reference,
            email_address=self.emails[claim.eligibility_id],
        )

    def _queued(self, kind: str, claim_id: int, suffix: str = "") -> bool:
        return any(
            t.task == kind
            and t.claim_id == claim_id
            and (t.additional_data or "").endswith(suffix)
            for t in self.tasks
        )

    def advance_claims_due_evidence(
        self, *, journey_from: datetime, journey_before: datetime, reminder: str
    ) -> Sequence[ClaimContact]:
        """Approved advance claims in the window, not yet reminded."""
        return [
            self._contact(c)
            for c in self.claims.values()
            if c.is_advance_claim
            and same_text(c.status, ClaimStatus.APPROVED)
            and journey_from <= c.date_of_journey < journey_before
            and not self._queued(
                "ADVANCE-CLAIM-EVIDENCE-REMINDER-NOTIFICATION",
                c.claim_id,
                f"~~{reminder}",
            )
        ]

    def claims_due_information_reminder(
        self, *, last_updated_before: datetime
    ) -> Sequence[ClaimContact]:
        """Claims waiting on the claimant since before the cutoff, not reminded."""
        return [
            self._contact(c)
            for c in self.claims.values()
            if _waiting(c)
            and not c.reminder_sent
            and c.last_updated is not None
            and c.last_updated < last_updated_before
            and not self._queued(
                "SEND-REQUEST-INFORMATION-REMINDER-NOTIFICATION", c.claim_id
            )
        ]

    def enqueue_task(self, task: NewTask, *, now: datetime) -> None:
        """Queue a task."""
        del now
        self.faults.check("enqueue_task", When.BEFORE)
        self.tasks.append(task)

    def advance_claims_to_mark_overpaid(
        self, *, journey_on_or_before: datetime
    ) -> Sequence[Overpayment]:
        """Late advance claims with enabled expenses, and their approved sums."""
        found = []
        for c in self.claims.values():
            spent = [
                e.approved_cost or Decimal(0)
                for e in self.expenses
                if e.claim_id == c.claim_id and e.is_enabled
            ]
            if (
                spent
                and c.is_advance_claim
                and same_text(c.status, ClaimStatus.APPROVED)
                and not c.is_overpaid
                and c.date_of_journey <= journey_on_or_before
            ):
                found.append(
                    Overpayment(
                        claim_id=c.claim_id,
                        reference=c.reference,
                        amount=sum(spent, Decimal(0)),
                    )
                )
        return found

    def mark_overpaid(self, overpayment: Overpayment, *, reason: str) -> bool:
        """Flag the claim, unless it already is."""
        claim = self.claims[overpayment.claim_id]
        if claim.is_overpaid:
            return False
        self.claims[claim.claim_id] = attrs.evolve(
            claim,
            is_overpaid=True,
            overpayment_amount=overpayment.amount,
            remaining_overpayment_amount=overpayment.amount,
            overpayment_reason=reason,
        )
        return True

    def claims_to_auto_reject(
        self, *, reminder_sent_before: datetime
    ) -> Sequence[ClaimContact]:
        """Reminded claims still waiting since before the cutoff."""
        return [self._contact(c) for c in self._rejectable(reminder_sent_before)]

    def _rejectable(self, cutoff: datetime) -> list[Claim]:
        return [
            c
            for c in self.claims.values()
            if _waiting(c)
            and c.reminder_sent
            and c.date_reminder_sent is not None
            and c.date_reminder_sent < cutoff
        ]

    def auto_reject(
        self,
        claim: ClaimContact,
        *,
        event: ClaimEvent,
        notification: NewTask,
        now: datetime,
    ) -> bool:
        """Reject atomically if the claim is still waiting on the claimant."""
        self.faults.check("auto_reject", When.BEFORE)
        current = self.claims[claim.claim_id]
        if not (_waiting(current) and current.reminder_sent):
            return False
        self.claims[claim.claim_id] = attrs.evolve(
            current,
            status=ClaimStatus.REJECTED.value,
            last_updated=now,
            reminder_sent=False,
            date_reminder_sent=None,
        )
        self.events.append(event)
        self.tasks.append(notification)
        return True

    def stale_external_claims(
        self, *, created_before: datetime
    ) -> Sequence[ExternalClaimKey]:
        """External claims created before the cutoff, unless still being completed."""
        return [
            e.key
            for e in self.external
            if e.date_created < created_before
            and e.key.claim_id not in self.unfinished_complete_claims
        ]

    def external_document_paths(self, key: ExternalClaimKey) -> Sequence[str]:
        """The claim's documents, then its eligibility's."""
        own = [p for e in self.external if e.key == key for p in e.documents]
        return [*own, *self.eligibility_documents.get(key.eligibility_id, ())]

    def delete_external_claim(self, key: ExternalClaimKey) -> None:
        """Remove the claim, and that eligibility's documents only."""
        self.faults.check("delete_external_claim", When.BEFORE)
        self.external = [e for e in self.external if e.key != key]
        self.eligibility_documents.pop(key.eligibility_id, None)

    def claims_to_archive(
        self, *, reviewed_before: datetime, limit: int
    ) -> Sequence[int]:
        """Claims reviewed before the cutoff, lowest id first."""
        return sorted(
            c.claim_id
            for c in self.claims.values()
            if c.date_reviewed is not None and c.date_reviewed < reviewed_before
        )[:limit]

    def archive_claim(self, claim_id: int) -> bool:
        """Move the claim out of the live claims."""
        self.faults.check("archive_claim", When.BEFORE)
        if self.claims.pop(claim_id, None) is None:
            return False
        self.archived.append(claim_id)
        return True


@attrs.define
class InMemoryJobHistory:
    """Last successful runs by job name."""

    successes: dict[str, datetime] = attrs.field(factory=dict)

    def last_success(self, job: str) -> datetime | None:
        """The last success, if any."""
        return self.successes.get(job)

    def record_success(self, job: str, at: datetime) -> None:
        """Remember it."""
        self.successes[job] = at


@attrs.define
class InMemoryDeferredApprovalStore:
    """AutoApproval rows and claim states; `approved` lists what the action did."""

    approvals: dict[int, AutoApproval] = attrs.field(factory=dict)
    states: dict[int, ClaimState] = attrs.field(factory=dict)
    faults: Faults = attrs.field(factory=Faults)

    def deferred_approvals(self) -> Sequence[AutoApproval]:
        """Rows oldest first (by DateAdded, then id), as the table gives them."""
        return sorted(
            self.approvals.values(),
            key=lambda row: (row.date_added, row.auto_approval_id or 0),
        )

    def claim_state(self, claim_id: int) -> ClaimState | None:
        """The claim's status and last update."""
        return self.states.get(claim_id)

    def delete_auto_approval(self, auto_approval_id: int) -> None:
        """Drop a row."""
        self.faults.check("delete_auto_approval", When.BEFORE)
        self.approvals.pop(auto_approval_id, None)
