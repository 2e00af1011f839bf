"""Retry tiers, cron firing times and the deleteBy rules (section 7)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.prison_to_probation import (
    Done,
    StoredMessage,
    SynchroniseState,
    TryLater,
    default_tiers,
)
from hmpps_workers.core.prison_to_probation.cron import CronExpression, InvalidCronError
from hmpps_workers.core.prison_to_probation.retry import (
    MAX_RETRY_COUNT,
    after_attempt,
    retain_until,
    tier_for,
)

TIERS = default_tiers()
EARLIEST = datetime(2000, 1, 1)
LATEST = datetime(2100, 1, 1)
WINTER = datetime(2026, 1, 5, 9, 10, tzinfo=UTC)
SUMMER = datetime(2026, 7, 6, 9, 10, tzinfo=UTC)  # 10:10 in London


def message(**changes):
    """A stored message created in winter."""
    return StoredMessage(
        id="m1",
        booking_id=1,
        event_type="IMPRISONMENT_STATUS-CHANGED",
        message="{}",
        created_date=WINTER,
        delete_by=WINTER + timedelta(days=30),
        **changes,
    )


class TestTiers:
    """Tiers are chosen by retry count."""

    @pytest.mark.parametrize(
        ("retry_count", "tier"),
        [(0, None), (1, "short"), (4, "short"), (5, "medium"), (10, "medium"),
         (11, "long"), (MAX_RETRY_COUNT, "long")],
    )  # fmt: skip
    def test_retry_count_selects_the_tier(self, retry_count, tier):
        """The retry count picks the tier: short, medium, long, or none."""
        found = tier_for(retry_count, TIERS)
        assert (found.name if found else None) == tier

    @given(st.integers(1, 10_000), st.integers(1, 10_000))
    def test_tiers_are_monotone_in_retry_count(self, a, b):
        """More failures never put an item in an earlier tier."""
        low, high = sorted((a, b))
        names = [t.name for t in TIERS]
        assert names.index(tier_for(low, TIERS).name) <= names.index(
            tier_for(high, TIERS).name
        )

    def test_each_tier_has_its_own_lock(self):
        """Each retry tier has a lock of its own, apart from the schedule lock."""
        assert len({t.lock_name for t in TIERS} | {"scheduleLock"}) == 4


class TestCron:
    """Spring six-field cron, on the London wall clock."""

    @pytest.mark.parametrize(
        ("expression", "after", "expected"),
        [
            ("0 0 * * * *", WINTER, datetime(2026, 1, 5, 10, 0, tzinfo=UTC)),
            ("0 15 */4 * * *", WINTER, datetime(2026, 1, 5, 12, 15, tzinfo=UTC)),
            ("0 30 23 * * *", WINTER, datetime(2026, 1, 5, 23, 30, tzinfo=UTC)),
            ("0 30 23 * * *", SUMMER, datetime(2026, 7, 6, 22, 30, tzinfo=UTC)),
            ("0 15 */4 * * *", SUMMER, datetime(2026, 7, 6, 11, 15, tzinfo=UTC)),
            ("15 */2 * * * *", WINTER, datetime(2026, 1, 5, 9, 10, 15, tzinfo=UTC)),
            ("0 0 9 * * MON-FRI", datetime(2026, 1, 9, 10, tzinfo=UTC),
             datetime(2026, 1, 12, 9, 0, tzinfo=UTC)),
            ("0 0 9 29 FEB ?", WINTER, datetime(2028, 2, 29, 9, 0, tzinfo=UTC)),
        ],
    )  # fmt: skip
    def test_next_firing_time(self, expression, after, expected):
        """Spring cron expressions fire next in London time, as the original's do."""
        assert CronExpression.parse(expression).next_after(after) == expected

    def test_the_missing_spring_forward_hour_is_skipped(self):
        """01:30 does not exist in London on 29 March 2026."""
        after = datetime(2026, 3, 29, 0, 0, tzinfo=UTC)
        expected = datetime(2026, 3, 30, 0, 30, tzinfo=UTC)
        assert CronExpression.parse("0 30 1 * * *").next_after(after) == expected

    @pytest.mark.parametrize(
        "expression", ["", "* * * * *", "0 0 25 * * *", "0 x * * * *", "0 */0 * * * *",
                       "0 0 0 31 2 *"],
    )  # fmt: skip
    def test_invalid_expressions_are_refused_with_a_named_error(self, expression):
        """An invalid cron expression is refused with InvalidCronError."""
        with pytest.raises(InvalidCronError):
            CronExpression.parse(expression).next_after(WINTER)

    @given(st.datetimes(min_value=EARLIEST, max_value=LATEST, timezones=st.just(UTC)))
    def test_next_firing_is_always_later_and_on_the_hour(self, after):
        """The next firing of an hourly expression is later and on the hour."""
        fired = CronExpression.parse("0 0 * * * *").next_after(after)
        assert (fired > after, fired.minute, fired.second) == (True, 0, 0)


class TestDeleteBy:
    """Retention: 30 days, or the sentence expiry date on some retries."""

    def test_done_is_processed_now_and_kept_thirty_days(self):
        """DONE is processed now and kept thirty days."""
        updated = after_attempt(message(), Done(), now=SUMMER, honour_retry_until=True)
        expected = (SUMMER, SUMMER + timedelta(days=30), SynchroniseState.COMPLETED)
        assert (updated.processed_date, updated.delete_by, updated.status) == expected

    def test_try_later_counts_a_retry_and_keeps_delete_by_without_retry_until(self):
        """TRY_LATER counts a retry and keeps deleteBy when no retry-until is given."""
        outcome = TryLater(status=SynchroniseState.NO_MATCH, matching_crns="")
        updated = after_attempt(message(), outcome, now=SUMMER, honour_retry_until=True)
        assert (updated.retry_count, updated.delete_by, updated.matching_crns) == (
            1, WINTER + timedelta(days=30), "")  # fmt: skip

    def test_first_run_ignores_retry_until(self):
        """The first run ignores retry-until and leaves deleteBy alone."""
        outcome = TryLater(
            status=SynchroniseState.LOCATION_NOT_UPDATED, retry_until=date(2030, 1, 1)
        )
        updated = after_attempt(
            message(), outcome, now=WINTER, honour_retry_until=False
        )
        assert updated.delete_by == WINTER + timedelta(days=30)

    def test_retry_run_moves_delete_by_to_retry_until_at_the_time_of_day(self):
        """A retry run moves deleteBy to retry-until, at the time of day it had."""
        outcome = TryLater(
            status=SynchroniseState.KEY_DATES_NOT_UPDATED, retry_until=date(2030, 1, 1)
        )
        updated = after_attempt(message(), outcome, now=WINTER, honour_retry_until=True)
        assert updated.delete_by == datetime(2030, 1, 1, 9, 10, tzinfo=UTC)

    def test_summer_retry_until_has_no_one_hour_skew(self):
        """10:10 London on a summer date is 09:10 UTC, not 10:10 UTC."""
        assert retain_until(date(2030, 7, 1), SUMMER) == datetime(
            2030, 7, 1, 9, 10, tzinfo=UTC
        )

    def test_crns_are_kept_when_the_outcome_carries_none(self):
        """CRNs already matched are kept when the outcome carries none."""
        outcome = TryLater(status=SynchroniseState.ERROR)
        updated = after_attempt(
            message(matching_crns="X1"), outcome, now=WINTER, honour_retry_until=True
        )
        assert updated.matching_crns == "X1"
