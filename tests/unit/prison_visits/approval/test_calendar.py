"""UK calendar arithmetic behind the month and year rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.clock import UK
from hmpps_workers.core.prison_visits.approval.calendar import (
    add_months,
    claim_year_start,
    month_window,
    one_year_after,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


def _uk(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UK)


def _noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UK).astimezone(UTC)


class TestClaimYearStart:
    """The moment.js breakdown of days since the first journey."""

    @pytest.mark.parametrize(
        ("first", "today", "start"),
        [
            (date(2023, 3, 15), date(2024, 7, 3), date(2024, 3, 15)),
            (date(2024, 6, 3), date(2024, 7, 3), date(2024, 6, 3)),
            (date(2023, 7, 1), date(2024, 7, 3), date(2024, 7, 1)),
            (date(2020, 1, 31), date(2024, 3, 1), date(2024, 1, 31)),
        ],
    )
    def test_examples(self, first, today, start):
        """Roughly the latest anniversary of the first journey."""
        expected = _uk(start)
        assert expected == claim_year_start(_uk(first), _noon(today))

    @given(days, days)
    def test_start_is_within_a_year_and_a_few_days_of_today(self, first, today):
        """The start never lands more than a year (plus rounding) from today."""
        start = claim_year_start(_uk(first), _noon(today)).date()
        assert abs((today - start).days) <= 366 + 3

    @given(days, st.integers(0, 30))
    def test_start_is_first_journey_within_its_first_year(self, first, elapsed):
        """Within the first month the year still starts at the first journey."""
        today = first + timedelta(days=elapsed)
        expected = first
        assert expected == claim_year_start(_uk(first), _noon(today)).date()


class TestMonths:
    """Month steps clamp to the month's end; windows are UK months."""

    @pytest.mark.parametrize(
        ("day", "months", "expected"),
        [
            (date(2024, 1, 31), 1, date(2024, 2, 29)),
            (date(2024, 3, 31), -1, date(2024, 2, 29)),
            (date(2023, 12, 15), 1, date(2024, 1, 15)),
            (date(2024, 2, 29), 12, date(2025, 2, 28)),
        ],
    )
    def test_add_months(self, day, months, expected):
        """The day is clamped to the target month's last day."""
        assert expected == add_months(day, months)

    def test_month_window_is_the_uk_month_in_summer(self):
        """At 23:30 UTC on 31 July it is already August in London."""
        now = datetime(2024, 7, 31, 23, 30, tzinfo=UTC)
        expected = (_uk(date(2024, 8, 1)), _uk(date(2024, 9, 1)))
        assert expected == month_window(now)

    def test_one_year_after_a_leap_day(self):
        """29 February 2024 plus a year is 28 February 2025."""
        expected = _uk(date(2025, 2, 28))
        assert expected == one_year_after(_uk(date(2024, 2, 29)))
