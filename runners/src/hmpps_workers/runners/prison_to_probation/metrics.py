"""The original's Micrometer meters (section 10.1) on a Prometheus registry.

Core has no metrics port; the meters are derived at the edges instead. Custom events
give the movement and sentence-date counters, the key-date 404's body (seen by a
community-api decorator) tells "no conviction" from "no offender", and the pipeline's
attempt observer sees each IMPRISONMENT_STATUS-CHANGED attempt land: success with its
retries and days, or a handler's failure inside the item's last day. Every label value
is fixed text.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import attrs
from prometheus_client import CollectorRegistry, Counter, Histogram

from hmpps_workers.core.prison_to_probation import telemetry as events
from hmpps_workers.core.prison_to_probation.api import (
    Custody,
    KeyDatesNotFound,
    ReplaceCustodyKeyDates,
)
from hmpps_workers.core.prison_to_probation.model import (
    EventType,
    StoredMessage,
    SynchroniseState,
)
from hmpps_workers.core.prison_to_probation.outcomes import Done, Outcome
from hmpps_workers.core.prison_to_probation.ports import CommunityApi, Telemetry

_LAST_DAY = timedelta(hours=24)


@attrs.define
class P2pMetrics:
    """The five meters, registered eagerly with every label value."""

    registry: CollectorRegistry = attrs.field(factory=CollectorRegistry)
    movement: Counter = attrs.field(init=False)
    sentence_date_change: Counter = attrs.field(init=False)
    status_change: Counter = attrs.field(init=False)
    retries: Histogram = attrs.field(init=False)
    days: Histogram = attrs.field(init=False)
    missing_key_dates: threading.local = attrs.field(factory=threading.local)

    def __attrs_post_init__(self) -> None:
        """Register the meters and touch every label so each series exists at 0."""
        self.movement = Counter(
            "ptpu_movement",
            "Movements sent to Delius",
            ["type"],
            registry=self.registry,
        )
        self.sentence_date_change = Counter(
            "ptpu_sentenceDateChange", "Sentence date changes", ["type"],
            registry=self.registry,
        )  # fmt: skip
        self.status_change = Counter(
            "ptpu_statusChangeCounter", "Imprisonment status changes", ["type"],
            registry=self.registry,
        )  # fmt: skip
        self.retries = Histogram(
            "ptpu_statusChange_retries", "Retries before a status change succeeded",
            buckets=(0, 1, 2, 5, 10, 20, 50), registry=self.registry,
        )  # fmt: skip
        self.days = Histogram(
            "ptpu_statusChange", "Days to process a status change (part days count)",
            buckets=(1, 2, 3, 5, 7, 10, 20), registry=self.registry,
        )  # fmt: skip
        for kind in ("total", "fail", "success"):
            self.movement.labels(type=kind)
            self.status_change.labels(type=kind)
        for kind in ("total", "fail_no_offender", "fail_no_conviction", "success"):
            self.sentence_date_change.labels(type=kind)


@attrs.define
class MeteredTelemetry:
    """Passes events on and counts movements and sentence-date changes."""

    inner: Telemetry
    metrics: P2pMetrics

    def track_event(self, name: str, properties: Mapping[str, str]) -> None:
        """Count, then pass on."""
        movement = {
            events.TRANSFER_UPDATED: "success",
            events.TRANSFER_NOT_FOUND: "fail",
        }.get(name)
        if movement:
            self.metrics.movement.labels(type="total").inc()
            self.metrics.movement.labels(type=movement).inc()
        if name in {events.SENTENCE_DATES_CHANGED, events.SENTENCE_DATES_NOT_FOUND}:
            body = getattr(self.metrics.missing_key_dates, "body", "")
            kind = "success"
            if name == events.SENTENCE_DATES_NOT_FOUND:
                no_conviction = "bookingNumber" in body
                kind = "fail_no_conviction" if no_conviction else "fail_no_offender"
            self.metrics.sentence_date_change.labels(type="total").inc()
            self.metrics.sentence_date_change.labels(type=kind).inc()
        self.inner.track_event(name, properties)


@attrs.define
class MeteredCommunityApi:
    """Remembers the last key-dates 404 body on this thread, for the counter above."""

    inner: CommunityApi
    metrics: P2pMetrics

    def __getattr__(self, name: str) -> Any:  # noqa: ANN401 - delegation
        """Every other call goes straight through."""
        return getattr(self.inner, name)

    def replace_key_dates(
        self, offender_no: str, booking_no: str, key_dates: ReplaceCustodyKeyDates
    ) -> Custody | KeyDatesNotFound:
        """Replace, noting a 404's body text."""
        result = self.inner.replace_key_dates(offender_no, booking_no, key_dates)
        missing = result.body if isinstance(result, KeyDatesNotFound) else ""
        self.metrics.missing_key_dates.body = missing
        return result


@attrs.define
class StatusChangeMeter:
    """Counts imprisonment-status attempts as the original's MessageProcessor did.

    Told of each saved attempt with the item as read: success counts with its retries
    and days; a handler's TryLater counts as a failure only inside the item's last 24
    hours (by the `deleteBy` it was read with). A failure by exception (ERROR) is not
    counted: the original's exceptions never reached its metrics.
    """

    metrics: P2pMetrics

    def __call__(self, before: StoredMessage, outcome: Outcome, now: datetime) -> None:
        """Count one attempt."""
        if before.event_type != EventType.IMPRISONMENT_STATUS_CHANGED:
            return
        if isinstance(outcome, Done):
            self.metrics.status_change.labels(type="total").inc()
            self.metrics.status_change.labels(type="success").inc()
            self.metrics.retries.observe(before.retry_count)
            self.metrics.days.observe(_whole_days(before.created_date, now) + 1)
        elif outcome.status != SynchroniseState.ERROR and (
            before.delete_by - _LAST_DAY < now
        ):
            self.metrics.status_change.labels(type="total").inc()
            self.metrics.status_change.labels(type="fail").inc()


def _whole_days(start: datetime, end: datetime) -> int:
    return max(0, (end - start).days)
