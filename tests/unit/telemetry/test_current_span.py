"""The worker thread's look at the current span: OpenTelemetry's answer, cheaper."""

from __future__ import annotations

import contextlib

import pytest
import sqlalchemy as sa
from opentelemetry import context, trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF
from opentelemetry.trace.propagation import _SPAN_KEY

from hmpps_workers.core.tasks import HandlerRegistry, NewTask, Schema, TaskFilter
from hmpps_workers.core.testing import FakeClock, InMemoryTaskStore
from hmpps_workers.runners.telemetry import current_span
from hmpps_workers.runners.telemetry.events import (
    EventRecord,
    OpenTelemetryEvents,
    send_events_to,
)
from hmpps_workers.runners.telemetry.sql_spans import SqlSpans
from hmpps_workers.runners.telemetry.tracing import is_dropped_here, traced_registry
from support.sampling import CountingSampler

_TRACE = 0x4BF92F3577B34DA6A3CE929D0E0E4736
_SPAN = 0x00F067AA0BA902B7


def _non_recording(*, remote: bool, valid: bool = True) -> trace.Span:
    return trace.NonRecordingSpan(
        trace.SpanContext(
            trace_id=_TRACE if valid else 0,
            span_id=_SPAN if valid else 0,
            is_remote=remote,
            trace_flags=trace.TraceFlags(0),
        )
    )


class _NotASpan:
    """Something else under the span key: OpenTelemetry reads it as no span."""


def _recorded() -> trace.Span:
    return TracerProvider().get_tracer("t").start_span("kept")


def _ended() -> trace.Span:
    span = _recorded()
    span.end()
    return span


CURRENT = {
    "nothing": lambda: None,
    "the invalid span": lambda: trace.INVALID_SPAN,
    "a dropped span of this process": lambda: _non_recording(remote=False),
    "a remote parent": lambda: _non_recording(remote=True),
    "a recorded span": _recorded,
    "an ended span": _ended,
    "not a span": _NotASpan,
}


@contextlib.contextmanager
def _current(value: object):
    token = context.attach(context.set_value(_SPAN_KEY, value))
    try:
        yield
    finally:
        context.detach(token)


@contextlib.contextmanager
def _opentelemetry_lookups_counted():
    """Counts calls to OpenTelemetry's own current-span look-up."""
    calls = []
    original = trace.get_current_span

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(trace, "get_current_span", counted)
        yield calls


def _task():
    clock = FakeClock()
    store = InMemoryTaskStore()
    store.enqueue(NewTask(task="X", schema=Schema.EXT), now=clock.now())
    return store.find(TaskFilter(limit=1), now=clock.now())[0]


class _Sink:
    def __init__(self):
        self.records: list[EventRecord] = []

    def add(self, record):
        self.records.append(record)


class TestCurrentSpan:
    """Each question answered as OpenTelemetry's `get_current_span` would."""

    @pytest.mark.parametrize("which", CURRENT)
    def test_the_answers_are_opentelemetrys_for_every_current_span(self, which):
        """Recording, dropped here and the span context agree with the API's."""
        with _current(CURRENT[which]()):
            span = trace.get_current_span()
            expected = (
                span.is_recording(),
                is_dropped_here(span),
                span.get_span_context(),
            )
            actual = (
                current_span.recording(),
                current_span.dropped_here(),
                current_span.span_context(),
            )
        assert expected == actual

    def test_under_a_dropped_span_the_worker_thread_never_asks_opentelemetry(self):
        """A task, its statements and its event read the current span directly."""
        engine = sa.create_engine("sqlite://")
        sql = SqlSpans(tracer=TracerProvider(sampler=ALWAYS_OFF).get_tracer("t"))
        sql.instrument()
        sink = _Sink()
        send_events_to(sink)
        events = OpenTelemetryEvents()

        def handler(task):
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1").scalar()
                connection.execute(sa.text("SELECT :n"), {"n": 1}).scalar()
            events.track_event("TaskCompleted", {"taskId": str(task.task_id)})

        registry = traced_registry(HandlerRegistry({"X": handler}))
        try:
            with (
                trace.use_span(_non_recording(remote=False)),
                _opentelemetry_lookups_counted() as lookups,
            ):
                registry["X"](_task())
        finally:
            send_events_to(None)
            sql.uninstrument()
            engine.dispose()
        assert (len(lookups), [r.trace_id for r in sink.records]) == (0, [_TRACE])

    def test_a_statement_under_a_recorded_span_still_asks_the_sampler(self):
        """The short cut is only for dropped and absent spans."""
        sampler = CountingSampler()
        tracer = TracerProvider(sampler=sampler).get_tracer("t")
        engine = sa.create_engine("sqlite://")
        sql = SqlSpans(tracer=tracer)
        sql.instrument()
        try:
            with (
                _current(_recorded()),
                engine.connect() as connection,
            ):
                connection.exec_driver_sql("SELECT 1").scalar()
        finally:
            sql.uninstrument()
            engine.dispose()
        assert sampler.asked == 1
