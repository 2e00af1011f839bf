"""The rules about the claimant, the prisoner and the visit, at their thresholds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.clock import UK
from hmpps_workers.core.prison_visits.approval import Rule
from hmpps_workers.core.prison_visits.approval.rules import (
    FAILURE_MESSAGES,
    NO_BENEFIT_EXPIRY_MESSAGE,
)
from hmpps_workers.core.testing.approval_builders import (
    OFFICE_HOURS,
    approvable,
    previous_claim,
    with_claim,
)
from support.approval import check, passes

TODAY = date(2024, 7, 3)  # the UK day at OFFICE_HOURS
instants = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2040, 1, 1),
    timezones=st.just(UTC),
)


def _birthday(years: int, days: int) -> date:
    return TODAY.replace(year=TODAY.year - years) + timedelta(days=days)


class TestChildrenUnder18:
    """are-children-under-18."""

    def test_a_child_turning_18_today_fails(self):
        """Age is whole years on the UK calendar day; 18 is too old."""
        data = approvable()
        child = attrs.evolve(data.children[0], date_of_birth=_birthday(18, 0))
        assert not passes(
            Rule.ARE_CHILDREN_UNDER_18, attrs.evolve(data, children=(child,))
        )

    def test_a_child_turning_18_tomorrow_passes(self):
        """Still 17 today."""
        data = approvable()
        child = attrs.evolve(data.children[0], date_of_birth=_birthday(18, 1))
        assert passes(Rule.ARE_CHILDREN_UNDER_18, attrs.evolve(data, children=(child,)))

    @given(st.integers(min_value=10, max_value=25), st.integers(-400, 400))
    def test_passes_exactly_when_every_child_is_under_18(self, years, days):
        """Around the 18th birthday the rule flips on the day itself."""
        data = approvable()
        born = _birthday(years, days)
        age = (
            TODAY.year - born.year - ((TODAY.month, TODAY.day) < (born.month, born.day))
        )
        child = attrs.evolve(data.children[0], date_of_birth=born)
        young = attrs.evolve(data.children[0], date_of_birth=date(2020, 1, 1))
        expected = age < 18
        actual = passes(
            Rule.ARE_CHILDREN_UNDER_18, attrs.evolve(data, children=(young, child))
        )
        assert expected == actual

    def test_no_children_passes(self):
        """Nothing to check."""
        assert passes(Rule.ARE_CHILDREN_UNDER_18, approvable(children=()))

    def test_the_uk_day_decides_at_midnight_in_summer(self):
        """At 23:30 UTC on the eve of the birthday it is already the day in London."""
        data = approvable()
        child = attrs.evolve(data.children[0], date_of_birth=date(2006, 7, 4))
        data = attrs.evolve(data, children=(child,))
        eve = datetime(2024, 7, 3, 22, 59, tzinfo=UTC)
        expected = (True, False)
        assert expected == (
            passes(Rule.ARE_CHILDREN_UNDER_18, data, now=eve),
            passes(Rule.ARE_CHILDREN_UNDER_18, data, now=eve + timedelta(minutes=2)),
        )


class TestClaimantHistory:
    """claimant-has-not-been-overpaid, is-no-previous-pending-claim, is-claimant-trusted."""

    @given(st.lists(st.sampled_from([True, False, None]), max_size=5))
    def test_overpaid_fails_exactly_when_a_previous_claim_is_flagged(self, flags):
        """Only IsOverpaid true counts."""
        data = approvable()
        previous = tuple(
            previous_claim(data.claim, claim_id=n, is_overpaid=flag)
            for n, flag in enumerate(flags)
        )
        expected = True not in flags
        actual = passes(
            Rule.CLAIMANT_HAS_NOT_BEEN_OVERPAID,
            attrs.evolve(data, previous_claims=previous),
        )
        assert expected == actual

    @given(
        st.lists(st.sampled_from(["NEW", "PENDING", "APPROVED", "pending"]), max_size=5)
    )
    def test_pending_fails_exactly_when_a_previous_claim_is_pending(self, statuses):
        """Status PENDING, as written, in any previous claim."""
        data = approvable()
        previous = tuple(
            previous_claim(data.claim, claim_id=n, status=status)
            for n, status in enumerate(statuses)
        )
        expected = "PENDING" not in statuses
        actual = passes(
            Rule.IS_NO_PREVIOUS_PENDING_CLAIM,
            attrs.evolve(data, previous_claims=previous),
        )
        assert expected == actual

    @given(st.sampled_from([True, False, None]))
    def test_trusted_only_when_marked_trusted(self, trusted):
        """IsTrusted must be true; null is not trusted."""
        data = approvable()
        assert data.eligibility is not None
        eligibility = attrs.evolve(data.eligibility, is_trusted=trusted)
        expected = trusted is True
        actual = passes(
            Rule.IS_CLAIMANT_TRUSTED, attrs.evolve(data, eligibility=eligibility)
        )
        assert expected == actual

    def test_no_eligibility_is_not_trusted(self):
        """A missing Eligibility row fails the rule instead of crashing."""
        assert not passes(Rule.IS_CLAIMANT_TRUSTED, approvable(eligibility=None))


class TestPrisonerRules:
    """Channel Islands, release date and same-day visits."""

    @given(st.sampled_from(["les-nicolles", "la-moye", "hewell", "Les-Nicolles"]))
    def test_guernsey_and_jersey_fail(self, prison):
        """The two slugs, exactly as stored."""
        data = approvable()
        assert data.prisoner is not None
        prisoner = attrs.evolve(data.prisoner, name_of_prison=prison)
        expected = prison not in {"les-nicolles", "la-moye"}
        actual = passes(
            Rule.IS_PRISON_NOT_IN_GUERNSEY_JERSEY, attrs.evolve(data, prisoner=prisoner)
        )
        assert expected == actual

    def test_no_prisoner_is_not_in_the_channel_islands(self):
        """As specified, a missing prisoner passes this rule."""
        assert passes(Rule.IS_PRISON_NOT_IN_GUERNSEY_JERSEY, approvable(prisoner=None))

    @given(st.sampled_from([True, False, None]))
    def test_release_date_must_be_set(self, is_set):
        """Only ReleaseDateIsSet true passes (the message's wording is inverted)."""
        data = approvable()
        assert data.prisoner is not None
        prisoner = attrs.evolve(data.prisoner, release_date_is_set=is_set)
        expected = is_set is True
        actual = passes(Rule.IS_RELEASE_DATE_SET, attrs.evolve(data, prisoner=prisoner))
        assert expected == actual

    @given(st.integers(0, 4), st.integers(0, 3))
    def test_same_day_visit_fails_from_the_second_occurrence(self, own, others):
        """The prisoner's number may appear once: the claimant's own eligibility."""
        data = approvable()
        numbers = ("A1234BC",) * own + ("Z9999ZZ",) * others
        expected = own <= 1
        actual = passes(
            Rule.PRISONER_NOT_VISITED_ON_THIS_DATE,
            attrs.evolve(data, prison_numbers_on_journey_date=numbers),
        )
        assert expected == actual


class TestVisitDates:
    """is-visit-in-past, visit-date-different-to-previous-claims, benefit expiry."""

    @given(st.timedeltas(min_value=timedelta(days=-3), max_value=timedelta(days=3)))
    def test_visit_must_be_strictly_before_now(self, offset):
        """A journey at exactly now is not in the past."""
        data = with_claim(approvable(), date_of_journey=OFFICE_HOURS + offset)
        expected = offset < timedelta(0)
        assert expected == passes(Rule.IS_VISIT_IN_PAST, data)

    @given(instants)
    def test_visit_date_fails_exactly_when_a_previous_claim_has_the_same(self, other):
        """Any previous claim, any status, with the very same DateOfJourney."""
        data = approvable()
        journey = data.claim.date_of_journey
        previous = (
            previous_claim(data.claim, status="REJECTED", date_of_journey=other),
        )
        expected = other != journey
        actual = passes(
            Rule.VISIT_DATE_DIFFERENT_TO_PREVIOUS_CLAIMS,
            attrs.evolve(data, previous_claims=previous),
        )
        assert expected == actual

    @given(st.timedeltas(min_value=timedelta(days=-2), max_value=timedelta(days=2)))
    def test_benefit_may_expire_on_the_journey_or_later(self, offset):
        """Expiring at the journey's instant passes (moment's isSameOrAfter)."""
        data = approvable()
        assert data.visitor is not None
        expiry = data.claim.date_of_journey + offset
        visitor = attrs.evolve(data.visitor, benefit_expiry_date=expiry)
        result = check(
            Rule.IS_BENEFIT_EXPIRY_DATE_IN_FUTURE, attrs.evolve(data, visitor=visitor)
        )
        expected = offset >= timedelta(0)
        assert expected == result.passed

    def test_expired_benefit_message_names_both_dates(self):
        """The failure carries the claim reference, the expiry and the journey date."""
        data = approvable()
        assert data.visitor is not None
        journey = data.claim.date_of_journey
        visitor = attrs.evolve(
            data.visitor, benefit_expiry_date=journey - timedelta(days=1)
        )
        result = check(
            Rule.IS_BENEFIT_EXPIRY_DATE_IN_FUTURE, attrs.evolve(data, visitor=visitor)
        )
        expected = (
            f"{FAILURE_MESSAGES[Rule.IS_BENEFIT_EXPIRY_DATE_IN_FUTURE]}. Claim ref: "
            f"{data.claim.reference}, Benefit expiry date: "
            f"{(journey - timedelta(days=1)).astimezone(UK):%d/%m/%Y}, "
            f"Date of journey: {journey.astimezone(UK):%d/%m/%Y}"
        )
        assert expected == result.failure_message

    def test_missing_benefit_expiry_fails_with_its_own_message(self):
        """No BenefitExpiryDate: "The Benefit Expiry Date has not been set"."""
        data = approvable()
        assert data.visitor is not None
        visitor = attrs.evolve(data.visitor, benefit_expiry_date=None)
        result = check(
            Rule.IS_BENEFIT_EXPIRY_DATE_IN_FUTURE, attrs.evolve(data, visitor=visitor)
        )
        expected = (False, NO_BENEFIT_EXPIRY_MESSAGE)
        assert expected == (
            result.passed,
            result.failure_message,
        )
