"""The rules about costs, counts, evidence and history, at their thresholds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.clock import UK
from hmpps_workers.core.prison_visits.approval import Rule
from hmpps_workers.core.testing.approval_builders import (
    OFFICE_HOURS,
    PREVIOUS_REVIEWED,
    approvable,
    costing,
    default_settings,
    previous_claim,
    with_claim,
)
from support.approval import passes

pence = st.integers(min_value=0, max_value=100_000).map(lambda p: Decimal(p) / 100)


def _uk(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UK)


class TestCostWithinVariance:
    """cost-and-variance-equal-or-less-than-first-time-claim."""

    @given(pence, pence, st.integers(min_value=-50, max_value=50))
    def test_passes_exactly_within_the_percentage_either_side(
        self, baseline, current, pct
    ):
        """The difference may be up to baseline * |pct| / 100, bounds included."""
        data = approvable(
            expenses=(costing("bus", str(current)),),
            baseline_expenses=(costing("bus", str(baseline), claim_id=999),),
        )
        settings = default_settings(cost_variance_percentage=Decimal(pct))
        expected = abs(current - baseline) <= baseline * abs(pct) / 100
        actual = passes(
            Rule.COST_AND_VARIANCE_EQUAL_OR_LESS_THAN_FIRST_TIME_CLAIM, data, settings
        )
        assert expected == actual

    @pytest.mark.parametrize(
        ("current", "expected"),
        [("90.00", True), ("89.99", False), ("110.00", True), ("110.01", False)],
    )
    def test_ten_percent_of_100_allows_90_to_110(self, current, expected):
        """The default 10% variance, at the penny either side of each bound."""
        data = approvable(
            expenses=(costing("train", current),),
            baseline_expenses=(costing("train", "100.00", claim_id=999),),
        )
        rule = Rule.COST_AND_VARIANCE_EQUAL_OR_LESS_THAN_FIRST_TIME_CLAIM
        assert expected == passes(rule, data)

    def test_costs_of_one_type_are_summed_on_both_sides(self):
        """Two buses of 30 against one approved bus of 60 are equal."""
        data = approvable(
            expenses=(
                costing("bus", "30.00", claim_expense_id=1),
                costing("bus", "30.00", claim_expense_id=2),
            ),
            baseline_expenses=(costing("bus", "60.00", claim_id=999),),
        )
        assert passes(Rule.COST_AND_VARIANCE_EQUAL_OR_LESS_THAN_FIRST_TIME_CLAIM, data)

    @pytest.mark.parametrize(("cost", "expected"), [("0.00", True), ("0.01", False)])
    def test_a_type_missing_from_the_baseline_passes_only_at_zero(self, cost, expected):
        """The baseline for a new type is 0, with no variance."""
        data = approvable(
            expenses=(costing("taxi", cost),),
            baseline_expenses=(costing("bus", "10.00", claim_id=999),),
        )
        rule = Rule.COST_AND_VARIANCE_EQUAL_OR_LESS_THAN_FIRST_TIME_CLAIM
        assert expected == passes(rule, data)

    def test_no_baseline_claim_passes(self):
        """Nothing to compare with."""
        data = approvable(previous_claims=(), baseline_expenses=())
        assert passes(Rule.COST_AND_VARIANCE_EQUAL_OR_LESS_THAN_FIRST_TIME_CLAIM, data)

    def test_disabled_baseline_expenses_count(self):
        """The baseline's expenses are all its rows, enabled or not (kept quirk)."""
        disabled = attrs.evolve(costing("bus", "20.00", claim_id=999), is_enabled=False)
        data = approvable(
            expenses=(costing("bus", "20.00"),), baseline_expenses=(disabled,)
        )
        assert passes(Rule.COST_AND_VARIANCE_EQUAL_OR_LESS_THAN_FIRST_TIME_CLAIM, data)


class TestExpensesMatch:
    """do-expenses-match-first-time-claim."""

    @given(
        st.lists(st.sampled_from(["bus", "car", "train"]), max_size=5),
        st.lists(st.sampled_from(["bus", "car", "train"]), max_size=5),
    )
    def test_passes_exactly_when_each_type_is_no_more_frequent(self, current, baseline):
        """Every current type on the baseline, at most as many times."""
        data = approvable(
            expenses=tuple(
                costing(kind, "1.00", claim_expense_id=n)
                for n, kind in enumerate(current)
            ),
            baseline_expenses=tuple(
                costing(kind, "1.00", claim_expense_id=n, claim_id=999)
                for n, kind in enumerate(baseline)
            ),
        )
        expected = all(current.count(kind) <= baseline.count(kind) for kind in current)
        assert expected == passes(Rule.DO_EXPENSES_MATCH_FIRST_TIME_CLAIM, data)

    def test_no_baseline_claim_passes(self):
        """Nothing to compare with."""
        data = approvable(previous_claims=(), baseline_expenses=())
        assert passes(Rule.DO_EXPENSES_MATCH_FIRST_TIME_CLAIM, data)


