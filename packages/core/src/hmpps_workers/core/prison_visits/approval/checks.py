"""The auto-approval checks on costs, counts and evidence, and all eighteen in order."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from decimal import Decimal

from hmpps_workers.core.prison_visits.approval.calendar import (
    claim_year_start,
    month_window,
    one_year_after,
)
from hmpps_workers.core.prison_visits.approval.claimant_checks import (
    benefit_expiry_in_future,
    children_under_18,
    claimant_trusted,
    latest_manual_claim_approved,
    no_previous_pending,
    prison_not_in_channel_islands,
    prisoner_not_visited,
    release_date_set,
    visit_date_different,
    visit_in_past,
)
from hmpps_workers.core.prison_visits.approval.details import (
    js_bool,
    js_number,
    js_sum,
)
from hmpps_workers.core.prison_visits.approval.rules import (
    Facts,
    Rule,
    RuleResult,
    as_number,
    failed_with_details,
    passed,
    verdict,
)
from hmpps_workers.core.prison_visits.claims.model import ClaimExpense

UPLOADED = "uploaded"
VISIT_CONFIRMATION = "VISIT-CONFIRMATION"
COUNTED_THIS_MONTH = frozenset({"APPROVED", "AUTO-APPROVED", "APPROVED_ADVANCE_CLOSED"})

Check = Callable[[Facts], RuleResult]


def _enabled(expenses: Iterable[ClaimExpense]) -> list[ClaimExpense]:
    return [expense for expense in expenses if expense.is_enabled is not False]


def _by_type(expenses: Iterable[ClaimExpense]) -> dict[str, list[ClaimExpense]]:
    """Expenses grouped by type, types in order of first appearance (as JS keys)."""
    groups: dict[str, list[ClaimExpense]] = {}
    for expense in expenses:
        groups.setdefault(expense.expense_type, []).append(expense)
    return groups


def not_overpaid(facts: Facts) -> RuleResult:
    """No previous claim is flagged overpaid."""
    overpaid = any(claim.is_overpaid is True for claim in facts.data.previous_claims)
    return verdict(Rule.CLAIMANT_HAS_NOT_BEEN_OVERPAID, ok=not overpaid)


def cost_within_variance(facts: Facts) -> RuleResult:
    """Each expense type's total is within the variance of the baseline's approved."""
    rule = Rule.COST_AND_VARIANCE_EQUAL_OR_LESS_THAN_FIRST_TIME_CLAIM
    if facts.baseline is None:
        return passed(rule)
    approved = _by_type(facts.data.baseline_expenses)
    percentage = abs(as_number(facts.settings.cost_variance_percentage))
    for expense_type, group in _by_type(_enabled(facts.data.expenses)).items():
        first = approved.get(expense_type, [])
        current = sum((e.cost for e in group), Decimal(0))
        baseline = sum((e.approved_cost or Decimal(0) for e in first), Decimal(0))
        allowed = baseline * percentage / 100
        if (
            current != baseline
            and not baseline - allowed <= current <= baseline + allowed
        ):
            js_current = js_sum(e.cost for e in group)
            js_first = js_sum(e.approved_cost for e in first)
            js_variance = js_first * (float(percentage) / 100)
            return failed_with_details(
                facts,
                rule,
                f"Current expense type total: {js_number(js_current)}",
                f"Upper threshold: {js_number(js_first + js_variance)}",
                f"Lower threshold: {js_number(js_first - js_variance)}",
            )
    return passed(rule)


def expenses_match(facts: Facts) -> RuleResult:
    """Every expense type appears on the baseline, no more often than there."""
    rule = Rule.DO_EXPENSES_MATCH_FIRST_TIME_CLAIM
    if facts.baseline is None:
        return passed(rule)
    baseline = _by_type(facts.data.baseline_expenses)
    for kind, group in _by_type(_enabled(facts.data.expenses)).items():
        first = baseline.get(kind)
        if not first:
            return failed_with_details(
                facts,
                rule,
                f"No. of current expense type: {len(group)}",
                "No. of first time claim expense: 0",
            )
        if len(group) > len(first):
            return failed_with_details(
                facts,
                rule,
                f"Expense type: {json.dumps(first[0].expense_type)}",
                f"No. of current expense type: {len(group)}",
                f"No. of first time claim expense: {len(first)}",
            )
    return passed(rule)


def under_max_claims_this_year(facts: Facts) -> RuleResult:
    """Journeys since the latest anniversary of the first one are within the limit."""
    rule = Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_YEAR
    previous = facts.data.previous_claims
    if not previous:
        return passed(rule)
    first = min(claim.date_of_journey for claim in previous)
    start = claim_year_start(first, facts.now)
    journey = facts.data.claim.date_of_journey
    count = int(start <= journey <= one_year_after(start))
    count += sum(1 for claim in previous if claim.date_of_journey >= start)
    setting = facts.settings.max_number_of_claims_per_year
    if count <= as_number(setting):
        return passed(rule)
    return failed_with_details(
        facts,
        rule,
        f"Maximum no of claims per year: {js_number(setting)}",
        f"No. of claims this year: {count}",
    )


def under_max_claims_this_month(facts: Facts) -> RuleResult:
    """This journey plus approved claims submitted this month are within the limit."""
    rule = Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_MONTH
    previous = facts.data.previous_claims
    if not previous:
        return passed(rule)
    first, next_first = month_window(facts.now)
    count = int(first <= facts.data.claim.date_of_journey <= next_first)
    count += sum(
        1
        for claim in previous
        if claim.status in COUNTED_THIS_MONTH
        and claim.date_submitted is not None
        and claim.date_submitted >= first
    )
    setting = facts.settings.max_number_of_claims_per_month
    if count <= as_number(setting):
        return passed(rule)
    return failed_with_details(
        facts,
        rule,
        f"Maximum no of claims per month: {js_number(setting)}",
        f"No. of claims this month: {count}",
    )


def evidence_uploaded(facts: Facts) -> RuleResult:
    """The (last) visit confirmation and every other document are uploaded."""
    confirmation = False
    others_uploaded = True
    for document in facts.data.documents:
        if document.document_type == VISIT_CONFIRMATION:
            confirmation = document.document_status == UPLOADED
        elif document.document_status != UPLOADED:
            others_uploaded = False
    rule = Rule.HAS_UPLOADED_PRISON_VISIT_CONFIRMATION_AND_RECEIPTS
    if confirmation and others_uploaded:
        return passed(rule)
    return failed_with_details(
        facts,
        rule,
        f"Prison visit confirmation uploaded: {js_bool(confirmation)}",
        f"All required documents uploaded: {js_bool(others_uploaded)}",
    )


def within_time_limit(_: Facts) -> RuleResult:
    """Always passes: production commented the comparison out (an amnesty)."""
    return passed(Rule.IS_CLAIM_SUBMITTED_WITHIN_TIME_LIMIT)


def total_under_limit(facts: Facts) -> RuleResult:
    """The enabled expenses cost no more than the maximum claim total."""
    rule = Rule.IS_CLAIM_TOTAL_UNDER_LIMIT
    expenses = _enabled(facts.data.expenses)
    total = sum((e.cost for e in expenses), Decimal(0))
    setting = facts.settings.max_claim_total
    if total <= as_number(setting):
        return passed(rule)
    return failed_with_details(
        facts,
        rule,
        f"Total claim: {js_number(js_sum(e.cost for e in expenses))}",
        f"Maximum permitted amount: {js_number(setting)}",
    )


CHECKS: dict[Rule, Check] = {
    Rule.ARE_CHILDREN_UNDER_18: children_under_18,
    Rule.CLAIMANT_HAS_NOT_BEEN_OVERPAID: not_overpaid,
    Rule.COST_AND_VARIANCE_EQUAL_OR_LESS_THAN_FIRST_TIME_CLAIM: cost_within_variance,
    Rule.DO_EXPENSES_MATCH_FIRST_TIME_CLAIM: expenses_match,
    Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_YEAR: under_max_claims_this_year,
    Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_MONTH: under_max_claims_this_month,
    Rule.HAS_UPLOADED_PRISON_VISIT_CONFIRMATION_AND_RECEIPTS: evidence_uploaded,
    Rule.IS_CLAIM_SUBMITTED_WITHIN_TIME_LIMIT: within_time_limit,
    Rule.IS_CLAIM_TOTAL_UNDER_LIMIT: total_under_limit,
    Rule.IS_CLAIMANT_TRUSTED: claimant_trusted,
    Rule.IS_LATEST_MANUAL_CLAIM_APPROVED: latest_manual_claim_approved,
    Rule.IS_NO_PREVIOUS_PENDING_CLAIM: no_previous_pending,
    Rule.IS_PRISON_NOT_IN_GUERNSEY_JERSEY: prison_not_in_channel_islands,
    Rule.IS_VISIT_IN_PAST: visit_in_past,
    Rule.VISIT_DATE_DIFFERENT_TO_PREVIOUS_CLAIMS: visit_date_different,
    Rule.IS_RELEASE_DATE_SET: release_date_set,
    Rule.PRISONER_NOT_VISITED_ON_THIS_DATE: prisoner_not_visited,
    Rule.IS_BENEFIT_EXPIRY_DATE_IN_FUTURE: benefit_expiry_in_future,
}


def run_checks(facts: Facts) -> tuple[RuleResult, ...]:
    """Every rule not disabled, in order, with no short-circuit."""
    disabled = facts.settings.rules_disabled
    return tuple(check(facts) for rule, check in CHECKS.items() if rule not in disabled)
