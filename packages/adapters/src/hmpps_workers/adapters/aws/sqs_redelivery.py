"""Redelivery without burning the queue's receive limit: re-send later, park by age.

The platform's queues send a message to the dead-letter queue on its third receive,
which a prison-api outage of half an hour used to exhaust. Instead, a retryable
failure re-sends the message with a growing delay (capped at SQS's 15 minutes) and
deletes the original, carrying the attempt count and the first failure's time in two
message attributes; every other attribute is kept. Only a message that has been
failing for longer than `park_after` (24 hours by default), or fails permanently, goes
to the dead-letter queue, and it goes at once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from hmpps_workers.core.errors import WorkerError

if TYPE_CHECKING:
    from mypy_boto3_sqs import SQSClient
    from mypy_boto3_sqs.type_defs import MessageTypeDef

log = logging.getLogger(__name__)

ATTEMPTS = "hmppsWorkersAttempts"
FIRST_FAILED = "hmppsWorkersFirstFailed"
REASON = "hmppsWorkersParkedReason"
SQS_MAX_DELAY = timedelta(minutes=15)


@attrs.frozen(kw_only=True)
class RedeliveryPolicy:
    """Delay doubling from `first_delay` to `max_delay`; park after `park_after`."""

    first_delay: timedelta = timedelta(seconds=30)
    max_delay: timedelta = attrs.field(
        default=SQS_MAX_DELAY, validator=attrs.validators.le(SQS_MAX_DELAY)
    )
    park_after: timedelta = timedelta(hours=24)
    # Real seconds per nominal second of delay: 1 in production; tests on a
    # simulated clock send with 0 and advance the clock by the nominal delay.
    time_scale: float = 1.0

    def delay(self, attempts: int) -> timedelta:
        """The wait before attempt `attempts + 1` (attempts counts failures so far)."""
        grown: timedelta = self.first_delay * (2 ** min(max(attempts - 1, 0), 20))
        return min(grown, self.max_delay)

    def delay_seconds(self, attempts: int) -> int:
        """DelaySeconds for SQS (scaled, whole seconds, at most 900)."""
        nominal = self.delay(attempts).total_seconds() * self.time_scale
        return int(min(round(nominal), SQS_MAX_DELAY.total_seconds()))


@attrs.frozen(kw_only=True)
class FailureHistory:
    """What a message's attributes say about its earlier failures."""

    attempts: int = 0
    first_failed: datetime | None = None

    @classmethod
    def of(cls, attributes: Mapping[str, Any]) -> FailureHistory:
        """Read the two attributes; damaged values count as absent."""
        try:
            attempts = int(attributes.get(ATTEMPTS, {}).get("StringValue", "0"))
        except ValueError:
            attempts = 0
        first: datetime | None = None
        text = attributes.get(FIRST_FAILED, {}).get("StringValue")
        if text:
            try:
                first = datetime.fromisoformat(text).astimezone(UTC)
            except ValueError:
                first = None
        return cls(attempts=max(attempts, 0), first_failed=first)

    def after_failure(self, now: datetime) -> FailureHistory:
        """The history with one more failure at `now`."""
        return FailureHistory(
            attempts=self.attempts + 1, first_failed=self.first_failed or now
        )

    def attributes(self) -> dict[str, Any]:
        """The two message attributes."""
        first = (self.first_failed or datetime.now(UTC)).astimezone(UTC)
        return {
            ATTEMPTS: {"DataType": "Number", "StringValue": str(self.attempts)},
            FIRST_FAILED: {"DataType": "String", "StringValue": first.isoformat()},
        }


def without_history(attributes: Mapping[str, Any]) -> dict[str, Any]:
    """The attributes with our failure history removed (a fresh start)."""
    return {
        name: value
        for name, value in attributes.items()
        if name not in {ATTEMPTS, FIRST_FAILED, REASON}
    }


def sendable(attributes: Mapping[str, Any]) -> dict[str, Any]:
    """Received message attributes in the shape SendMessage takes."""
    keep = ("DataType", "StringValue", "BinaryValue")
    return {
        name: {k: v for k, v in value.items() if k in keep}
        for name, value in attributes.items()
    }


@attrs.define
class Redeliverer:
    """Re-sends a failed message for later, or parks it on the dead-letter queue."""

    send: Callable[..., Any]
    client: SQSClient
    queue_url: str
    dead_letter_url: Callable[[], str | None]
    policy: RedeliveryPolicy
    clock: Callable[[], datetime]

    def _copy(
        self, url: str, message: MessageTypeDef, extra: dict[str, Any], delay: int = 0
    ) -> bool:
        attributes = without_history(sendable(message.get("MessageAttributes", {})))
        try:
            self.send(
                url,
                "SendMessage",
                self.client.send_message,
                MessageBody=message.get("Body", ""),
                MessageAttributes={**attributes, **extra},
                DelaySeconds=delay,
            )
        except WorkerError as error:
            log.warning("message not re-sent", extra={"error": str(error)})
            return False
        return True

    def redeliver(
        self, message: MessageTypeDef, reason: str, fields: dict[str, object]
    ) -> str | None:
        """REDELIVERED, PARKED (failing too long), or None when sending failed."""
        now = self.clock()
        history = FailureHistory.of(message.get("MessageAttributes", {}))
        history = history.after_failure(now)
        if now - (history.first_failed or now) >= self.policy.park_after:
            reason = f"failing for over {self.policy.park_after}: {reason}"
            return "PARKED" if self.park(message, reason, fields, history) else None
        delay = self.policy.delay_seconds(history.attempts)
        if not self._copy(self.queue_url, message, history.attributes(), delay):
            return None
        log.warning(
            "message failed, re-sent for a later attempt",
            extra={
                **fields,
                "reason": reason,
                "attempts": history.attempts,
                "retry_in": str(self.policy.delay(history.attempts)),
            },
        )
        return "REDELIVERED"

    def park(
        self,
        message: MessageTypeDef,
        reason: str,
        fields: dict[str, object],
        history: FailureHistory | None = None,
    ) -> bool:
        """Send straight to the dead-letter queue; False without one or on failure."""
        try:
            url = self.dead_letter_url()
        except WorkerError:
            url = None
        if url is None:
            return False
        history = history or FailureHistory.of(message.get("MessageAttributes", {}))
        extra = {
            **history.attributes(),
            REASON: {"DataType": "String", "StringValue": reason[:256]},
        }
        if not self._copy(url, message, extra):
            return False
        log.error(
            "message parked on the dead-letter queue",
            extra={**fields, "reason": reason, "attempts": history.attempts},
        )
        return True
