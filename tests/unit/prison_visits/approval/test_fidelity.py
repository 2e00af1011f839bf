"""Production's auto-approval decisions, pinned for a table of claim situations.

Each row is a claim situation and what the original worker's current main branch
(ministryofjustice/help-with-prison-visits-asynchronous-worker, read 2026-12) decides
for it: approve now, defer, leave alone, or the exact AUTO-APPROVAL-FAILURE note its
checks would write. The expected values were worked out by hand from its checks under
app/services/auto-approval/; a change to a rule that alters a decision fails here.
Deliberate differences (office hours, NOT-RUN, unpriced car journeys) are pinned in
`TestDocumentedDifferences`, each named in docs/differences.md.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs
import pytest

from hmpps_workers.core.prison_visits.approval import Outcome, decide
from hmpps_workers.core.prison_visits.approval.data import AutoApprovalData
from hmpps_workers.core.prison_visits.approval.decision import SkipReason
from hmpps_workers.core.testing.approval_builders import (
    OFFICE_HOURS,
    PREVIOUS_REVIEWED,
    approvable,
    costing,
    default_settings,
    previous_claim,
    with_claim,
)

SATURDAY = datetime(2024, 7, 6, 10, 0, tzinfo=UTC)
REF = "ABC1234"


def _visitor(**changes: Any) -> AutoApprovalData:
    data = approvable()
    assert data.visitor is not None
    return attrs.evolve(data, visitor=attrs.evolve(data.visitor, **changes))


def _prisoner(**changes: Any) -> AutoApprovalData:
    data = approvable()
    assert data.prisoner is not None
    return attrs.evolve(data, prisoner=attrs.evolve(data.prisoner, **changes))


def _child_born(born: date) -> AutoApprovalData:
    data = approvable()
    return attrs.evolve(
        data, children=tuple(attrs.evolve(c, date_of_birth=born) for c in data.children)
    )


def _previous(**changes: Any) -> AutoApprovalData:
    data = approvable()
    extra = previous_claim(data.claim, claim_id=1, **changes)
    return attrs.evolve(data, previous_claims=(*data.previous_claims, extra))


def _documents(status: str) -> AutoApprovalData:
    data = approvable()
    documents = tuple(
        attrs.evolve(d, document_status=status)
        if d.document_type == "VISIT-CONFIRMATION"
        else d
        for d in data.documents
    )
    return attrs.evolve(data, documents=documents)


JOURNEY = approvable().claim.date_of_journey  # 25 June 2024, UK midnight
TOTAL = "The total claim value is over the maximum permitted amount"
UNTRUSTED = "This claimant has been marked as untrusted by a case worker"
LATEST_MANUAL = "The last manually evaluated claim was not approved"
PENDING = "There was a previous pending claim for this claimant"
CHANNEL = (
    "The prison being visited by this claimant is located in either Guernsey or Jersey"
)
RELEASE = "Auto-Approval is disabled for prisoners with pending release dates"
EXPIRY = "The visit date is after the benefit expiry date"
NO_EXPIRY = "The Benefit Expiry Date has not been set"
OVER_18 = "One or more children to be claimed are over 18 years old"
DOCUMENTS = "A prison visit confirmation and/or receipts have not been uploaded"
SAME_DATE = (
    "The date of visit for this claim is the same as the date of visit for a previous"
    " claim"
)
NOT_PAST = "The date of visit for this claim is not in the past at time of processing"
MATCH = "The number or type of expenses for this claim don't match the last manually"
MATCH += " approved claim"
VARIANCE = "Claim expense costs are outside of the accepted variance from the last"
VARIANCE += " manually approved claim"
OVERPAID = "This claimant has been flagged as being overpaid on a previous claim"

CASES: list[tuple[str, AutoApprovalData, dict[str, Any], datetime, Outcome, str]] = [
    ("perfect repeat claim", approvable(), {}, OFFICE_HOURS, Outcome.APPROVE_NOW, ""),
    ("outside office hours", approvable(), {}, SATURDAY, Outcome.DEFER, ""),
    (
        "journey long after the last review (time limit not applied)",
        with_claim(approvable(), date_of_journey=PREVIOUS_REVIEWED + timedelta(90)),
        {},
        datetime(2024, 9, 11, 10, 0, tzinfo=UTC),
        Outcome.APPROVE_NOW,
        "",
    ),
    (
        "benefit expires on the journey date",
        _visitor(benefit_expiry_date=JOURNEY),
        {},
        OFFICE_HOURS,
        Outcome.APPROVE_NOW,
        "",
    ),
    (
        "benefit expired the day before the journey",
        _visitor(benefit_expiry_date=JOURNEY - timedelta(days=1)),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        (
            f"* {EXPIRY}. Claim ref: {REF}, Benefit expiry date: 24/06/2024,"
            " Date of journey: 25/06/2024"
        ),
    ),
    (
        "no benefit expiry date",
        _visitor(benefit_expiry_date=None),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        f"* {NO_EXPIRY}",
    ),
    (
        "total over the limit",
        approvable(),
        {"max_claim_total": Decimal(20)},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        (
            f"* {TOTAL}. Claim ref: {REF}, Total claim: 20.95, Maximum permitted amount:"
            " 20"
        ),
    ),
    (
        "untrusted claimant",
        attrs.evolve(
            approvable(),
            eligibility=attrs.evolve(approvable().eligibility, is_trusted=False),
        ),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        f"* {UNTRUSTED}",
    ),
    (
        "child turned 18 on the day",
        _child_born(date(2006, 7, 3)),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        f"* {OVER_18}. Claim ref: {REF}, Date of birth: 03/07/2006",
    ),
    (
        "child 18 tomorrow",
        _child_born(date(2006, 7, 4)),
        {},
        OFFICE_HOURS,
        Outcome.APPROVE_NOW,
        "",
    ),
    (
        "no earlier claim decided by hand",
        approvable(previous_claims=(), baseline_expenses=()),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        f"* {LATEST_MANUAL}",
    ),
    (
        "latest claim decided by hand was rejected",
        _previous(status="REJECTED", date_reviewed=PREVIOUS_REVIEWED + timedelta(1)),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        f"* {LATEST_MANUAL}",
    ),
    (
        "an earlier claim is pending",
        _previous(status="PENDING", date_reviewed=None),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        f"* {PENDING}",
    ),
    (
        "an earlier claim was overpaid",
        _previous(is_overpaid=True, date_of_journey=JOURNEY - timedelta(9)),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        f"* {OVERPAID}",
    ),
    (
        "an earlier claim for the same journey date",
        _previous(status="REJECTED", date_reviewed=None, date_of_journey=JOURNEY),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        (
            f"* {SAME_DATE}. Claim ref: {REF}, Current claim visit date: 25/06/2024,"
            " Previous claim visit date: 25/06/2024"
        ),
    ),
    (
        "prison in Jersey",
        _prisoner(name_of_prison="la-moye"),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        f"* {CHANNEL}",
    ),
    (
        "release date not set",
        _prisoner(release_date_is_set=False),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        f"* {RELEASE}",
    ),
    (
        "visit confirmation not uploaded",
        _documents("upload-later"),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        (
            f"* {DOCUMENTS}. Claim ref: {REF}, Prison visit confirmation uploaded: false,"
            " All required documents uploaded: true"
        ),
    ),
    (
        "advance claim (journey tomorrow)",
        with_claim(approvable(), date_of_journey=OFFICE_HOURS + timedelta(days=1)),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        f"* {NOT_PAST}",
    ),
    (
        "a new expense type the baseline lacks",
        approvable(expenses=(costing("train", "12.50"),)),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        (
            f"* {VARIANCE}. Claim ref: {REF}, Current expense type total: 12.5, Upper"
            f" threshold: 0, Lower threshold: 0<br />* {MATCH}. Claim ref: {REF}, No. of"
            " current expense type: 1, No. of first time claim expense: 0"
        ),
    ),
    (
        "two buses where the baseline had one",
        approvable(
            expenses=(
                costing("bus", "10.00", claim_expense_id=1),
                costing("bus", "10.00", claim_expense_id=2),
            ),
            baseline_expenses=(costing("bus", "20.00", claim_id=999),),
        ),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        (
            f'* {MATCH}. Claim ref: {REF}, Expense type: "bus", No. of current expense'
            " type: 2, No. of first time claim expense: 1"
        ),
    ),
    (
        "cost 20% over the baseline with a 10% variance",
        approvable(
            expenses=(costing("bus", "12.00"),),
            baseline_expenses=(costing("bus", "10.00", claim_id=999),),
        ),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        (
            f"* {VARIANCE}. Claim ref: {REF}, Current expense type total: 12, Upper"
            " threshold: 11, Lower threshold: 9"
        ),
    ),
    (
        "baseline approved with no expenses at all",
        approvable(baseline_expenses=()),
        {},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        (
            f"* {VARIANCE}. Claim ref: {REF}, Current expense type total: 20.95, Upper"
            f" threshold: 0, Lower threshold: 0<br />* {MATCH}. Claim ref: {REF}, No. of"
            " current expense type: 1, No. of first time claim expense: 0"
        ),
    ),
    (
        "several failures, in the enum's order",
        _prisoner(name_of_prison="les-nicolles", release_date_is_set=False),
        {"max_claim_total": Decimal("20.50")},
        OFFICE_HOURS,
        Outcome.NOT_APPROVED,
        (
            f"* {TOTAL}. Claim ref: {REF}, Total claim: 20.95, Maximum permitted amount:"
            f" 20.5<br />* {CHANNEL}<br />* {RELEASE}"
        ),
    ),
]


class TestProductionDecisions:
    """Each situation gets the decision production's current rules make."""

    @pytest.mark.parametrize(
        ("data", "settings", "now", "outcome", "note"),
        [case[1:] for case in CASES],
        ids=[case[0] for case in CASES],
    )
    def test_decision_matches_production(self, data, settings, now, outcome, note):
        """Outcome and failure note are production's for this situation."""
        decision = decide(data, default_settings(**settings), now)
        actual = (decision.outcome, decision.event.note if decision.event else "")
        assert (outcome, note) == actual

    @pytest.mark.parametrize("claim_type", ["first-time", "repeat-new-eligibility"])
    def test_first_time_claims_are_left_to_a_caseworker(self, claim_type):
        """No rule runs and nothing is written for a first-time claim."""
        data = with_claim(approvable(), claim_type=claim_type)
        decision = decide(data, default_settings(), OFFICE_HOURS)
        assert (decision.outcome, decision.event) == (Outcome.SKIPPED, None)

    def test_consecutive_auto_approvals_force_a_manual_check(self):
        """The last N claims of the reference all auto-approved: a forced check."""
        data = approvable(reference_claim_statuses=("AUTO-APPROVED",) * 4)
        decision = decide(data, default_settings(), OFFICE_HOURS)
        assert decision.event is not None
        expected = (
            Outcome.FORCED_MANUAL_CHECK,
            "Number of consecutive auto approvals exceeded limit",
        )
        assert expected == (decision.outcome, decision.event.note)


class TestDocumentedDifferences:
    """Where ours decides otherwise on purpose (see docs/differences.md)."""

    def test_friday_afternoon_is_office_hours(self):
        """Production's `getDay() < 5` deferred Friday; ours approves at once."""
        friday = datetime(2024, 7, 5, 13, 0, tzinfo=UTC)
        decision = decide(approvable(), default_settings(), friday)
        assert decision.outcome == Outcome.APPROVE_NOW

    def test_unverified_dwp_benefit_is_left_to_a_caseworker(self):
        """Checker switched off (NOT-RUN) on a DWP-checked benefit: not considered."""
        data = attrs.evolve(
            _visitor(benefit="income-support"), benefit_check_result="NOT-RUN"
        )
        decision = decide(data, default_settings(), OFFICE_HOURS)
        expected = (Outcome.SKIPPED, SkipReason.BENEFIT_NOT_VERIFIED)
        assert expected == (decision.outcome, decision.skip_reason)
