"""The whole auto-approval procedure, table-driven, and the office-hours window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.clock import UK
from hmpps_workers.core.prison_visits.approval import (
    Outcome,
    Rule,
    SkipReason,
    decide,
    deferred_approval,
    is_office_hours,
    may_apply_deferred,
    plan_approval,
)
from hmpps_workers.core.prison_visits.approval.checks import CHECKS
from hmpps_workers.core.prison_visits.approval.decision import failure_note
from hmpps_workers.core.prison_visits.approval.rules import FAILURE_MESSAGES
from hmpps_workers.core.prison_visits.approval.rules import failed as failure
from hmpps_workers.core.prison_visits.claims.values import ClaimEventType
from hmpps_workers.core.testing.approval_builders import (
    OFFICE_HOURS,
    approvable,
    default_settings,
    with_claim,
)

EVENING = datetime(2024, 7, 3, 17, 0, tzinfo=UTC)  # 18:00 BST
EMAIL = "visitor@example.com"

SPEC_ORDER = [
    "are-children-under-18",
    "claimant-has-not-been-overpaid",
    "cost-and-variance-equal-or-less-than-first-time-claim",
    "do-expenses-match-first-time-claim",
    "has-claimed-less-than-max-times-this-year",
    "has-claimed-less-than-max-times-this-month",
    "has-uploaded-prison-visit-confirmation-and-receipts",
    "is-claim-submitted-within-time-limit",
    "is-claim-total-under-limit",
    "is-claimant-trusted",
    "is-latest-manual-claim-approved",
    "is-no-previous-pending-claim",
    "is-prison-not-in-guernsey-jersey",
    "is-visit-in-past",
    "visit-date-different-to-previous-claims",
    "is-release-date-set",
    "prisoner-not-visited-on-this-date",
    "is-benefit-expiry-date-in-future",
]


def _untrusted():
    data = approvable()
    assert data.eligibility is not None
    return attrs.evolve(
        data, eligibility=attrs.evolve(data.eligibility, is_trusted=False)
    )


def _not_run(benefit):
    data = approvable(benefit_check_result="NOT-RUN")
    assert data.visitor is not None
    return attrs.evolve(data, visitor=attrs.evolve(data.visitor, benefit=benefit))


# (id, data, settings changes, now, outcome, skip reason, failed rules, event)
TABLE = [
    (
        "all pass in office hours",
        approvable(),
        {},
        OFFICE_HOURS,
        Outcome.APPROVE_NOW,
        None,
        (),
        None,
    ),
    ("all pass after 17:00", approvable(), {}, EVENING, Outcome.DEFER, None, (), None),
    (
        "switched off",
        approvable(),
        {"enabled": False},
        OFFICE_HOURS,
        Outcome.SKIPPED,
        SkipReason.DISABLED,
        (),
        None,
    ),
    (
        "first-time claim",
        with_claim(approvable(), claim_type="first-time"),
        {},
        OFFICE_HOURS,
        Outcome.SKIPPED,
        SkipReason.CLAIM_TYPE,
        (),
        None,
    ),
    (
        "new eligibility",
        with_claim(approvable(), claim_type="repeat-new-eligibility"),
        {},
        OFFICE_HOURS,
        Outcome.SKIPPED,
        SkipReason.CLAIM_TYPE,
        (),
        None,
    ),
    (
        "duplicate repeat considered",
        with_claim(approvable(), claim_type="repeat-duplicate"),
        {},
        OFFICE_HOURS,
        Outcome.APPROVE_NOW,
        None,
        (),
        None,
    ),
    (
        "pending claim",
        with_claim(approvable(), status="PENDING"),
        {},
        OFFICE_HOURS,
        Outcome.SKIPPED,
        SkipReason.NOT_NEW,
        (),
        None,
    ),
    (
        "checker off, checked benefit",
        _not_run("income-support"),
        {},
        OFFICE_HOURS,
        Outcome.SKIPPED,
        SkipReason.BENEFIT_NOT_VERIFIED,
        (),
        None,
    ),
    (
        "checker off, other benefit",
        _not_run("universal-credit"),
        {},
        OFFICE_HOURS,
        Outcome.APPROVE_NOW,
        None,
        (),
        None,
    ),
    (
        "four auto-approvals in a row",
        approvable(reference_claim_statuses=("AUTO-APPROVED",) * 4),
        {},
        OFFICE_HOURS,
        Outcome.FORCED_MANUAL_CHECK,
        None,
        (),
        ClaimEventType.FORCED_MANUAL_CHECK,
    ),
    (
        "three of the last four",
        approvable(
            reference_claim_statuses=("AUTO-APPROVED",) * 3
            + ("APPROVED", "AUTO-APPROVED")
        ),
        {},
        OFFICE_HOURS,
        Outcome.APPROVE_NOW,
        None,
        (),
        None,
    ),
    (
        "limit switched off",
        approvable(reference_claim_statuses=("AUTO-APPROVED",) * 4),
        {
            "rules_disabled": frozenset(
                {"force-manual-check-after-number-of-auto-approvals"}
            )
        },
        OFFICE_HOURS,
        Outcome.APPROVE_NOW,
        None,
        (),
        None,
    ),
    (
        "limit of zero always trips",
        approvable(),
        {"number_of_consecutive_auto_approvals": 0},
        OFFICE_HOURS,
        Outcome.FORCED_MANUAL_CHECK,
        None,
        (),
        ClaimEventType.FORCED_MANUAL_CHECK,
    ),
    (
        "untrusted and over the limit",
        _untrusted(),
        {"max_claim_total": Decimal(10)},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        None,
        (Rule.IS_CLAIM_TOTAL_UNDER_LIMIT, Rule.IS_CLAIMANT_TRUSTED),
        ClaimEventType.AUTO_APPROVAL_FAILURE,
    ),
    (
        "failed rules disabled",
        _untrusted(),
        {
            "max_claim_total": Decimal(10),
            "rules_disabled": frozenset(
                {"is-claim-total-under-limit", "is-claimant-trusted"}
            ),
        },
        OFFICE_HOURS,
        Outcome.APPROVE_NOW,
        None,
        (),
        None,
    ),
    (
        "failure out of hours still fails",
        _untrusted(),
        {},
        EVENING,
        Outcome.NOT_APPROVED,
        None,
        (Rule.IS_CLAIMANT_TRUSTED,),
        ClaimEventType.AUTO_APPROVAL_FAILURE,
    ),
    (
        "advance claim",
        with_claim(approvable(), date_of_journey=OFFICE_HOURS + timedelta(days=3)),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        None,
        (Rule.IS_VISIT_IN_PAST,),
        ClaimEventType.AUTO_APPROVAL_FAILURE,
    ),
    (
        "first claim of an eligibility",
        approvable(previous_claims=(), baseline_expenses=()),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        None,
        (Rule.IS_LATEST_MANUAL_CLAIM_APPROVED,),
        ClaimEventType.AUTO_APPROVAL_FAILURE,
    ),
]


class TestDecide:
    """`decide(data, settings, now)`, the procedure of the original's check."""

    @pytest.mark.parametrize("row", TABLE, ids=[row[0] for row in TABLE])
    def test_procedure(self, row):
        """Each scenario gives its outcome, reason, failed rules and event."""
        _, data, changes, now, outcome, reason, failed, event = row
        decision = decide(data, default_settings(**changes), now)
        expected = (outcome, reason, failed, event)
        actual = (
            decision.outcome,
            decision.skip_reason,
            decision.failed_rules,
            decision.event.event if decision.event else None,
        )
        assert expected == actual

    def test_failure_event_lists_each_failed_rule_message(self):
        """Note "* message" per failure joined by <br />; AdditionalData the email."""
        decision = decide(
            _untrusted(),
            default_settings(max_claim_total=Decimal(10)),
            OFFICE_HOURS,
        )
        assert decision.event is not None
        expected = (
            (
                "* The total claim value is over the maximum permitted amount. Claim "
                "ref: ABC1234, Total claim: 20.95, Maximum permitted amount: 10<br />"
                "* This claimant has been marked as untrusted by a case worker"
            ),
            EMAIL,
            True,
        )
        assert expected == (
            decision.event.note,
            decision.event.additional_data,
            decision.event.is_internal,
        )

    def test_forced_manual_check_event(self):
        """The note and the visitor's email, as the original wrote them."""
        decision = decide(
            approvable(reference_claim_statuses=("AUTO-APPROVED",) * 4),
            default_settings(),
            OFFICE_HOURS,
        )
        assert decision.event is not None
        expected = ("Number of consecutive auto approvals exceeded limit", EMAIL)
        assert expected == (decision.event.note, decision.event.additional_data)

    def test_every_enabled_rule_runs_without_short_circuit(self):
        """All eighteen results come back even when the first fails."""
        decision = decide(
            approvable(expenses=(), documents=()), default_settings(), EVENING
        )
        expected = list(Rule)
        assert expected == [result.rule for result in decision.results]

    def test_disabled_rules_do_not_run(self):
        """A rule listed in RulesDisabled leaves no result."""
        settings = default_settings(rules_disabled=frozenset({"is-visit-in-past"}))
        decision = decide(approvable(), settings, OFFICE_HOURS)
        assert Rule.IS_VISIT_IN_PAST not in {r.rule for r in decision.results}

    @given(st.lists(st.sampled_from(list(Rule)), max_size=18))
    def test_failure_note_has_one_line_per_failure(self, rules):
        """The note never loses or invents a failure."""
        results = tuple(failure(r) for r in rules)
        note = failure_note(results)
        expected = [f"* {FAILURE_MESSAGES[r]}" for r in rules]
        assert expected == (note.split("<br />") if note else [])


