"""The auto-approval checks about the people and the visit: one function each."""

from __future__ import annotations

from hmpps_workers.core.prison_visits.approval.calendar import whole_years_between
from hmpps_workers.core.prison_visits.approval.details import uk_date
from hmpps_workers.core.prison_visits.approval.rules import (
    NO_BENEFIT_EXPIRY_MESSAGE,
    Facts,
    Rule,
    RuleResult,
    failed,
    failed_with_details,
    passed,
    verdict,
)

ADULT_AGE = 18
PENDING = "PENDING"
APPROVED = "APPROVED"
CHANNEL_ISLANDS_PRISONS = frozenset({"les-nicolles", "la-moye"})


def children_under_18(facts: Facts) -> RuleResult:
    """Every child on the claim is under 18 today."""
    rule = Rule.ARE_CHILDREN_UNDER_18
    for child in facts.data.children:
        if whole_years_between(child.date_of_birth, facts.today) >= ADULT_AGE:
            return failed_with_details(
                facts, rule, f"Date of birth: {uk_date(child.date_of_birth)}"
            )
    return passed(rule)


def claimant_trusted(facts: Facts) -> RuleResult:
    """A caseworker has not marked the eligibility untrusted."""
    eligibility = facts.data.eligibility
    trusted = eligibility is not None and eligibility.is_trusted is True
    return verdict(Rule.IS_CLAIMANT_TRUSTED, ok=trusted)


def latest_manual_claim_approved(facts: Facts) -> RuleResult:
    """The claim a caseworker decided last was approved."""
    latest = facts.latest_manual
    ok = latest is not None and latest.status == APPROVED
    return verdict(Rule.IS_LATEST_MANUAL_CLAIM_APPROVED, ok=ok)


def no_previous_pending(facts: Facts) -> RuleResult:
    """No previous claim is still pending."""
    pending = any(claim.status == PENDING for claim in facts.data.previous_claims)
    return verdict(Rule.IS_NO_PREVIOUS_PENDING_CLAIM, ok=not pending)


def prison_not_in_channel_islands(facts: Facts) -> RuleResult:
    """The prison is not in Guernsey or Jersey."""
    prisoner = facts.data.prisoner
    ok = prisoner is None or prisoner.name_of_prison not in CHANNEL_ISLANDS_PRISONS
    return verdict(Rule.IS_PRISON_NOT_IN_GUERNSEY_JERSEY, ok=ok)


def visit_in_past(facts: Facts) -> RuleResult:
    """The journey is strictly before now (so advance claims wait)."""
    return verdict(
        Rule.IS_VISIT_IN_PAST, ok=facts.data.claim.date_of_journey < facts.now
    )


def visit_date_different(facts: Facts) -> RuleResult:
    """No previous claim, in any status, was for the same journey date."""
    rule = Rule.VISIT_DATE_DIFFERENT_TO_PREVIOUS_CLAIMS
    journey = facts.data.claim.date_of_journey
    for claim in facts.data.previous_claims:
        if claim.date_of_journey == journey:
            return failed_with_details(
                facts,
                rule,
                f"Current claim visit date: {uk_date(journey)}",
                f"Previous claim visit date: {uk_date(claim.date_of_journey)}",
            )
    return passed(rule)


def release_date_set(facts: Facts) -> RuleResult:
    """The prisoner has a release date set (despite the message's wording)."""
    prisoner = facts.data.prisoner
    ok = prisoner is not None and prisoner.release_date_is_set is True
    return verdict(Rule.IS_RELEASE_DATE_SET, ok=ok)


def prisoner_not_visited(facts: Facts) -> RuleResult:
    """No other eligibility claimed for this prisoner on the same day."""
    prisoner = facts.data.prisoner
    ok = (
        prisoner is not None
        and facts.data.prison_numbers_on_journey_date.count(prisoner.prison_number) <= 1
    )
    return verdict(Rule.PRISONER_NOT_VISITED_ON_THIS_DATE, ok=ok)


def benefit_expiry_in_future(facts: Facts) -> RuleResult:
    """The benefit expires on or after the journey (moment's isSameOrAfter)."""
    rule = Rule.IS_BENEFIT_EXPIRY_DATE_IN_FUTURE
    visitor = facts.data.visitor
    expiry = visitor.benefit_expiry_date if visitor else None
    if expiry is None:
        return failed(rule, NO_BENEFIT_EXPIRY_MESSAGE)
    journey = facts.data.claim.date_of_journey
    if expiry >= journey:
        return passed(rule)
    return failed_with_details(
        facts,
        rule,
        f"Benefit expiry date: {uk_date(expiry)}",
        f"Date of journey: {uk_date(journey)}",
    )
