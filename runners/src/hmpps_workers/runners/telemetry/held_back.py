"""A stored message keeps the trace it was received in, across the hold-back.

The SQS message's span continues the publisher's trace; the message is then stored
and processed an hour later by a scheduled job, whose run is an operation of its own.
The store decorator writes the receiving span's W3C `traceparent` onto the stored
message; processing it opens a span *linked* to that context, as a child of the job.

Linked, not a child: one job run processes many messages received in many traces.
As children of those traces the job's request would be left empty, its calls spread
over a hundred old operations, and each old operation would grow a branch an hour
after it ended. Linked, the job stays one operation with every call beneath it, and
Application Insights' end-to-end view of a message processing span lists the
receiving operation (its `_MS.links`) to jump to.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import attrs
from opentelemetry import trace
from opentelemetry.trace import Link
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from hmpps_workers.core.prison_to_probation.model import StoredMessage
from hmpps_workers.core.prison_to_probation.ports import MessageStore

_W3C = TraceContextTextMapPropagator()


def current_traceparent() -> str | None:
    """The W3C `traceparent` of the span in progress, if there is one."""
    carrier: dict[str, str] = {}
    _W3C.inject(carrier)
    return carrier.get("traceparent")


def received_links(message: StoredMessage) -> list[Link]:
    """A link to the span the message was received in, when it kept one."""
    if message.traceparent is None:
        return []
    context = _W3C.extract({"traceparent": message.traceparent})
    received = trace.get_current_span(context).get_span_context()
    return [Link(received)] if received.is_valid else []


@attrs.define
class TraceContextStore:
    """A message store that writes the current trace context onto each new item."""

    inner: MessageStore

    def add(self, message: StoredMessage) -> None:
        """Store a new item with the `traceparent` of the span receiving it."""
        if message.traceparent is None:
            message = attrs.evolve(message, traceparent=current_traceparent())
        self.inner.add(message)

    def save(self, message: StoredMessage) -> None:
        """Replace the item (its trace context is kept, as read)."""
        self.inner.save(message)

    def delete(self, message_id: str) -> None:
        """Remove an item."""
        self.inner.delete(message_id)

    def get(self, message_id: str, *, now: datetime) -> StoredMessage | None:
        """The live item with this id."""
        return self.inner.get(message_id, now=now)

    def find_ready(
        self, *, created_before: datetime, now: datetime, limit: int
    ) -> Sequence[StoredMessage]:
        """Untried unprocessed items created before the cut-off."""
        return self.inner.find_ready(
            created_before=created_before, now=now, limit=limit
        )

    def find_unprocessed(
        self, booking_id: int, *, now: datetime
    ) -> Sequence[StoredMessage]:
        """Every unprocessed item of one booking."""
        return self.inner.find_unprocessed(booking_id, now=now)

    def find_for_retry(
        self, *, min_retry_count: int, max_retry_count: int, now: datetime, limit: int
    ) -> Sequence[StoredMessage]:
        """Unprocessed items whose retry count is in the range."""
        return self.inner.find_for_retry(
            min_retry_count=min_retry_count,
            max_retry_count=max_retry_count,
            now=now,
            limit=limit,
        )

    def find_all(self, *, now: datetime) -> Sequence[StoredMessage]:
        """Every live item."""
        return self.inner.find_all(now=now)
