"""Cutoffs and windows of the daily jobs, as pure functions of now and the settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import attrs

from hmpps_workers.core.clock import UK, require_aware
from hmpps_workers.core.prison_visits.claims.values import ClaimStatus, same_text
from hmpps_workers.core.prison_visits.daily.ports import ClaimState

REJECTION_NOTE = "We have not had an update for 6 weeks or more. Rejecting the claim."
WAITING_ON_CLAIMANT = (
    ClaimStatus.PENDING,
    ClaimStatus.REQUEST_INFORMATION,
    ClaimStatus.REQUEST_INFO_PAYMENT,
)


@attrs.frozen(kw_only=True)
class DailySettings:
    """The §7 thresholds (the original's defaults) and the catch-up limit."""

    first_advance_reminder_days: int = 1
    second_advance_reminder_days: int = 7
    pending_days_for_reminder: int = 35
    days_after_reminder_for_rejection: int = 7
    overpayment_days: int = 10
    external_data_days: int = 30
    archive_after_days: int = 365
    archive_max_per_run: int = 1000
    catch_up_days: int = attrs.field(default=7, validator=attrs.validators.ge(1))


def uk_today(now: datetime) -> date:
    """The UK calendar day of an instant."""
    return require_aware(now).astimezone(UK).date()


def uk_day_start(day: date) -> datetime:
    """UK midnight at the start of `day`, as an aware instant."""
    return datetime.combine(day, time(0), tzinfo=UK).astimezone(UTC)


def days_to_cover(
    now: datetime, last_success: datetime | None, catch_up_days: int
) -> tuple[date, date]:
    """First and last UK day whose reminders are due in this run.

    Every day since the last successful run, at most `catch_up_days` back; today
    only on a first run. Today is always covered: the stores skip claims already
    reminded, so running twice on one day sends nothing twice.
    """
    today = uk_today(now)
    earliest = today - timedelta(days=catch_up_days - 1)
    if last_success is None:
        return today, today
    first = min(today, max(uk_today(last_success) + timedelta(days=1), earliest))
    return first, today


def advance_journey_window(
    now: datetime, days_after: int, last_success: datetime | None, catch_up_days: int
) -> tuple[datetime, datetime]:
    """Journeys `days_after` days before each covered day: [from, before)."""
    first, last = days_to_cover(now, last_success, catch_up_days)
    shift = timedelta(days=days_after)
    return uk_day_start(first - shift), uk_day_start(last - shift + timedelta(days=1))


def start_of_day_days_ago(now: datetime, days: int) -> datetime:
    """UK midnight `days` days before today: the original's `YYYY-MM-DD` cutoffs."""
    return uk_day_start(uk_today(now) - timedelta(days=days))


def overpayment_reason(days: int) -> str:
    """The OverpaymentReason text, with the configured number of days."""
    return f"Evidence not uploaded within {days} days"


def changed_since_deferral(state: ClaimState, deferred_at: datetime) -> bool:
    """True if the claim left NEW or was updated after its approval was deferred."""
    if not same_text(state.status, ClaimStatus.NEW):
        return True
    return state.last_updated is not None and state.last_updated > deferred_at
