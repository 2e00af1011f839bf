"""Retry back-off: monotone, capped, bounded in attempts."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.tasks import RetryPolicy
from hmpps_workers.core.tasks.retry import full_jitter

policies = st.builds(
    RetryPolicy,
    max_attempts=st.integers(1, 50),
    base_delay=st.timedeltas(timedelta(0), timedelta(hours=1)),
    max_delay=st.timedeltas(timedelta(0), timedelta(days=2)),
)


class TestRetryPolicy:
    """The delay grows with each attempt and never passes its cap."""

    def test_delays_double_from_the_base(self):
        """1, 2, 4, 8 minutes for the first four attempts."""
        policy = RetryPolicy(base_delay=timedelta(minutes=1))
        assert [policy.delay(a) for a in (1, 2, 3, 4)] == [
            timedelta(minutes=m) for m in (1, 2, 4, 8)
        ]

    @given(policies, st.integers(1, 200))
    def test_delays_are_monotone_and_capped(self, policy, attempts):
        """No delay is shorter than the one before or longer than the cap."""
        assert policy.delay(attempts) <= policy.delay(attempts + 1)
        assert policy.delay(attempts) <= max(policy.max_delay, timedelta(0))

    @given(policies)
    def test_retries_stop_at_max_attempts(self, policy):
        """should_retry is true below max_attempts and false from there on."""
        assert not policy.should_retry(policy.max_attempts)
        assert policy.should_retry(policy.max_attempts - 1)

    @given(st.floats(0, 86_400))
    def test_jitter_stays_within_half_and_whole(self, delay):
        """Full jitter spreads a delay between half of it and all of it."""
        assert delay / 2 <= full_jitter(delay) <= delay