class TestClaimTotal:
    """is-claim-total-under-limit."""

    @given(st.lists(pence, max_size=4), pence)
    def test_passes_exactly_when_the_enabled_total_is_within_the_limit(
        self, costs, limit
    ):
        """The sum of Cost is compared with MaxClaimTotal, equality passing."""
        data = approvable(
            expenses=tuple(
                costing("bus", str(c), claim_expense_id=n) for n, c in enumerate(costs)
            )
        )
        expected = sum(costs, Decimal(0)) <= limit
        actual = passes(
            Rule.IS_CLAIM_TOTAL_UNDER_LIMIT,
            data,
            default_settings(max_claim_total=limit),
        )
        assert expected == actual

    def test_a_null_limit_acts_as_zero(self):
        """A config row with no MaxClaimTotal lets only free claims through."""
        settings = default_settings(max_claim_total=None)
        expected = (False, True)
        assert expected == (
            passes(Rule.IS_CLAIM_TOTAL_UNDER_LIMIT, approvable(), settings),
            passes(Rule.IS_CLAIM_TOTAL_UNDER_LIMIT, approvable(expenses=()), settings),
        )


class TestEvidenceUploaded:
    """has-uploaded-prison-visit-confirmation-and-receipts."""

    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["VISIT-CONFIRMATION", "RECEIPT", "BENEFIT"]),
                st.sampled_from(["uploaded", "post-later", "upload-later"]),
            ),
            max_size=5,
        )
    )
    def test_last_confirmation_and_all_others_must_be_uploaded(self, documents):
        """The last visit confirmation wins; every other document must be uploaded."""
        data = approvable()
        rows = tuple(
            attrs.evolve(
                data.documents[0],
                claim_document_id=n,
                document_type=kind,
                document_status=status,
            )
            for n, (kind, status) in enumerate(documents)
        )
        confirmations = [s for k, s in documents if k == "VISIT-CONFIRMATION"]
        others = [s for k, s in documents if k != "VISIT-CONFIRMATION"]
        expected = (
            bool(confirmations)
            and confirmations[-1] == "uploaded"
            and all(s == "uploaded" for s in others)
        )
        actual = passes(
            Rule.HAS_UPLOADED_PRISON_VISIT_CONFIRMATION_AND_RECEIPTS,
            attrs.evolve(data, documents=rows),
        )
        assert expected == actual


class TestWithinTimeLimit:
    """is-claim-submitted-within-time-limit, as production's main branch has it."""

    @given(st.integers(-5, 400), st.integers(0, 35))
    def test_always_passes_however_late_the_journey(self, days, limit):
        """Production commented the comparison out: any journey date passes."""
        data = with_claim(
            approvable(), date_of_journey=PREVIOUS_REVIEWED + timedelta(days=days)
        )
        settings = default_settings(max_days_after_apvu_visit=limit)
        assert passes(Rule.IS_CLAIM_SUBMITTED_WITHIN_TIME_LIMIT, data, settings)

    def test_passes_with_no_manually_approved_claim(self):
        """No baseline claim is no longer a failure of this rule."""
        data = approvable(previous_claims=())
        assert passes(Rule.IS_CLAIM_SUBMITTED_WITHIN_TIME_LIMIT, data)


class TestLatestManualClaimApproved:
    """is-latest-manual-claim-approved."""

    def test_latest_decision_by_hand_decides(self):
        """A later rejection outweighs an earlier approval."""
        data = approvable()
        rejected = previous_claim(
            data.claim,
            claim_id=5,
            status="REJECTED",
            date_reviewed=PREVIOUS_REVIEWED + timedelta(days=1),
        )
        changed = attrs.evolve(data, previous_claims=(*data.previous_claims, rejected))
        expected = (True, False)
        assert expected == (
            passes(Rule.IS_LATEST_MANUAL_CLAIM_APPROVED, data),
            passes(Rule.IS_LATEST_MANUAL_CLAIM_APPROVED, changed),
        )

    def test_no_previous_claim_fails(self):
        """With no manual decision at all the rule fails, as in the original."""
        assert not passes(
            Rule.IS_LATEST_MANUAL_CLAIM_APPROVED, approvable(previous_claims=())
        )


