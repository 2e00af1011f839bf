"""A stored message keeps its receiving trace; processing it links back to it."""

from __future__ import annotations

from opentelemetry import trace
from opentelemetry.trace import SpanKind

from hmpps_workers.core.testing.contracts.prison_to_probation import (
    NOW,
    TRACEPARENT,
    message,
)
from hmpps_workers.core.testing.prison_to_probation.store import InMemoryMessageStore
from hmpps_workers.runners.telemetry.held_back import (
    TraceContextStore,
    received_links,
)
from hmpps_workers.runners.telemetry.runs import scheduled_request
from hmpps_workers.runners.telemetry.tracing import TracedMessageProcessor


def _hex(span_context):
    return (
        format(span_context.trace_id, "032x"),
        format(span_context.span_id, "016x"),
    )


class TestTraceContextStore:
    """New items carry the traceparent of the span that received them."""

    def test_an_item_added_inside_a_span_keeps_that_spans_context(self, exported):
        """The stored traceparent names the receiving span, its flags included."""
        store = TraceContextStore(InMemoryMessageStore())
        with trace.get_tracer("test").start_as_current_span(
            "q process", kind=SpanKind.CONSUMER
        ) as span:
            store.add(message("a"))
        trace_id, span_id = _hex(span.get_span_context())
        flags = format(span.get_span_context().trace_flags, "02x")
        stored = store.get("a", now=NOW)
        assert stored is not None
        assert stored.traceparent == f"00-{trace_id}-{span_id}-{flags}"

    def test_an_item_added_outside_any_span_has_none(self, exported):
        """No trace in progress: nothing to keep."""
        store = TraceContextStore(InMemoryMessageStore())
        store.add(message("a"))
        stored = store.get("a", now=NOW)
        assert stored is not None
        assert stored.traceparent is None

    def test_a_save_keeps_the_context_it_read(self, exported):
        """Processing later, in another trace, does not overwrite it."""
        store = TraceContextStore(InMemoryMessageStore())
        store.add(message("a", traceparent=TRACEPARENT))
        stored = store.get("a", now=NOW)
        assert stored is not None
        with trace.get_tracer("test").start_as_current_span("job process"):
            store.save(stored)
        again = store.get("a", now=NOW)
        assert again is not None
        assert again.traceparent == TRACEPARENT


class TestProcessingLinks:
    """Processing is a child of the job and linked to the receiving trace."""

    def test_the_process_span_is_the_jobs_child_and_links_to_the_receipt(
        self, exported
    ):
        """Parent: the job's request; link: the stored traceparent's span."""
        processor = TracedMessageProcessor(handlers={})
        with scheduled_request("process"):
            processor.process(message("a", traceparent=TRACEPARENT))
        spans = {s.name: s for s in exported.get_finished_spans()}
        job = spans["job process"]
        process = spans["process IMPRISONMENT_STATUS-CHANGED"]
        assert (
            process.parent.span_id,
            process.context.trace_id,
            [_hex(link.context) for link in process.links],
        ) == (
            job.context.span_id,
            job.context.trace_id,
            [tuple(TRACEPARENT.split("-")[1:3])],
        )

    def test_a_message_without_a_context_has_no_link(self):
        """Items from the original, or from before, link to nothing."""
        assert received_links(message("a")) == []
