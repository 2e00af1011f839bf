"""Spans for batches, tasks and messages, and nothing personal in any of them."""

from __future__ import annotations

import json

import httpx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from opentelemetry import trace
from opentelemetry.trace import SpanKind

from hmpps_workers.core.redaction import redact
from hmpps_workers.core.tasks import NewTask, Schema, TaskFilter
from hmpps_workers.core.tasks.model import Completed
from hmpps_workers.core.tasks.registry import FailureFallback, HandlerRegistry
from hmpps_workers.core.testing import FakeClock, InMemoryTaskStore
from hmpps_workers.runners.telemetry import privacy
from hmpps_workers.runners.telemetry.privacy import (
    _clean_statement,
    clean_attributes,
    strip_query,
)
from hmpps_workers.runners.telemetry.tracing import (
    TracedMessageHandler,
    TracedTaskWorker,
    traced_registry,
    tracer,
)
from support.personal_data import exported_leaks, leaks

TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"


def _text(span):
    return json.dumps(
        {
            "name": span.name,
            "attributes": dict(span.attributes),
            "events": [dict(e.attributes) for e in span.events],
            "status": span.status.description,
        }
    )


class TestPrivacy:
    """Query strings, headers, bodies and personal data never reach the exporter."""

    def test_query_strings_are_stripped_from_urls_in_any_text(self):
        """Every value in a query string goes, the path stays."""
        text = "GET https://maps.example/api?origins=AA1%201AA&key=k failed"
        assert strip_query(text) == "GET https://maps.example/api failed"

    def test_headers_bodies_and_parameters_are_dropped(self):
        """Keys that can carry personal data are removed outright."""
        cleaned = clean_attributes(
            {
                "http.request.header.authorization": ("Bearer x",),
                "http.request.body": "{}",
                "db.query.parameter.name": "Valentina",
                "url.query": "postcode=AA1 1AA",
                "http.request.method": "GET",
            }
        )
        assert cleaned == {"http.request.method": "GET"}

    def test_a_finished_span_is_cleaned_before_export(self, exported):
        """URL, exception message and status text are stripped and redacted."""
        tracer = trace.get_tracer("test")
        with pytest.raises(ValueError, match="visitor"):  # noqa: SIM117 - one span
            with tracer.start_as_current_span(
                "GET",
                kind=SpanKind.CLIENT,
                attributes={"url.full": "https://api.example/x?postcode=AA1 1AA"},
            ):
                raise ValueError("no answer for visitor@example.com born 17/05/1985")
        (span,) = exported.get_finished_spans()
        assert (span.attributes["url.full"], leaks(_text(span))) == (
            "https://api.example/x",
            [],
        )

    def test_an_httpx_error_message_loses_its_query_string(self, exported):
        """The URL httpx puts in its errors keeps only its path."""
        request = httpx.Request("GET", "https://api.example/d?origin=AA1 1AA")
        response = httpx.Response(500, request=request)
        with (
            pytest.raises(httpx.HTTPStatusError),
            trace.get_tracer("test").start_as_current_span("GET"),
        ):
            response.raise_for_status()
        (span,) = exported.get_finished_spans()
        assert ("AA1" in _text(span), "api.example/d" in _text(span)) == (False, True)


