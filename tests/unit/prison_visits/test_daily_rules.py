"""Cutoffs and catch-up windows of the daily jobs, at their edges."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.prison_visits.daily.ports import ClaimState
from hmpps_workers.core.prison_visits.daily.rules import (
    advance_journey_window,
    changed_since_deferral,
    days_to_cover,
    start_of_day_days_ago,
    uk_day_start,
)

WINTER_RUN = datetime(2026, 3, 10, 4, 30, tzinfo=UTC)
SUMMER_RUN = datetime(2026, 7, 10, 3, 30, tzinfo=UTC)  # 04:30 BST


class TestWindows:
    """Which days' reminders a run covers."""

    def test_a_first_run_covers_today_only(self):
        """No history: the original's one-day window."""
        assert (date(2026, 3, 10), date(2026, 3, 10)) == days_to_cover(
            WINTER_RUN, None, 7
        )

    def test_a_run_after_two_missed_days_covers_them(self):
        """Last success three days ago: the two missed days and today."""
        last = WINTER_RUN - timedelta(days=3)
        assert (date(2026, 3, 8), date(2026, 3, 10)) == days_to_cover(
            WINTER_RUN, last, 7
        )

    def test_catch_up_stops_at_the_limit(self):
        """A month-old success covers only the last seven days."""
        last = WINTER_RUN - timedelta(days=30)
        assert (date(2026, 3, 4), date(2026, 3, 10)) == days_to_cover(
            WINTER_RUN, last, 7
        )

    def test_a_second_run_on_the_same_day_still_covers_today(self):
        """The stores skip claims already reminded, so covering today is safe."""
        assert (date(2026, 3, 10), date(2026, 3, 10)) == days_to_cover(
            WINTER_RUN, WINTER_RUN - timedelta(hours=1), 7
        )

    def test_the_first_reminder_window_is_yesterdays_uk_day_in_summer(self):
        """1 day after the journey: journeys from midnight to midnight, BST."""
        start, end = advance_journey_window(SUMMER_RUN, 1, None, 7)
        assert (start, end) == (
            datetime(2026, 7, 8, 23, 0, tzinfo=UTC),
            datetime(2026, 7, 9, 23, 0, tzinfo=UTC),
        )

    def test_cutoffs_are_uk_midnight_days_ago(self):
        """35 days before 10 March 2026, at UK midnight."""
        assert datetime(2026, 2, 3, tzinfo=UTC) == start_of_day_days_ago(WINTER_RUN, 35)


@given(
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=1, max_value=14),
)
def test_consecutive_daily_runs_cover_each_day_exactly_once(gap, catch_up):
    """Windows of runs a day apart never overlap and leave no day out."""
    first_run = WINTER_RUN - timedelta(days=gap + 1)
    _, covered_by_first = days_to_cover(first_run, None, catch_up)
    start, _ = days_to_cover(first_run + timedelta(days=1), first_run, catch_up)
    assert start == covered_by_first + timedelta(days=1)


class TestDeferral:
    """A deferred claim is approved only if nobody touched it."""

    deferred = datetime(2026, 3, 9, 18, 0, tzinfo=UTC)

    def test_an_untouched_new_claim_is_unchanged(self):
        """Still NEW, last updated before the deferral."""
        state = ClaimState(status="NEW", last_updated=self.deferred)
        assert not changed_since_deferral(state, self.deferred)

    def test_a_claim_updated_a_second_after_deferral_has_changed(self):
        """Any later update counts."""
        state = ClaimState(
            status="NEW", last_updated=self.deferred + timedelta(seconds=1)
        )
        assert changed_since_deferral(state, self.deferred)

    def test_a_rejected_claim_has_changed(self):
        """The original overwrote a caseworker's rejection."""
        assert changed_since_deferral(ClaimState(status="REJECTED"), self.deferred)

    def test_uk_day_start_is_midnight_london(self):
        """Midnight BST is 23:00 UTC the day before."""
        assert datetime(2026, 7, 9, 23, tzinfo=UTC) == uk_day_start(date(2026, 7, 10))
