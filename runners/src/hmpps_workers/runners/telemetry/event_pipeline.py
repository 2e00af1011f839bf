"""Custom events queued as plain records and exported in batches on one thread.

`OpenTelemetryEvents` hands each event over as an `EventRecord` (a tuple: time,
trace context, name, properties) instead of emitting an SDK log record, which cost
the worker thread about 16 us an event (docs/telemetry-cost.md). This
is the SDK's batch processor for them, with its behaviour and its variables
(`OTEL_BLRP_SCHEDULE_DELAY`, `OTEL_BLRP_MAX_QUEUE_SIZE`,
`OTEL_BLRP_MAX_EXPORT_BATCH_SIZE`): a bounded queue (the oldest dropped when full,
with a warning), an export when a batch is full or the delay has passed, every record
exported at a flush or at shutdown, and the exporter's own HTTP calls kept out of
telemetry. `event_export.CustomEventExporter` turns the records into envelopes.
"""

from __future__ import annotations

import collections
import logging
import os
import threading
from collections.abc import Callable, Sequence
from typing import Any

import attrs
from opentelemetry.instrumentation.utils import suppress_instrumentation

from hmpps_workers.runners.telemetry.events import EventRecord, send_events_to

log = logging.getLogger(__name__)

# The SDK's defaults for its batch log record processor.
_DELAY_MS, _QUEUE, _BATCH = 5000, 2048, 512


def _setting(name: str, default: int) -> int:
    """A positive whole number from `name`, or `default` (named in a warning)."""
    text = os.environ.get(name)
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value > 0:
        return value
    # The SDK's processor falls back silently; the value itself is not echoed.
    log.warning(
        "%s is not a positive whole number: the default, %d, is used", name, default
    )
    return default


@attrs.define(kw_only=True)
class EventPipeline:
    """Queues events and exports them in batches on its own thread."""

    export: Callable[[Sequence[EventRecord]], Any]
    shutdown_exporter: Callable[[], Any] = lambda: None
    delay: float = attrs.field(
        factory=lambda: _setting("OTEL_BLRP_SCHEDULE_DELAY", _DELAY_MS) / 1000
    )
    max_queue: int = attrs.field(
        factory=lambda: _setting("OTEL_BLRP_MAX_QUEUE_SIZE", _QUEUE)
    )
    batch: int = attrs.field(
        factory=lambda: _setting("OTEL_BLRP_MAX_EXPORT_BATCH_SIZE", _BATCH)
    )
    dropped: int = attrs.field(default=0, init=False)
    _queue: collections.deque[EventRecord] = attrs.field(init=False)
    _awake: threading.Event = attrs.field(factory=threading.Event, init=False)
    _exporting: threading.Lock = attrs.field(factory=threading.Lock, init=False)
    _stopped: threading.Event = attrs.field(factory=threading.Event, init=False)
    _thread: threading.Thread = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """Start the export thread."""
        self.batch = min(self.batch, self.max_queue)
        self._queue = collections.deque(maxlen=self.max_queue)
        self._thread = threading.Thread(
            target=self._run, name="hmpps-events-export", daemon=True
        )
        self._thread.start()

    def add(self, record: EventRecord) -> None:
        """Queue one event; the thread is woken only when a batch is full."""
        if self._stopped.is_set():
            return
        queue = self._queue
        if len(queue) == self.max_queue:
            self.dropped += 1  # the deque drops the oldest
            if self.dropped == 1:
                log.warning("custom events queue full: the oldest are dropped")
        queue.append(record)
        if len(queue) >= self.batch and not self._awake.is_set():
            self._awake.set()

    def _run(self) -> None:
        while not self._stopped.is_set():
            woken = self._awake.wait(self.delay)
            if self._stopped.is_set():
                break
            self._export(everything=False, at_least_one=not woken)
            self._awake.clear()

    def _export(self, *, everything: bool, at_least_one: bool = False) -> None:
        with self._exporting, suppress_instrumentation():
            queue = self._queue
            first = True
            while queue and (
                everything or len(queue) >= self.batch or (at_least_one and first)
            ):
                first = False
                batch = [queue.popleft() for _ in range(min(self.batch, len(queue)))]
                try:
                    self.export(batch)
                except Exception:
                    log.exception("exporting custom events failed")

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        """Export every queued event now."""
        del timeout_millis
        if self._stopped.is_set():
            return False
        self._export(everything=True)
        return True

    def shutdown(self) -> None:
        """Stop taking events, export what is queued, stop the thread and exporter."""
        if self._stopped.is_set():
            return
        self._stopped.set()
        send_events_to(None)
        self._awake.set()
        self._thread.join()
        self._export(everything=True)
        self.shutdown_exporter()