class TestRuleOrder:
    """The rules keep the original enum's names and order."""

    def test_names_and_order_match_the_specification(self):
        """RulesDisabled values and the failure note order depend on them."""
        expected = SPEC_ORDER
        assert expected == [rule.value for rule in CHECKS]


class TestOfficeHours:
    """Monday to Friday, 10:00 to 17:00 in London, all year."""

    @pytest.mark.parametrize(
        ("local", "expected"),
        [
            (datetime(2024, 7, 1, 10, 0), True),  # Monday, summer
            (datetime(2024, 7, 5, 16, 59), True),  # Friday, allowed now
            (datetime(2024, 7, 7, 12, 0), False),  # Sunday, no longer allowed
            (datetime(2024, 7, 6, 12, 0), False),  # Saturday
            (datetime(2024, 7, 3, 9, 59), False),
            (datetime(2024, 7, 3, 17, 0), False),
            (datetime(2024, 1, 10, 10, 0), True),  # winter
            (datetime(2024, 3, 29, 16, 30), True),  # Friday before the spring change
            (datetime(2024, 10, 28, 9, 30), False),  # Monday after the autumn change
        ],
    )
    def test_window_on_the_uk_wall_clock(self, local, expected):
        """Judged on London wall time, with no summer-time shift."""
        assert expected == is_office_hours(local.replace(tzinfo=UK).astimezone(UTC))

    @given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)))
    def test_window_holds_for_any_instant(self, naive):
        """In the window exactly on weekdays from 10:00 to before 17:00 London time."""
        now = naive.replace(tzinfo=UTC)
        local = now.astimezone(UK)
        expected = local.weekday() < 5 and 10 <= local.hour < 17
        assert expected == is_office_hours(now)

    def test_summer_eleven_bst_is_not_shifted_to_noon(self):
        """At 16:30 BST the claim is approved; the original thought it 17:30."""
        now = datetime(2024, 7, 3, 15, 30, tzinfo=UTC)
        assert (
            decide(approvable(), default_settings(), now).outcome == Outcome.APPROVE_NOW
        )


