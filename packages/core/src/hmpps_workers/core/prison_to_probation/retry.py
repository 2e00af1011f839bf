"""Retry tiers chosen by retry count, and the deleteBy (retention) rules of section 7.

Instants stay aware throughout, so deleteBy is the true epoch second: the original
treated local wall-clock time as UTC and kept items an hour too long (or short) in
British Summer Time.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo

import attrs

from hmpps_workers.core.clock import UK, require_aware
from hmpps_workers.core.prison_to_probation.cron import CronExpression
from hmpps_workers.core.prison_to_probation.model import StoredMessage
from hmpps_workers.core.prison_to_probation.outcomes import Done, Outcome

REPORTING_PERIOD = timedelta(days=30)
MAX_RETRY_COUNT = 2_147_483_647


def _cron(value: str | CronExpression) -> CronExpression:
    return value if isinstance(value, CronExpression) else CronExpression.parse(value)


@attrs.frozen(kw_only=True)
class RetryTier:
    """A cron-driven job that re-processes items whose retry count is in a range."""

    name: str
    cron: CronExpression = attrs.field(converter=_cron)
    min_retry_count: int = attrs.field(validator=attrs.validators.ge(1))
    max_retry_count: int = attrs.field()

    @max_retry_count.validator
    def _check_range(self, _: object, value: int) -> None:
        if value < self.min_retry_count:
            raise ValueError("max_retry_count is below min_retry_count")

    @property
    def lock_name(self) -> str:
        """Each tier has its own lock, so no tier is skipped for another's run."""
        return f"scheduleLock-retry-{self.name}"

    def selects(self, retry_count: int) -> bool:
        """True when an item with this retry count belongs to the tier."""
        return self.min_retry_count <= retry_count <= self.max_retry_count


def default_tiers(
    short: str = "0 0 * * * *",
    medium: str = "0 15 */4 * * *",
    long: str = "0 30 23 * * *",
) -> tuple[RetryTier, ...]:
    """Hourly for retries 1-4, four-hourly for 5-10, daily from 11 on."""
    return (
        RetryTier(name="short", cron=short, min_retry_count=1, max_retry_count=4),
        RetryTier(name="medium", cron=medium, min_retry_count=5, max_retry_count=10),
        RetryTier(
            name="long", cron=long, min_retry_count=11, max_retry_count=MAX_RETRY_COUNT
        ),
    )


def tier_for(retry_count: int, tiers: tuple[RetryTier, ...]) -> RetryTier | None:
    """The tier that will next pick up an item with this retry count (0: none)."""
    return next((tier for tier in tiers if tier.selects(retry_count)), None)


def retain_until(retry_until: date, now: datetime, zone: tzinfo = UK) -> datetime:
    """`retry_until` at the current UK time of day, as a true instant."""
    local_time = require_aware(now).astimezone(zone).time()
    wall = datetime.combine(retry_until, local_time)
    return wall.replace(tzinfo=zone)


def after_attempt(
    message: StoredMessage,
    outcome: Outcome,
    *,
    now: datetime,
    honour_retry_until: bool,
) -> StoredMessage:
    """The item after one processing attempt.

    Done: processed now, kept 30 days for reports. TryLater: one more retry; in a retry
    run (not the first, aggregated run) a `retry_until` moves deleteBy to that date.
    The matched CRNs are overwritten only when the outcome carries some.
    """
    crns = (
        message.matching_crns
        if outcome.matching_crns is None
        else outcome.matching_crns
    )
    if isinstance(outcome, Done):
        return attrs.evolve(
            message,
            processed_date=now,
            delete_by=now + REPORTING_PERIOD,
            status=outcome.status,
            matching_crns=crns,
        )
    delete_by = message.delete_by
    if honour_retry_until and outcome.retry_until is not None:
        delete_by = retain_until(outcome.retry_until, now)
    return attrs.evolve(
        message,
        retry_count=message.retry_count + 1,
        status=outcome.status,
        matching_crns=crns,
        delete_by=delete_by,
    )
