"""AUTO-APPROVAL-CHECK: gather a claim's history, decide (§5), and act on it.

The approval is written only while the claim is still NEW, together with its
CLAIM-AUTO-APPROVED event and its ACCEPT-CLAIM-NOTIFICATION task, so two checks of
one claim (a retry, or two tasks in a batch) approve it and email it once.
"""

from __future__ import annotations

import logging
from datetime import datetime

import attrs

from hmpps_workers.core.clock import UK, Clock
from hmpps_workers.core.prison_visits.approval import (
    AutoApprovalData,
    AutoApprovalDefaults,
    Decision,
    Outcome,
    PlannedEvent,
    baseline_claim,
    claim_skip_reason,
    decide,
    deferred_approval,
    resolve_settings,
)
from hmpps_workers.core.prison_visits.approval.action import APPROVED_NOTE
from hmpps_workers.core.prison_visits.approval.config import AutoApprovalSettings
from hmpps_workers.core.prison_visits.approval.decision import NEW
from hmpps_workers.core.prison_visits.claims.model import Claim
from hmpps_workers.core.prison_visits.claims.ports import ClaimRepository
from hmpps_workers.core.prison_visits.claims.records import ClaimEvent, ClaimKey
from hmpps_workers.core.prison_visits.claims.values import ClaimEventType
from hmpps_workers.core.prison_visits.handlers.common import (
    ClaimNotFoundError,
    claim_key,
    completed_if,
)
from hmpps_workers.core.prison_visits.handlers.ports import ClaimUpdate, ClaimUpdates
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks.model import Completed, Schema, Task

log = logging.getLogger(__name__)


APPROVED_EVENT = PlannedEvent(
    event=ClaimEventType.CLAIM_AUTO_APPROVED, note=APPROVED_NOTE
)


def claim_event(claim: Claim, planned: PlannedEvent, *, now: datetime) -> ClaimEvent:
    """The ClaimEvent row for a planned event on the claim."""
    return ClaimEvent(
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
        reference=claim.reference,
        date_added=now,
        event=planned.event.value,
        note=planned.note,
        additional_data=planned.additional_data,
        is_internal=planned.is_internal,
    )


@attrs.define(kw_only=True)
class AutoApprovalCheck:
    """Runs the auto-approval check on the claim a task names."""

    claims: ClaimRepository
    updates: ClaimUpdates
    defaults: AutoApprovalDefaults
    clock: Clock

    def __call__(self, task: Task) -> Completed | None:
        """Check the claim and approve, defer, or record why not.

        A write (approval, deferral or event) completes the task in its transaction.
        """
        key = claim_key(task)
        decision, applied = self.check(key, completes=task)
        log.info(
            "auto-approval %s",
            decision.outcome,
            extra={
                "task": task.describe(),
                "claim": key.claim_id,
                "failed_rules": list(decision.failed_rules),
                "skip_reason": decision.skip_reason,
            },
        )
        return completed_if(applied)

    def gather(self, key: ClaimKey, settings: AutoApprovalSettings) -> AutoApprovalData:
        """What the rules read, through the claims port: two reads, or one.

        The claim's rows are not read when its row alone has it skipped
        (`claim_skip_reason`): they cannot change that decision.
        """
        history = self.claims.approval_history(
            reference=key.reference,
            eligibility_id=key.eligibility_id,
            claim_id=key.claim_id,
        )
        if history is None:
            raise ClaimNotFoundError(f"{key.describe()} is not in {Schema.INT}")
        claim = history.claim
        limit = settings.number_of_consecutive_auto_approvals or 0
        data = AutoApprovalData(
            claim=claim,
            eligibility=history.eligibility,
            visitor=history.visitor,
            prisoner=history.prisoner,
            previous_claims=history.previous_claims,
            reference_claim_statuses=(
                history.reference_claim_statuses[:limit] if limit > 0 else ()
            ),
            benefit_check_result=(
                history.visitor.dwp_benefit_checker_result if history.visitor else None
            ),
        )
        if claim_skip_reason(claim, settings) is not None:
            return data
        baseline = baseline_claim(history.previous_claims)
        rows = self.claims.approval_rows(
            reference=key.reference,
            eligibility_id=key.eligibility_id,
            claim_id=key.claim_id,
            baseline_claim_id=baseline.claim_id if baseline else None,
            journey_day=claim.date_of_journey.astimezone(UK).date(),
            prison_number=history.prisoner.prison_number if history.prisoner else None,
        )
        return attrs.evolve(
            data,
            expenses=rows.expenses,
            children=rows.children,
            documents=rows.documents,
            baseline_expenses=rows.baseline_expenses,
            prison_numbers_on_journey_date=rows.prison_numbers_on_journey_date,
            unpriced_car_journeys=rows.unpriced_car_journeys,
        )

    def check(
        self, key: ClaimKey, *, completes: Task | None = None
    ) -> tuple[Decision, bool]:
        """Decide on the claim and write what the decision says.

        Returns the decision and whether a write was made (completing `completes`).
        """
        settings = resolve_settings(self.claims.auto_approval_config(), self.defaults)
        data = self.gather(key, settings)
        now = self.clock.now()
        decision = decide(data, settings, now)
        email = data.visitor_email or ""
        step = ClaimUpdate(
            claim_id=key.claim_id,
            eligibility_id=key.eligibility_id,
            reference=key.reference,
            now=now,
            completes=completes,
        )
        if decision.outcome is Outcome.APPROVE_NOW:
            approved = self.updates.apply(
                attrs.evolve(
                    step,
                    expected_statuses=frozenset({NEW}),
                    auto_approved=True,
                    events=(claim_event(data.claim, APPROVED_EVENT, now=now),),
                    follow_on_tasks=(
                        key.task(TaskType.ACCEPT_CLAIM_NOTIFICATION, email or None),
                    ),
                )
            )
            if not approved:
                log.info(
                    "claim moved on before approval", extra={"claim": key.claim_id}
                )
            return decision, approved
        if decision.outcome is Outcome.DEFER:
            deferred = deferred_approval(data.claim, visitor_email=email, now=now)
            applied = self.updates.apply(attrs.evolve(step, deferred_approval=deferred))
            return decision, applied
        if decision.event is not None:
            event = claim_event(data.claim, decision.event, now=now)
            return decision, self.updates.apply(attrs.evolve(step, events=(event,)))
        return decision, False