class TestApprovalAction:
    """What approving writes, now or from the deferred row."""

    def test_plan_approves_every_expense_at_its_cost_to_the_penny(self):
        """Each expense, enabled or not, APPROVED at Cost rounded half up."""
        data = approvable()
        odd = attrs.evolve(
            data.expenses[1],
            claim_expense_id=7,
            cost=Decimal("1.005"),
            is_enabled=False,
        )
        plan = plan_approval(
            data.claim, (*data.expenses, odd), visitor_email=EMAIL, now=OFFICE_HOURS
        )
        expected = [
            (1000, Decimal("0.00")),
            (1001, Decimal("20.95")),
            (7, Decimal("1.01")),
        ]
        assert expected == [
            (e.claim_expense_id, e.approved_cost) for e in plan.expenses
        ]

    def test_plan_writes_status_task_and_event(self):
        """AUTO-APPROVED, an ACCEPT-CLAIM-NOTIFICATION and CLAIM-AUTO-APPROVED."""
        data = approvable()
        plan = plan_approval(
            data.claim, data.expenses, visitor_email=EMAIL, now=OFFICE_HOURS
        )
        expected = (
            "AUTO-APPROVED",
            "APPROVED",
            "ACCEPT-CLAIM-NOTIFICATION",
            EMAIL,
            ClaimEventType.CLAIM_AUTO_APPROVED,
            "Passed all auto approval checks",
        )
        assert expected == (
            plan.status,
            plan.visit_confirmation_check,
            plan.task_type,
            plan.task_additional_data,
            plan.event.event,
            plan.event.note,
        )

    def test_deferred_row_names_the_claim_and_email(self):
        """EligibilityId, Reference, ClaimId, EmailAddress, DateAdded."""
        claim = approvable().claim
        row = deferred_approval(claim, visitor_email=EMAIL, now=EVENING)
        expected = (1000, "ABC1234", 1000, EMAIL, EVENING)
        assert expected == (
            row.eligibility_id,
            row.reference,
            row.claim_id,
            row.email_address,
            row.date_added,
        )

    @pytest.mark.parametrize(
        ("status", "expected"),
        [
            ("NEW", True),
            ("REJECTED", False),
            ("APPROVED", False),
            ("REQUEST-INFORMATION", False),
        ],
    )
    def test_deferred_approval_applies_only_to_an_untouched_claim(
        self, status, expected
    ):
        """A caseworker's decision in the meantime is never overwritten."""
        claim = attrs.evolve(approvable().claim, status=status)
        assert expected == may_apply_deferred(claim)
