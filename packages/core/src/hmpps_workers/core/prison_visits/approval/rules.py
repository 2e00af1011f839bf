"""The auto-approval rules by name, in the original's order, and their results."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

import attrs

from hmpps_workers.core.prison_visits.approval.calendar import uk_today
from hmpps_workers.core.prison_visits.approval.config import AutoApprovalSettings
from hmpps_workers.core.prison_visits.approval.data import (
    AutoApprovalData,
    baseline_claim,
    latest_manual_claim,
)
from hmpps_workers.core.prison_visits.approval.details import claim_ref
from hmpps_workers.core.prison_visits.claims.model import Claim


class Rule(enum.StrEnum):
    """Every rule, in the order of the original enum, as RulesDisabled names it."""

    ARE_CHILDREN_UNDER_18 = "are-children-under-18"
    CLAIMANT_HAS_NOT_BEEN_OVERPAID = "claimant-has-not-been-overpaid"
    COST_AND_VARIANCE_EQUAL_OR_LESS_THAN_FIRST_TIME_CLAIM = (
        "cost-and-variance-equal-or-less-than-first-time-claim"
    )
    DO_EXPENSES_MATCH_FIRST_TIME_CLAIM = "do-expenses-match-first-time-claim"
    HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_YEAR = (
        "has-claimed-less-than-max-times-this-year"
    )
    HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_MONTH = (
        "has-claimed-less-than-max-times-this-month"
    )
    HAS_UPLOADED_PRISON_VISIT_CONFIRMATION_AND_RECEIPTS = (
        "has-uploaded-prison-visit-confirmation-and-receipts"
    )
    IS_CLAIM_SUBMITTED_WITHIN_TIME_LIMIT = "is-claim-submitted-within-time-limit"
    IS_CLAIM_TOTAL_UNDER_LIMIT = "is-claim-total-under-limit"
    IS_CLAIMANT_TRUSTED = "is-claimant-trusted"
    IS_LATEST_MANUAL_CLAIM_APPROVED = "is-latest-manual-claim-approved"
    IS_NO_PREVIOUS_PENDING_CLAIM = "is-no-previous-pending-claim"
    IS_PRISON_NOT_IN_GUERNSEY_JERSEY = "is-prison-not-in-guernsey-jersey"
    IS_VISIT_IN_PAST = "is-visit-in-past"
    VISIT_DATE_DIFFERENT_TO_PREVIOUS_CLAIMS = "visit-date-different-to-previous-claims"
    IS_RELEASE_DATE_SET = "is-release-date-set"
    PRISONER_NOT_VISITED_ON_THIS_DATE = "prisoner-not-visited-on-this-date"
    IS_BENEFIT_EXPIRY_DATE_IN_FUTURE = "is-benefit-expiry-date-in-future"


FORCE_MANUAL_CHECK = "force-manual-check-after-number-of-auto-approvals"
"""Not a rule: in RulesDisabled it switches the consecutive-approval limit off."""

FAILURE_MESSAGES: dict[Rule, str] = {
    Rule.ARE_CHILDREN_UNDER_18: (
        "One or more children to be claimed are over 18 years old"
    ),
    Rule.CLAIMANT_HAS_NOT_BEEN_OVERPAID: (
        "This claimant has been flagged as being overpaid on a previous claim"
    ),
    Rule.COST_AND_VARIANCE_EQUAL_OR_LESS_THAN_FIRST_TIME_CLAIM: (
        "Claim expense costs are outside of the accepted variance from the last "
        "manually approved claim"
    ),
    Rule.DO_EXPENSES_MATCH_FIRST_TIME_CLAIM: (
        "The number or type of expenses for this claim don't match the last manually "
        "approved claim"
    ),
    Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_YEAR: (
        "This claimant has claimed more than the maximum number of times this year"
    ),
    Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_MONTH: (
        "This claimant has claimed more than the maximum number of times this month"
    ),
    Rule.HAS_UPLOADED_PRISON_VISIT_CONFIRMATION_AND_RECEIPTS: (
        "A prison visit confirmation and/or receipts have not been uploaded"
    ),
    Rule.IS_CLAIM_SUBMITTED_WITHIN_TIME_LIMIT: (
        "Claim was not submitted within the time limit"
    ),
    Rule.IS_CLAIM_TOTAL_UNDER_LIMIT: (
        "The total claim value is over the maximum permitted amount"
    ),
    Rule.IS_CLAIMANT_TRUSTED: (
        "This claimant has been marked as untrusted by a case worker"
    ),
    Rule.IS_LATEST_MANUAL_CLAIM_APPROVED: (
        "The last manually evaluated claim was not approved"
    ),
    Rule.IS_NO_PREVIOUS_PENDING_CLAIM: (
        "There was a previous pending claim for this claimant"
    ),
    Rule.IS_PRISON_NOT_IN_GUERNSEY_JERSEY: (
        "The prison being visited by this claimant is located in either Guernsey or "
        "Jersey"
    ),
    Rule.IS_VISIT_IN_PAST: (
        "The date of visit for this claim is not in the past at time of processing"
    ),
    Rule.VISIT_DATE_DIFFERENT_TO_PREVIOUS_CLAIMS: (
        "The date of visit for this claim is the same as the date of visit for a "
        "previous claim"
    ),
    Rule.IS_RELEASE_DATE_SET: (
        "Auto-Approval is disabled for prisoners with pending release dates"
    ),
    Rule.PRISONER_NOT_VISITED_ON_THIS_DATE: (
        "A claim has already been made for this prisoner on this date"
    ),
    Rule.IS_BENEFIT_EXPIRY_DATE_IN_FUTURE: (
        "The visit date is after the benefit expiry date"
    ),
}

NO_BENEFIT_EXPIRY_MESSAGE = "The Benefit Expiry Date has not been set"


@attrs.frozen(kw_only=True)
class RuleResult:
    """One rule's verdict; `failure_message` is set only when it failed."""

    rule: Rule
    passed: bool
    failure_message: str | None = None


