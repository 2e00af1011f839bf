"""REQUEST-INFORMATION-RESPONSE: the claimant's answer, taken in as one transaction.

The original moved the documents in a step whose errors it swallowed, then carried on
regardless. Here the document move, new bank details, status, events and the
follow-on tasks (the acknowledgement email, and an auto-approval check for a claim
nobody has reviewed yet) commit together, and only while the claim is still in the
status it was read in: a failure leaves nothing half done, and a repeat does nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.errors import PermanentError
from hmpps_workers.core.prison_visits.additional_data import claimant_message
from hmpps_workers.core.prison_visits.claims.follow_up import (
    DocumentReplacement,
    plan_document_replacement,
)
from hmpps_workers.core.prison_visits.claims.model import ClaimBankDetail
from hmpps_workers.core.prison_visits.claims.ports import ClaimRepository
from hmpps_workers.core.prison_visits.claims.records import (
    ClaimData,
    ClaimEvent,
    ClaimKey,
)
from hmpps_workers.core.prison_visits.claims.values import (
    ClaimEventType,
    ClaimStatus,
    same_text,
)
from hmpps_workers.core.prison_visits.handlers.common import (
    StepType,
    claim_key,
    completed_if,
)
from hmpps_workers.core.prison_visits.handlers.complete_claim import read_claim
from hmpps_workers.core.prison_visits.handlers.ports import ClaimUpdate, ClaimUpdates
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks.model import Completed, NewTask, Schema, Task

log = logging.getLogger(__name__)


class BankDetailsMissingError(PermanentError):
    """The claim waits for new bank details, but the response carries none."""


def updated_note(replacement: DocumentReplacement) -> str:
    """The CLAIM-UPDATED note listing each document the claimant sent."""
    lines = "".join(
        f"<br /> - updated document {d.document_type} with status {d.document_status}"
        for d in replacement.incoming
    )
    return "Claimant updated claim:<br />" + lines


def event(
    key: ClaimKey, kind: ClaimEventType, *, now: datetime, **fields: object
) -> ClaimEvent:
    """An event on the claim (IsInternal unless said otherwise)."""
    return ClaimEvent(
        eligibility_id=key.eligibility_id,
        claim_id=key.claim_id,
        reference=key.reference,
        date_added=now,
        event=kind.value,
        **fields,  # type: ignore[arg-type]
    )


@attrs.define(kw_only=True)
class RequestInformationResponse:
    """Takes a claimant's documents, bank details and message into IntSchema."""

    claims: ClaimRepository
    updates: ClaimUpdates
    clock: Clock

    def __call__(self, task: Task) -> Completed | None:
        """Plan every write of the response and commit them with the task's end."""
        key = claim_key(task)
        internal = read_claim(self.claims, Schema.INT, key)
        now = self.clock.now()
        incoming = tuple(
            self.claims.external_documents(
                reference=key.reference,
                eligibility_id=key.eligibility_id,
                claim_id=key.claim_id,
            )
        )
        replacement = plan_document_replacement(
            claim_id=key.claim_id,
            incoming=incoming,
            current=internal.documents,
            now=now,
        )
        reviewed = internal.claim.date_reviewed is not None
        new_status = ClaimStatus.UPDATED if reviewed else ClaimStatus.NEW
        events = []
        bank = self.new_bank_detail(internal)
        if bank is not None:
            events.append(event(key, ClaimEventType.BANK_DETAILS_UPDATED, now=now))
        if replacement.moved:
            events.append(
                event(
                    key,
                    ClaimEventType.CLAIM_UPDATED,
                    now=now,
                    note=updated_note(replacement),
                )
            )
        message = claimant_message(task.additional_data)
        if message:
            events.append(
                event(
                    key,
                    ClaimEventType.MESSAGE,
                    now=now,
                    note=message,
                    is_internal=False,
                )
            )
        email = internal.visitor.email_address if internal.visitor else None
        follow_on: list[NewTask] = [
            key.task(
                TaskType.REQUEST_INFORMATION_RESPONSE_SUBMITTED_NOTIFICATION, email
            )
        ]
        if new_status is ClaimStatus.NEW:
            follow_on.append(key.task(StepType.AUTO_APPROVAL_CHECK))
        applied = self.updates.apply(
            ClaimUpdate(
                claim_id=key.claim_id,
                eligibility_id=key.eligibility_id,
                reference=key.reference,
                now=now,
                expected_statuses=frozenset({internal.claim.status}),
                new_status=new_status,
                documents=replacement if replacement.moved else None,
                bank_detail=bank,
                events=tuple(events),
                follow_on_tasks=tuple(follow_on),
                completes=task,
            )
        )
        log.info(
            "information response taken in" if applied else "claim moved on; skipped",
            extra={
                "task": task.describe(),
                "claim": key.claim_id,
                "documents": len(replacement.incoming),
                "status": new_status.value,
            },
        )
        return completed_if(applied)

    def new_bank_detail(self, internal: ClaimData) -> ClaimBankDetail | None:
        """New bank details, when the claim was waiting for them (they must be there).

        As in the original, a claim in REQUEST-INFO-PAYMENT whose response brings no
        ExtSchema bank row (or that has no IntSchema row to replace) fails the task;
        here nothing else of the response is written either.
        """
        claim = internal.claim
        if not same_text(claim.status, ClaimStatus.REQUEST_INFO_PAYMENT):
            return None
        current = internal.bank_detail
        sent = self.claims.external_bank_detail(claim.claim_id)
        if current is None or sent is None:
            where = "ExtSchema" if sent is None else "IntSchema"
            raise BankDetailsMissingError(
                f"{TaskType.REQUEST_INFORMATION_RESPONSE}: claim {claim.claim_id} is"
                f" waiting for new bank details but has no {where} ClaimBankDetail"
                " row; nothing was changed"
            )
        return attrs.evolve(
            sent,
            claim_bank_detail_id=current.claim_bank_detail_id,
            claim_id=claim.claim_id,
            eligibility_id=claim.eligibility_id,
            reference=claim.reference,
        )