class TestClaimsThisMonth:
    """has-claimed-less-than-max-times-this-month."""

    @given(st.integers(0, 6), st.integers(0, 6), st.booleans())
    def test_counts_this_journey_and_approved_claims_submitted_this_month(
        self, approved, limit, journey_this_month
    ):
        """This journey if in this UK month, plus approved claims submitted since the 1st."""
        journey = _uk(date(2024, 7, 2) if journey_this_month else date(2024, 6, 30))
        data = with_claim(approvable(), date_of_journey=journey)
        base = data.previous_claims[0]
        counted = tuple(
            attrs.evolve(
                base,
                claim_id=n,
                status="AUTO-APPROVED",
                date_submitted=_uk(date(2024, 7, 1)),
                date_of_journey=_uk(date(2024, 5, 1)) + timedelta(days=n),
            )
            for n in range(approved)
        )
        ignored = attrs.evolve(
            base, claim_id=99, status="REJECTED", date_submitted=OFFICE_HOURS
        )
        data = attrs.evolve(data, previous_claims=(base, ignored, *counted))
        settings = default_settings(max_number_of_claims_per_month=limit)
        expected = approved + int(journey_this_month) <= limit
        assert expected == passes(
            Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_MONTH, data, settings
        )

    def test_first_day_of_next_month_still_counts(self):
        """Both ends of the window are inclusive, as in the original."""
        data = with_claim(approvable(), date_of_journey=_uk(date(2024, 8, 1)))
        settings = default_settings(max_number_of_claims_per_month=0)
        assert not passes(
            Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_MONTH, data, settings
        )

    def test_no_previous_claims_passes(self):
        """A claimant's first claim is never over the limit."""
        settings = default_settings(max_number_of_claims_per_month=0)
        data = approvable(previous_claims=())
        assert passes(Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_MONTH, data, settings)


class TestClaimsThisYear:
    """has-claimed-less-than-max-times-this-year."""

    @given(st.integers(0, 8), st.integers(0, 8))
    def test_counts_journeys_since_the_anniversary_of_the_first(self, recent, limit):
        """Previous journeys on or after the claim year's start, plus this one."""
        data = approvable()
        first = previous_claim(
            data.claim, claim_id=1, date_of_journey=_uk(date(2022, 3, 15))
        )
        old = previous_claim(
            data.claim, claim_id=2, date_of_journey=_uk(date(2024, 3, 14))
        )
        since = tuple(
            previous_claim(
                data.claim, claim_id=10 + n, date_of_journey=_uk(date(2024, 3, 15 + n))
            )
            for n in range(recent)
        )
        data = attrs.evolve(data, previous_claims=(first, old, *since))
        settings = default_settings(max_number_of_claims_per_year=limit)
        expected = 1 + recent <= limit
        assert expected == passes(
            Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_YEAR, data, settings
        )

    def test_previous_claims_in_any_status_count(self):
        """Rejected claims count towards the year (kept quirk)."""
        data = approvable()
        rejected = previous_claim(data.claim, claim_id=7, status="REJECTED")
        data = attrs.evolve(data, previous_claims=(*data.previous_claims, rejected))
        settings = default_settings(max_number_of_claims_per_year=2)
        assert not passes(
            Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_YEAR, data, settings
        )

    def test_no_previous_claims_passes(self):
        """A claimant's first claim is never over the limit."""
        settings = default_settings(max_number_of_claims_per_year=0)
        data = approvable(previous_claims=())
        assert passes(Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_YEAR, data, settings)

    def test_utc_instants_in_summer_are_judged_on_the_uk_day(self):
        """UK midnight of 1 July 2023 is 23:00 UTC on 30 June; the year starts 1 July.

        Read on the UTC calendar the year would start on 30 June and count the
        journey of that day.
        """
        data = approvable()
        first = previous_claim(
            data.claim,
            claim_id=1,
            date_of_journey=datetime(2023, 6, 30, 23, 0, tzinfo=UTC),
        )
        day_before = previous_claim(
            data.claim, claim_id=2, date_of_journey=_uk(date(2024, 6, 30))
        )
        data = attrs.evolve(data, previous_claims=(first, day_before))
        settings = default_settings(max_number_of_claims_per_year=0)
        assert passes(Rule.HAS_CLAIMED_LESS_THAN_MAX_TIMES_THIS_YEAR, data, settings)