_PASSED = {rule: RuleResult(rule=rule, passed=True) for rule in Rule}
_FAILED = {
    rule: RuleResult(rule=rule, passed=False, failure_message=FAILURE_MESSAGES[rule])
    for rule in Rule
}


def passed(rule: Rule) -> RuleResult:
    """A pass (results are immutable, so one per rule is shared)."""
    return _PASSED[rule]


def failed(rule: Rule, message: str | None = None) -> RuleResult:
    """A failure, with the rule's own message unless another is given."""
    if message is None:
        return _FAILED[rule]
    return RuleResult(rule=rule, passed=False, failure_message=message)


def failed_with_details(facts: Facts, rule: Rule, *details: str) -> RuleResult:
    """A failure with the rule's message and production's ". Claim ref: ..." tail."""
    tail = claim_ref(facts.data.claim.reference, *details)
    return failed(rule, FAILURE_MESSAGES[rule] + tail)


def verdict(rule: Rule, *, ok: bool) -> RuleResult:
    """A pass or a failure with the rule's own message."""
    return _PASSED[rule] if ok else _FAILED[rule]


@attrs.frozen(kw_only=True)
class Facts:
    """The data, the settings and "now", with what several rules derive from them."""

    data: AutoApprovalData
    settings: AutoApprovalSettings
    now: datetime
    today: date
    baseline: Claim | None
    latest_manual: Claim | None

    @classmethod
    def gather(
        cls, data: AutoApprovalData, settings: AutoApprovalSettings, now: datetime
    ) -> Facts:
        """Derive the shared facts once per check."""
        return cls(
            data=data,
            settings=settings,
            now=now,
            today=uk_today(now),
            baseline=baseline_claim(data.previous_claims),
            latest_manual=latest_manual_claim(data.previous_claims),
        )


def as_number(value: Decimal | int | None) -> Decimal:
    """A threshold as the original's JavaScript compared it: null counts as zero."""
    return Decimal(value) if value is not None else Decimal(0)