class TestPrivacyShortcuts:
    """The cheap paths skip work only where it could not have found anything."""

    @given(st.text(alphabet=st.characters(blacklist_categories=("Nd",))))
    def test_text_without_a_digit_or_at_sign_is_never_redacted(self, text):
        """Every redaction pattern needs a digit or an @, so skipping is safe."""
        assume("@" not in text and not any(c.isdigit() for c in text))
        assert redact(text) == text

    def test_numbers_and_booleans_pass_and_personal_text_is_redacted(self):
        """Only strings are rewritten; one holding an email loses it."""
        cleaned = clean_attributes(
            {
                "task.id": 12345678,
                "ok": True,
                "db.statement": "SELECT 1 WHERE Email = :v -- visitor@example.com",
                "task.type": "DWP-CHECK",
            }
        )
        assert cleaned == {
            "task.id": 12345678,
            "ok": True,
            "db.statement": "SELECT 1 WHERE Email = :v -- [REDACTED]",
            "task.type": "DWP-CHECK",
        }

    def test_a_statement_seen_again_is_cleaned_alike_without_redacting_again(self):
        """Statement texts are cleaned once and kept; every copy is still redacted."""
        statement = "SELECT 2 WHERE Email = :v -- someone@example.com AB123456C"
        first = clean_attributes({"db.statement": statement})
        before = _clean_statement.cache_info().hits
        again = clean_attributes({"db.query.text": statement})
        assert (first["db.statement"], again["db.query.text"]) == (
            "SELECT 2 WHERE Email = :v -- [REDACTED] [REDACTED]",
            "SELECT 2 WHERE Email = :v -- [REDACTED] [REDACTED]",
        )
        assert _clean_statement.cache_info().hits == before + 1

    def test_an_engine_attribute_seen_again_is_cleaned_alike_without_redacting(
        self, monkeypatch
    ):
        """Every SQL span repeats its engine's name, user and server: cleaned once."""
        redacted = []
        monkeypatch.setattr(
            privacy, "redact", lambda text: redacted.append(text) or "[REDACTED]"
        )
        engine = {"db.name": "/srv/run-2/claims.db", "net.peer.name": "10.0.0.12"}
        first = clean_attributes(engine)
        again = clean_attributes(engine)
        assert (first, again, len(redacted)) == (first, first, 2)

    def test_a_span_without_url_attributes_is_not_read_key_by_key(self):
        """Only a span carrying a URL key has its values looked at when it starts."""

        class _Attributes(dict):
            def get(self, key, default=None):
                raise AssertionError(key)

        class _Span:
            attributes = _Attributes({"db.statement": "SELECT 1", "db.name": "x"})

        privacy.PrivacySpanProcessor().on_start(_Span())

    def test_a_url_without_query_or_fragment_is_left_as_it_started(self, exported):
        """on_start rewrites a URL only when it has something to strip."""
        tracer = trace.get_tracer("test")
        url = "https://api.example/x"
        with tracer.start_as_current_span("GET", attributes={"url.full": url}):
            pass
        (span,) = exported.get_finished_spans()
        assert span.attributes["url.full"] == url

    def test_the_tracer_is_built_once(self):
        """The provider would build a new tracer per task otherwise."""
        assert tracer() is tracer()


class TestTaskSpans:
    """Each worker batch is an operation; each task its child."""

    def test_a_batch_span_is_the_parent_of_each_task_span(self, exported):
        """Consumer span per batch, one internal span per task under it."""
        clock = FakeClock()
        store = InMemoryTaskStore()
        for _ in range(2):
            store.enqueue(NewTask(task="DWP-CHECK", schema=Schema.EXT), now=clock.now())
        registry = traced_registry(HandlerRegistry({"DWP-CHECK": lambda task: None}))
        TracedTaskWorker(
            store=store,
            registry=registry,
            clock=clock,
            owner="t",
            schemas=(Schema.EXT,),
        ).run_batch(Schema.EXT)
        spans = exported.get_finished_spans()
        batch = next(s for s in spans if s.name == "worker batch ExtSchema")
        tasks = [s for s in spans if s.name == "task DWP-CHECK"]
        assert (
            batch.kind,
            batch.attributes["batch.completed"],
            [t.parent.span_id for t in tasks],
            tasks[0].attributes["task.schema"],
        ) == (SpanKind.CONSUMER, 2, [batch.context.span_id] * 2, "ExtSchema")

    def test_no_task_span_is_made_under_a_dropped_batch(self, exported):
        """A dropped batch's tasks make no spans; each still runs and reports."""
        recorder = _Recorder()
        registry = traced_registry(
            HandlerRegistry({"X": lambda task: Completed.IN_TRANSACTION}), recorder
        )
        dropped = trace.NonRecordingSpan(
            trace.SpanContext(
                trace_id=0x4BF92F3577B34DA6A3CE929D0E0E4736,
                span_id=0x00F067AA0BA902B7,
                is_remote=False,
                trace_flags=trace.TraceFlags(0),
            )
        )
        with trace.use_span(dropped):
            result = registry["X"](TestTracedHandlers()._task())
        assert (result, recorder.events, exported.get_finished_spans()) == (
            Completed.IN_TRANSACTION,
            [("TaskCompleted", "completed")],
            (),
        )

    def test_a_task_with_no_span_above_it_still_gets_its_own(self, exported):
        """Only a dropped span of this process skips the task span."""
        registry = traced_registry(HandlerRegistry({"X": lambda task: None}))
        registry["X"](TestTracedHandlers()._task())
        assert [s.name for s in exported.get_finished_spans()] == ["task X"]


