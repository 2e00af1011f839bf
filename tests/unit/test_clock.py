"""UK wall-clock conversion: the one place zone handling happens, across both DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.clock import from_uk_wall, to_uk_wall


class TestUkWallClock:
    """Aware instants become naive UK wall-clock values and back."""

    def test_winter_wall_clock_equals_utc(self):
        """In GMT the wall clock reads UTC."""
        instant = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
        assert to_uk_wall(instant) == datetime(2026, 1, 15, 12, 0)

    def test_summer_wall_clock_is_an_hour_ahead(self):
        """In BST the wall clock reads UTC + 1, with no further shift."""
        instant = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)
        assert to_uk_wall(instant) == datetime(2026, 7, 15, 13, 0)

    def test_spring_change_skips_an_hour(self):
        """At 01:00 UTC on the last Sunday of March the wall clock jumps 01:00 -> 02:00."""
        before = datetime(2026, 3, 29, 0, 59, tzinfo=UTC)
        after = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
        assert (to_uk_wall(before), to_uk_wall(after)) == (
            datetime(2026, 3, 29, 0, 59),
            datetime(2026, 3, 29, 2, 0),
        )

    def test_autumn_change_repeats_an_hour_and_reads_back_as_summer_time(self):
        """01:30 happens twice on the last Sunday of October; reading picks the first."""
        first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
        second = first + timedelta(hours=1)
        assert to_uk_wall(first) == to_uk_wall(second) == datetime(2026, 10, 25, 1, 30)
        assert from_uk_wall(datetime(2026, 10, 25, 1, 30)) == first

    def test_naive_instants_are_refused(self):
        """A naive datetime inside the code is a bug, so it is refused."""
        with pytest.raises(ValueError, match="naive"):
            to_uk_wall(datetime(2026, 1, 1))

    @given(
        st.datetimes(
            min_value=datetime(2000, 1, 1),
            max_value=datetime(2100, 1, 1),
            timezones=st.just(UTC),
        )
    )
    def test_round_trip_is_exact_outside_the_repeated_hour(self, instant):
        """Every instant survives the round trip, except the repeated autumn hour."""
        back = from_uk_wall(to_uk_wall(instant))
        assert back == instant or back == instant - timedelta(hours=1)
