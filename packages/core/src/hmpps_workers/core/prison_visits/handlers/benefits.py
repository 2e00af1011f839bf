"""DWP-CHECK: ask the benefit checker, then ask for evidence or check for approval.

Both routes are one transaction each. Asking for evidence writes the result, the
placeholder document, the event, the REQUEST-INFORMATION status and the
DWP-FAILED-NOTIFICATION task together, and only while the claim is still as a fresh
submission left it; the other route writes the result with an AUTO-APPROVAL-CHECK
task. A repeated check therefore never asks the claimant twice.

Two answers leave the claim to a caseworker instead (a FORCED-MANUAL-CHECK note, no
approval check, the task complete): a benefit held by someone else whose details
are missing (DWP is not asked about the visitor instead), and a status the checker
has not used before (stored as the result, as the original stored it).
"""

from __future__ import annotations

import logging

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.prison_visits.benefits.outcome import (
    REQUEST_EVIDENCE_NOTE,
    BenefitCheckRoute,
    route_benefit_check,
)
from hmpps_workers.core.prison_visits.benefits.ports import (
    BenefitCheck,
    BenefitChecker,
    BenefitCheckResult,
    UnknownBenefitStatusError,
)
from hmpps_workers.core.prison_visits.claims.ports import ClaimRepository
from hmpps_workers.core.prison_visits.claims.records import (
    SYSTEM_CASEWORKER,
    ClaimEvent,
    ClaimKey,
)
from hmpps_workers.core.prison_visits.claims.values import ClaimEventType, ClaimStatus
from hmpps_workers.core.prison_visits.claims.views import DwpCheckInput
from hmpps_workers.core.prison_visits.handlers.common import (
    ClaimNotFoundError,
    StepType,
    claim_key,
    completed_if,
)
from hmpps_workers.core.prison_visits.handlers.ports import (
    BenefitResult,
    ClaimUpdate,
    ClaimUpdates,
    PlaceholderDocument,
)
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks.model import Completed, Task

log = logging.getLogger(__name__)

FRESH_STATUSES = frozenset({ClaimStatus.NEW, ClaimStatus.PENDING, ClaimStatus.UPDATED})
"""Where a claim can be when its benefit check runs; later ones are a caseworker's."""


HOLDER_MISSING_NOTE = (
    "The visitor said someone else receives the benefit, but the claim has no details"
    " of that person, so DWP was not asked: check the benefit by hand."
)
UNKNOWN_STATUS_NOTE = (
    "The DWP benefit checker answered with a status this worker does not know (it is"
    " stored as the benefit checker result): check the benefit by hand."
)


def person_to_check(found: DwpCheckInput) -> BenefitCheck | None:
    """The benefit holder when the visitor said someone else holds it, else them.

    None when the holder is someone else and their details are missing: checking the
    visitor instead would ask DWP about the wrong person.
    """
    person = found.visitor
    if found.benefit_owner == "no":
        if found.benefit_holder is None:
            return None
        person = found.benefit_holder
    return BenefitCheck(
        nino=person.national_insurance_number,
        surname=person.last_name,
        date_of_birth=person.date_of_birth,
    )


@attrs.define(kw_only=True)
class DwpCheck:
    """Checks the claimant's benefit with DWP and routes the claim on."""

    claims: ClaimRepository
    updates: ClaimUpdates
    checker: BenefitChecker
    clock: Clock

    def __call__(self, task: Task) -> Completed | None:
        """Check, then commit the route's writes, next task and the task's end."""
        key = claim_key(task)
        found = self.claims.dwp_check_input(
            reference=key.reference,
            eligibility_id=key.eligibility_id,
            claim_id=key.claim_id,
        )
        if found is None:
            raise ClaimNotFoundError(
                f"{key.describe()} (with its eligibility and visitor) is not in"
                " IntSchema"
            )
        person = person_to_check(found)
        if person is None:
            self.to_caseworker(task, key, HOLDER_MISSING_NOTE)
            return None
        try:
            result = self.checker.check(person)
        except UnknownBenefitStatusError as error:
            stored = BenefitResult(visitor_id=found.visitor_id, result=error.status)
            self.to_caseworker(task, key, UNKNOWN_STATUS_NOTE, stored)
            return None
        route = route_benefit_check(result, found.benefit)
        if route is BenefitCheckRoute.REQUEST_INFORMATION:
            update = self.request_evidence(key, found, result)
        else:
            update = ClaimUpdate(
                claim_id=key.claim_id,
                eligibility_id=key.eligibility_id,
                reference=key.reference,
                now=self.clock.now(),
                benefit_result=BenefitResult(
                    visitor_id=found.visitor_id, result=result.value
                ),
                follow_on_tasks=(key.task(StepType.AUTO_APPROVAL_CHECK),),
            )
        applied = self.updates.apply(attrs.evolve(update, completes=task))
        log.info(
            "benefit checked",
            extra={
                "task": task.describe(),
                "claim": key.claim_id,
                "result": result.value,
                "route": route.value,
                "applied": applied,
            },
        )
        return completed_if(applied)

    def to_caseworker(
        self,
        task: Task,
        key: ClaimKey,
        note: str,
        result: BenefitResult | None = None,
    ) -> None:
        """Leave the claim to a caseworker with a note (and the answer, if any)."""
        now = self.clock.now()
        applied = self.updates.apply(
            ClaimUpdate(
                claim_id=key.claim_id,
                eligibility_id=key.eligibility_id,
                reference=key.reference,
                now=now,
                expected_statuses=FRESH_STATUSES,
                benefit_result=result,
                events=(
                    ClaimEvent(
                        eligibility_id=key.eligibility_id,
                        claim_id=key.claim_id,
                        reference=key.reference,
                        date_added=now,
                        event=ClaimEventType.FORCED_MANUAL_CHECK,
                        note=note,
                        is_internal=True,
                    ),
                ),
            )
        )
        log.warning(
            "benefit not checkable automatically; claim left to a caseworker",
            extra={"task": task.describe(), "claim": key.claim_id, "applied": applied},
        )

    def request_evidence(
        self, key: ClaimKey, found: DwpCheckInput, result: BenefitCheckResult
    ) -> ClaimUpdate:
        """Ask the claimant for evidence of the benefit DWP could not confirm."""
        now = self.clock.now()
        return ClaimUpdate(
            claim_id=key.claim_id,
            eligibility_id=key.eligibility_id,
            reference=key.reference,
            now=now,
            expected_statuses=FRESH_STATUSES,
            new_status=ClaimStatus.REQUEST_INFORMATION,
            placeholder=PlaceholderDocument(document_type=found.benefit or "benefit"),
            benefit_result=BenefitResult(
                visitor_id=found.visitor_id,
                result=result.value,
                dwp_check=ClaimStatus.REQUEST_INFORMATION,
            ),
            events=(
                ClaimEvent(
                    eligibility_id=key.eligibility_id,
                    claim_id=key.claim_id,
                    reference=key.reference,
                    date_added=now,
                    event=ClaimEventType.CLAIM_REQUEST_INFORMATION,
                    note=REQUEST_EVIDENCE_NOTE,
                    caseworker=SYSTEM_CASEWORKER,
                    is_internal=False,
                ),
            ),
            follow_on_tasks=(
                key.task(TaskType.DWP_FAILED_NOTIFICATION, found.email_address),
            ),
        )
