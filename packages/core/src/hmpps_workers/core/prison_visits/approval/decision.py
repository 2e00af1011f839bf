"""The auto-approval decision: approve now, defer, not approved, or not considered."""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

from hmpps_workers.core.clock import UK, require_aware
from hmpps_workers.core.prison_visits.approval.checks import run_checks
from hmpps_workers.core.prison_visits.approval.config import AutoApprovalSettings
from hmpps_workers.core.prison_visits.approval.data import AutoApprovalData
from hmpps_workers.core.prison_visits.approval.rules import (
    FORCE_MANUAL_CHECK,
    Facts,
    Rule,
    RuleResult,
)
from hmpps_workers.core.prison_visits.claims.model import Claim
from hmpps_workers.core.prison_visits.claims.values import ClaimEventType

NEW = "NEW"
AUTO_APPROVED = "AUTO-APPROVED"
NOT_CONSIDERED_CLAIM_TYPES = frozenset({"first-time", "repeat-new-eligibility"})
DWP_CHECKABLE_BENEFITS = frozenset(
    {"income-support", "jobseekers-allowance", "employment-support", "pension-credit"}
)
BENEFIT_CHECK_NOT_RUN = "NOT-RUN"
FORCED_MANUAL_CHECK_NOTE = "Number of consecutive auto approvals exceeded limit"
OFFICE_OPENS = 10
OFFICE_CLOSES = 17
FRIDAY = 4
NOTE_LENGTH = 2000


class Outcome(enum.StrEnum):
    """What the handler does with the claim."""

    APPROVE_NOW = "approve-now"
    DEFER = "defer"
    NOT_APPROVED = "not-approved"
    FORCED_MANUAL_CHECK = "forced-manual-check"
    SKIPPED = "skipped"


class SkipReason(enum.StrEnum):
    """Why a claim was not considered at all (no event is written)."""

    DISABLED = "auto-approval is disabled"
    CLAIM_TYPE = "first-time and new-eligibility claims are always checked by hand"
    NOT_NEW = "the claim is not NEW"
    BENEFIT_NOT_VERIFIED = "the benefit checker did not run for a DWP-checked benefit"
    UNPRICED_CAR_JOURNEY = "a car journey could not be priced automatically"


@attrs.frozen(kw_only=True)
class PlannedEvent:
    """A ClaimEvent to write for the claim (date and ids come from the handler)."""

    event: ClaimEventType
    note: str | None = attrs.field(default=None, repr=False)
    additional_data: str | None = attrs.field(default=None, repr=False)
    is_internal: bool = True


@attrs.frozen(kw_only=True)
class Decision:
    """The outcome, the rule results it rests on, and the event to write, if any."""

    outcome: Outcome
    results: tuple[RuleResult, ...] = ()
    skip_reason: SkipReason | None = None
    event: PlannedEvent | None = None

    @property
    def failed_rules(self) -> tuple[Rule, ...]:
        """The names of the rules that failed, in the enum's order."""
        return tuple(result.rule for result in self.results if not result.passed)


def is_office_hours(now: datetime) -> bool:
    """Monday to Friday, 10:00 to 17:00 on the UK wall clock."""
    local = require_aware(now).astimezone(UK)
    return local.weekday() <= FRIDAY and OFFICE_OPENS <= local.hour < OFFICE_CLOSES


def consecutive_limit_reached(
    data: AutoApprovalData, settings: AutoApprovalSettings
) -> bool:
    """Whether the last N claims with this Reference were all auto-approved.

    N of zero (or a null column) trips every time, as in the original.
    """
    limit = settings.number_of_consecutive_auto_approvals or 0
    if FORCE_MANUAL_CHECK in settings.rules_disabled:
        count = 0
    else:
        recent = data.reference_claim_statuses[:limit] if limit > 0 else ()
        count = sum(1 for status in recent if status == AUTO_APPROVED)
    return limit <= count


def failure_note(results: tuple[RuleResult, ...]) -> str:
    """One "* message" line per failed rule, joined as the caseworkers' app shows.

    Cut to the Note column's 2000 characters: production's insert failed past it.
    """
    note = "<br />".join(
        f"* {result.failure_message}" for result in results if not result.passed
    )
    return note if len(note) <= NOTE_LENGTH else note[: NOTE_LENGTH - 1] + "…"


def claim_skip_reason(
    claim: Claim, settings: AutoApprovalSettings
) -> SkipReason | None:
    """Why the claim is not considered, from its row alone (checked first).

    When this gives a reason, `decide` skips the claim whatever its rows say, so
    the handler need not read them.
    """
    if not settings.enabled:
        return SkipReason.DISABLED
    if claim.claim_type in NOT_CONSIDERED_CLAIM_TYPES:
        return SkipReason.CLAIM_TYPE
    if claim.status != NEW:
        return SkipReason.NOT_NEW
    return None


def _skip_reason(
    data: AutoApprovalData, settings: AutoApprovalSettings
) -> SkipReason | None:
    reason = claim_skip_reason(data.claim, settings)
    if reason is not None:
        return reason
    if data.unpriced_car_journeys:
        return SkipReason.UNPRICED_CAR_JOURNEY
    benefit = data.visitor.benefit if data.visitor else None
    if (
        data.benefit_check_result == BENEFIT_CHECK_NOT_RUN
        and benefit in DWP_CHECKABLE_BENEFITS
    ):
        return SkipReason.BENEFIT_NOT_VERIFIED
    return None


def decide(
    data: AutoApprovalData, settings: AutoApprovalSettings, now: datetime
) -> Decision:
    """Run the procedure of the original's auto-approval check on one claim."""
    reason = _skip_reason(data, settings)
    if reason is not None:
        return Decision(outcome=Outcome.SKIPPED, skip_reason=reason)
    if consecutive_limit_reached(data, settings):
        return Decision(
            outcome=Outcome.FORCED_MANUAL_CHECK,
            event=PlannedEvent(
                event=ClaimEventType.FORCED_MANUAL_CHECK,
                note=FORCED_MANUAL_CHECK_NOTE,
                additional_data=data.visitor_email,
            ),
        )
    results = run_checks(Facts.gather(data, settings, require_aware(now)))
    if all(result.passed for result in results):
        outcome = Outcome.APPROVE_NOW if is_office_hours(now) else Outcome.DEFER
        return Decision(outcome=outcome, results=results)
    return Decision(
        outcome=Outcome.NOT_APPROVED,
        results=results,
        event=PlannedEvent(
            event=ClaimEventType.AUTO_APPROVAL_FAILURE,
            note=failure_note(results),
            additional_data=data.visitor_email,
        ),
    )
