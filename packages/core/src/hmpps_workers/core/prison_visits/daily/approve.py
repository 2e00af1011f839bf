"""The §5.5 action for a deferred row, on the claims port's conditional approve.

The claim is approved only if it is still NEW at the moment of writing, so a
caseworker's change made after the runner's check still wins; the event and the
ACCEPT-CLAIM-NOTIFICATION task are written in the same transaction, or not at all.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Protocol

import attrs

from hmpps_workers.core.errors import PermanentError
from hmpps_workers.core.prison_visits.approval.action import APPROVED_NOTE
from hmpps_workers.core.prison_visits.approval.decision import NEW
from hmpps_workers.core.prison_visits.claims.records import AutoApproval, ClaimEvent
from hmpps_workers.core.prison_visits.claims.values import ClaimEventType
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks.model import NewTask

log = logging.getLogger(__name__)


class DeferredRowIncompleteError(PermanentError):
    """The AutoApproval row has no EligibilityId, which the event and task need."""


class ConditionalApprove(Protocol):
    """`ClaimRepository.auto_approve`: approve only from the given statuses."""

    def auto_approve(
        self,
        claim_id: int,
        *,
        now: datetime,
        from_statuses: Collection[str],
        events: Sequence[ClaimEvent] = (),
        follow_on_tasks: Sequence[NewTask] = (),
    ) -> bool:
        """Approve the claim and its expenses with the events and tasks, or not."""
        ...


@attrs.define
class DeferredApprover:
    """ApproveClaim over the claims repository."""

    claims: ConditionalApprove

    def __call__(self, approval: AutoApproval, *, now: datetime) -> None:
        """Approve if still NEW; a claim that moved on is left as it is."""
        if approval.eligibility_id is None:
            raise DeferredRowIncompleteError
        common = {
            "eligibility_id": approval.eligibility_id,
            "claim_id": approval.claim_id,
            "reference": approval.reference,
        }
        event = ClaimEvent(
            date_added=now,
            event=ClaimEventType.CLAIM_AUTO_APPROVED.value,
            note=APPROVED_NOTE,
            is_internal=True,
            **common,  # type: ignore[arg-type]
        )
        task = NewTask(
            task=TaskType.ACCEPT_CLAIM_NOTIFICATION,
            additional_data=approval.email_address,
            **common,  # type: ignore[arg-type]
        )
        approved = self.claims.auto_approve(
            approval.claim_id,
            now=now,
            from_statuses=(NEW,),
            events=(event,),
            follow_on_tasks=(task,),
        )
        if not approved:
            log.info(
                "deferred approval not applied: claim changed meanwhile",
                extra={"claim": approval.claim_id},
            )
