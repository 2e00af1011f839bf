"""Children of dropped spans are dropped at once; every other span is sampled as before."""

from __future__ import annotations

import gc

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.sampling import (
    ALWAYS_OFF,
    ALWAYS_ON,
    Sampler,
    SamplingResult,
)
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags

from hmpps_workers.runners.heap import freeze_startup_heap
from hmpps_workers.runners.telemetry.sampling import follow_dropped_parents
from hmpps_workers.runners.telemetry.setup import Exporting


class ScriptedSampler(Sampler):
    """Keeps spans whose name starts with "keep", and counts how often it was asked."""

    def __init__(self):
        self.asked = []

    def should_sample(self, parent_context, trace_id, name, *args, **kwargs):
        self.asked.append(name)
        chosen = ALWAYS_ON if name.startswith("keep") else ALWAYS_OFF
        return chosen.should_sample(parent_context, trace_id, name, *args, **kwargs)

    def get_description(self) -> str:
        return "scripted"


@pytest.fixture
def sampler():
    """A scripted sampler, already wrapped on its provider."""
    return ScriptedSampler()


@pytest.fixture
def tracer(sampler):
    """A tracer taken before the wrapping, as the distro's instrumentations take it."""
    provider = TracerProvider(sampler=sampler)
    taken_before = provider.get_tracer("test")
    follow_dropped_parents(provider)
    return taken_before


class TestFollowDroppedParents:
    """The wrapped sampler: parents that were dropped drop their children."""

    def test_a_child_of_a_dropped_span_is_dropped_without_asking_the_sampler(
        self, sampler, tracer
    ):
        """The batch's trace was dropped: its task and call spans cost no decision."""
        with (
            tracer.start_as_current_span("batch"),
            tracer.start_as_current_span("keep task") as task,
            tracer.start_as_current_span("keep call") as call,
        ):
            pass
        assert (
            sampler.asked,
            task.get_span_context().trace_flags.sampled,
            call.get_span_context().trace_flags.sampled,
        ) == (
            ["batch"],
            False,
            False,
        )

    def test_the_dropped_child_keeps_the_trace_it_belongs_to(self, tracer):
        """Events sent inside it still carry the batch's operation id."""
        with (
            tracer.start_as_current_span("batch") as batch,
            tracer.start_as_current_span("task") as task,
        ):
            pass
        assert task.get_span_context().trace_id == batch.get_span_context().trace_id

    def test_children_of_a_sampled_span_are_still_asked_and_kept(self, sampler, tracer):
        """A sampled trace keeps its SQL and HTTP children: the sampler decides."""
        with (
            tracer.start_as_current_span("keep batch") as batch,
            tracer.start_as_current_span("keep SELECT") as sql,
            tracer.start_as_current_span("keep GET") as http,
        ):
            pass
        assert (
            sampler.asked,
            sql.parent.span_id,
            http.parent.span_id,
            http.get_span_context().trace_flags.sampled,
        ) == (
            ["keep batch", "keep SELECT", "keep GET"],
            batch.get_span_context().span_id,
            sql.get_span_context().span_id,
            True,
        )

    def test_a_span_continuing_a_remote_parent_is_asked(self, sampler, tracer):
        """A message's span continuing its publisher's trace is sampled as before."""
        remote = SpanContext(
            trace_id=0x1234, span_id=0x99, is_remote=True, trace_flags=TraceFlags(0)
        )
        context = trace.set_span_in_context(NonRecordingSpan(remote))
        with tracer.start_as_current_span("keep process", context=context) as span:
            pass
        kept = span.get_span_context().trace_flags.sampled
        assert (sampler.asked, kept) == (["keep process"], True)

    def test_wrapping_twice_wraps_once(self, sampler):
        """A second start in the same process leaves one wrapper."""
        provider = TracerProvider(sampler=sampler)
        follow_dropped_parents(provider)
        first = sampler.should_sample
        follow_dropped_parents(provider)
        assert sampler.should_sample is first

    def test_a_result_for_a_root_span_is_the_samplers_own(self, sampler):
        """Roots go straight to the sampler, arguments untouched."""
        provider = TracerProvider(sampler=sampler)
        follow_dropped_parents(provider)
        result = sampler.should_sample(None, 0x1234, "keep root")
        assert (isinstance(result, SamplingResult), result.decision.is_sampled()) == (
            True,
            True,
        )


class FakeProvider:
    """Records its flush and stop; fails the flush when told to."""

    def __init__(self, *, fails=False):
        self.calls = []
        self.fails = fails

    def force_flush(self):
        self.calls.append("flush")
        if self.fails:
            raise RuntimeError("flush failed")

    def shutdown(self):
        self.calls.append("shutdown")


class TestShutdown:
    """The providers are flushed side by side, each before it is stopped."""

    def test_every_provider_is_flushed_then_stopped(self):
        """Traces, events and metrics alike; one without either is left alone."""
        providers = [FakeProvider(), FakeProvider(), object()]
        Exporting(providers=providers, instrumentors=[]).shutdown()
        assert [p.calls for p in providers[:2]] == [["flush", "shutdown"]] * 2

    def test_a_providers_error_is_raised_after_the_others_are_stopped(self):
        """It surfaces to the runner as before, without stopping the others."""
        failing, other = FakeProvider(fails=True), FakeProvider()
        with pytest.raises(RuntimeError, match="flush failed"):
            Exporting(providers=[failing, other], instrumentors=[]).shutdown()
        assert other.calls == ["flush", "shutdown"]


def test_the_startup_heap_is_frozen_out_of_later_collections():
    """Objects alive once a runner is wired are not walked by collections again."""
    try:
        freeze_startup_heap()
        frozen = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    assert frozen > 0
