"""COMPLETE-CLAIM: move a submitted claim into IntSchema with its follow-on tasks.

The read of the ExtSchema claim, the move, the CLAIM-SUBMITTED event, the follow-on
tasks (the confirmation email, then mileage pricing or straight to the benefit
check) and the task's own COMPLETE commit in one transaction, so nothing the
external site attaches meanwhile is deleted uncopied, nothing after the move can be
lost and the move is never repeated: each later step is a task of its own, retried
on its own. Run again after the move (its worker died before the commit reached
it), the task finds the claim in IntSchema and is done.
"""

from __future__ import annotations

import logging

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.prison_visits.additional_data import claim_type
from hmpps_workers.core.prison_visits.claims.move import (
    ClaimMove,
    Submission,
    plan_claim_move,
)
from hmpps_workers.core.prison_visits.claims.ports import ClaimRepository
from hmpps_workers.core.prison_visits.claims.records import ClaimData, ClaimKey
from hmpps_workers.core.prison_visits.handlers.common import (
    ClaimNotFoundError,
    StepType,
    claim_key,
)
from hmpps_workers.core.prison_visits.pricing import PricingSettings, expenses_to_price
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks.model import Completed, NewTask, Schema, Task

log = logging.getLogger(__name__)


def read_claim(claims: ClaimRepository, schema: Schema, key: ClaimKey) -> ClaimData:
    """All the claim's data in `schema`, or ClaimNotFoundError."""
    data = claims.claim_data(
        schema,
        reference=key.reference,
        eligibility_id=key.eligibility_id,
        claim_id=key.claim_id,
    )
    if data is None:
        raise ClaimNotFoundError(f"{key.describe()} is not in {schema}")
    return data


@attrs.define(kw_only=True)
class CompleteClaim:
    """Moves the ExtSchema claim named by the task into IntSchema."""

    claims: ClaimRepository
    clock: Clock
    pricing: PricingSettings

    def __call__(self, task: Task) -> Completed | None:
        """Take the claim, plan its move and follow-on tasks; commit with the task."""
        key = claim_key(task)
        now = self.clock.now()

        def plan(submission: Submission) -> ClaimMove:
            move = plan_claim_move(
                submission.external,
                claim_type=claim_type(task.additional_data),
                now=now,
            )
            return attrs.evolve(
                move,
                follow_on_tasks=self.follow_on_tasks(key, submission, move.internal),
            )

        move = self.claims.move_to_internal(key, plan, now=now, completes=task)
        if move is None:
            read_claim(self.claims, Schema.INT, key)  # gone from both: fail
            log.info(
                "claim already completed; nothing to do",
                extra={"task": task.describe(), "claim": key.claim_id},
            )
            return None
        log.info(
            "claim completed",
            extra={
                "task": task.describe(),
                "claim": key.claim_id,
                "status": move.internal.claim.status,
                "follow_on": [t.task for t in move.follow_on_tasks],
            },
        )
        return Completed.IN_TRANSACTION

    def follow_on_tasks(
        self, key: ClaimKey, submission: Submission, internal: ClaimData
    ) -> tuple[NewTask, ...]:
        """The confirmation email, and pricing or the benefit check next."""
        external = submission.external
        if external.contact_update is not None:
            email: str | None = external.contact_update.email_address
        elif external.visitor is not None:
            email = external.visitor.email_address
        else:
            email = submission.internal_visitor_email
        needs_pricing = self.pricing.enabled and expenses_to_price(internal.expenses)
        next_step = StepType.PRICE_CAR_JOURNEYS if needs_pricing else TaskType.DWP_CHECK
        return (
            key.task(TaskType.SEND_CLAIM_NOTIFICATION, email),
            key.task(next_step),
        )