class TestMessageSpans:
    """An SQS message is an operation continuing its publisher's trace."""

    def _body(self, **attributes):
        return json.dumps(
            {
                "Type": "Notification",
                "Message": "{}",
                "MessageAttributes": {
                    name: {"Type": "String", "Value": value}
                    for name, value in attributes.items()
                },
            }
        )

    def test_a_message_with_a_traceparent_continues_that_trace(self, exported):
        """The consumer span's parent is the publisher's span."""
        handler = TracedMessageHandler("prison_to_probation_queue", lambda body: None)
        handler(self._body(eventType="BOOKING_NUMBER-CHANGED", traceparent=TRACEPARENT))
        (span,) = exported.get_finished_spans()
        assert (
            format(span.context.trace_id, "032x"),
            format(span.parent.span_id, "016x"),
            span.attributes["event.type"],
        ) == (
            "4bf92f3577b34da6a3ce929d0e0e4736",
            "00f067aa0ba902b7",
            "BOOKING_NUMBER-CHANGED",
        )

    def test_the_calls_a_message_causes_are_its_children(self, exported):
        """A span opened while handling is a child of the message span."""

        def handle(body):
            with trace.get_tracer("test").start_as_current_span(
                "GET", kind=SpanKind.CLIENT
            ):
                pass

        TracedMessageHandler("q", handle)(self._body(eventType="X"))
        call, message = exported.get_finished_spans()
        assert (call.parent.span_id, message.parent) == (message.context.span_id, None)

    def test_a_malformed_body_still_gets_a_span(self, exported):
        """The handler's own error stands; the span says unknown."""
        with pytest.raises(ValueError, match="bad"):
            TracedMessageHandler("q", _raise_bad)("not json")
        (span,) = exported.get_finished_spans()
        assert span.attributes["event.type"] == "unknown"


def _raise_bad(body):
    raise ValueError("bad")


class TestExportedLeaksScan:
    """The scan of exported telemetry finds what it is meant to."""

    def _envelope(self, **base):
        return {"data": {"baseType": "RemoteDependencyData", "baseData": base}}

    def test_a_clean_envelope_passes(self):
        """Ids and paths are fine."""
        envelope = self._envelope(
            name="GET /x", data="http://h/x", properties={"crn": "X1"}
        )
        assert exported_leaks([envelope]) == []

    def test_personal_data_query_strings_and_header_keys_are_all_found(self):
        """Each kind of leak is named."""
        envelope = self._envelope(
            name="GET /x",
            data="http://h/x?postcode=AA1 1AA",
            properties={"http.request.header.cookie": "c"},
        )
        assert exported_leaks([envelope]) == [
            "personal data: postcode",
            "query string in 'GET /x'",
            "property 'http.request.header.cookie' in 'GET /x'",
        ]


class _Recorder:
    def __init__(self):
        self.events = []

    def track_event(self, name, properties):
        self.events.append((name, properties["outcome"]))


class _WithFallback:
    def __call__(self, task):
        return None

    def on_failure(self, task, reason):
        return f"fell back: {reason}"


class TestTracedHandlers:
    """Wrapping a handler keeps what the engine relies on."""

    def _task(self):
        clock = FakeClock()
        store = InMemoryTaskStore()
        store.enqueue(NewTask(task="X", schema=Schema.EXT), now=clock.now())
        return store.find(TaskFilter(limit=1), now=clock.now())[0]

    def test_a_completion_in_the_handlers_transaction_is_returned_and_reported(
        self, exported
    ):
        """IN_TRANSACTION reaches the engine, and TaskCompleted is sent here."""
        recorder = _Recorder()
        registry = traced_registry(
            HandlerRegistry({"X": lambda task: Completed.IN_TRANSACTION}), recorder
        )
        result = registry["X"](self._task())
        assert (result, recorder.events) == (
            Completed.IN_TRANSACTION,
            [("TaskCompleted", "completed")],
        )

    def test_a_handlers_failure_fallback_is_kept(self):
        """The traced handler is still a FailureFallback and delegates to it."""
        handler = traced_registry(HandlerRegistry({"X": _WithFallback()}))["X"]
        assert (
            isinstance(handler, FailureFallback),
            handler.on_failure(self._task(), "r"),
        ) == (True, "fell back: r")
