"""The bootstraps' telemetry choices: unchanged parts when off, traced ones when on."""

from __future__ import annotations

import attrs

from hmpps_workers.core.prison_to_probation import MessageProcessor
from hmpps_workers.core.tasks import HandlerRegistry, NewTask, Schema, TaskWorker
from hmpps_workers.core.testing import FakeClock, InMemoryTaskStore
from hmpps_workers.runners.telemetry import wiring
from hmpps_workers.runners.telemetry.events import BothTelemetry, TaskOutcomeEvents
from hmpps_workers.runners.telemetry.held_back import TraceContextStore
from hmpps_workers.runners.telemetry.setup import Disabled
from hmpps_workers.runners.telemetry.tracing import (
    TracedMessageHandler,
    TracedMessageProcessor,
    TracedTaskWorker,
)


@attrs.frozen
class On:
    enabled: bool = True

    def shutdown(self) -> None:
        pass


def _worker():
    return TaskWorker(
        store=InMemoryTaskStore(),
        registry=HandlerRegistry({"X": lambda task: None}),
        clock=FakeClock(),
        owner="t",
        batch_size=7,
    )


class TestWiringOff:
    """Telemetry off: every part is handed back untouched."""

    def test_off_changes_nothing(self):
        """Same worker, same events, same processor class, same handler."""
        worker, events, handle, store = _worker(), object(), print, object()
        off = Disabled()
        assert (
            wiring.traced_worker(worker, off) is worker,
            wiring.exported_events(events, off) is events,
            wiring.message_processor(off) is MessageProcessor,
            wiring.message_handler(handle, "q", off) is handle,
            wiring.message_store(store, off) is store,
        ) == (True, True, True, True, True)


class TestWiringOn:
    """Telemetry on: the traced variants, with the same settings."""

    def test_the_traced_worker_keeps_its_settings_and_runs_tasks(self, exported):
        """Batch size and owner kept; a task completes and a batch span is made."""
        worker = wiring.traced_worker(_worker(), On())
        worker.store.enqueue(
            NewTask(task="X", schema=Schema.EXT), now=FakeClock().now()
        )
        report = worker.drain()
        assert (
            type(worker),
            type(worker.store),
            worker.batch_size,
            report.completed,
            bool(exported.get_finished_spans()),
        ) == (TracedTaskWorker, TaskOutcomeEvents, 7, 1, True)

    def test_the_p2p_parts_are_the_traced_ones(self):
        """Events to both ports, traced processor, handler and store."""
        assert (
            type(wiring.exported_events(object(), On())),
            wiring.message_processor(On()),
            type(wiring.message_handler(print, "q", On())),
            type(wiring.message_store(object(), On())),
        ) == (
            BothTelemetry,
            TracedMessageProcessor,
            TracedMessageHandler,
            TraceContextStore,
        )
