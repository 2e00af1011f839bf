"""The §5.5 action for a deferred row: a conditional approval through ClaimUpdates.

The claim is approved only if it is still NEW at the moment of writing, so a
caseworker's change made after the runner's check still wins; the event and the
ACCEPT-CLAIM-NOTIFICATION task are written in the same transaction, or not at all.
"""

from __future__ import annotations

import logging
from datetime import datetime

import attrs

from hmpps_workers.core.errors import PermanentError
from hmpps_workers.core.prison_visits.approval.action import APPROVED_NOTE
from hmpps_workers.core.prison_visits.approval.decision import NEW
from hmpps_workers.core.prison_visits.claims.records import AutoApproval, ClaimEvent
from hmpps_workers.core.prison_visits.claims.values import ClaimEventType
from hmpps_workers.core.prison_visits.handlers.ports import ClaimUpdate, ClaimUpdates
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks.model import NewTask

log = logging.getLogger(__name__)


class DeferredRowIncompleteError(PermanentError):
    """The AutoApproval row has no EligibilityId, which the event and task need."""


@attrs.define
class DeferredApprover:
    """ApproveClaim through the handlers' write port."""

    updates: ClaimUpdates

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
        approved = self.updates.apply(
            ClaimUpdate(
                claim_id=approval.claim_id,
                eligibility_id=approval.eligibility_id,
                reference=approval.reference,
                now=now,
                expected_statuses=frozenset({NEW}),
                auto_approved=True,
                events=(event,),
                follow_on_tasks=(task,),
            )
        )
        if not approved:
            log.info(
                "deferred approval not applied: claim changed meanwhile",
                extra={"claim": approval.claim_id},
            )
