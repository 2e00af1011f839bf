"""The canary for our spans' envelopes: the library's JSON for every span we make."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from azure.monitor.opentelemetry import _configure
from azure.monitor.opentelemetry.exporter import AzureMonitorTraceExporter
from azure.monitor.opentelemetry.exporter._gen_ai._processor import (
    _GenAIMainAgentSpanProcessor,
)
from azure.monitor.opentelemetry.exporter._generated.exporter._utils.model_base import (
    SdkJSONEncoder,
)
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.span_export import (
    NoGenAiAttribution,
    PlainSpanExporter,
    plain_span_export,
)
from hmpps_workers.runners.telemetry.sql_spans import TRACER as SQL_TRACER
from hmpps_workers.runners.telemetry.sql_spans import SqlSpans
from hmpps_workers.runners.telemetry.tracing import TRACER
from support import custom_events as events
from support import span_shapes


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    """No calls home from the exporters built here."""
    for name, value in setup.QUIET.items():
        monkeypatch.setenv(name, value)


def _wire(envelopes: list) -> object:
    # What the library's client sends (`track` serializes its body so), read back.
    return json.loads(json.dumps(envelopes, cls=SdkJSONEncoder, exclude_readonly=True))


def _exporters() -> tuple[AzureMonitorTraceExporter, PlainSpanExporter]:
    library = AzureMonitorTraceExporter(connection_string=events.CONNECTION)
    ours = PlainSpanExporter(connection_string=events.CONNECTION)
    ours._plain = True  # as `export` sets it with no storage and no SDK stats
    return library, ours


class TestSpanEnvelopes:
    """Our envelopes against the library's own conversion of the same spans."""

    def test_every_span_serializes_to_the_librarys_json(self):
        """Batches, tasks and statements on every database, and the rest, alike."""
        spans = (
            span_shapes.spans() * 2
        )  # the second time round, every known shape is learnt
        library, ours = _exporters()

        expected = [_wire([library._span_to_envelope(s)]) for s in spans]
        actual = [_wire([ours._span_to_envelope(s)]) for s in spans]

        assert expected == actual

    def test_known_shapes_after_their_first_skip_the_models(self):
        """The fast path is taken, so the comparison above tests it."""
        spans = span_shapes.spans()
        _, ours = _exporters()

        for span in spans:  # learn every shape once
            ours._span_to_envelope(span)
        plain = [type(ours._span_to_envelope(s)) is dict for s in spans]

        left = span_shapes.LEFT_TO_LIBRARY
        expected = [True] * (len(spans) - left) + [False] * left
        assert expected == plain

    def test_a_second_resource_is_learnt_again(self):
        """Spans of another role carry that role's tags, as the library's do."""
        first, second = span_shapes.spans("worker"), span_shapes.spans("other-role")
        spans = [*first[:3], *second[:3], *first[3:6], *second]
        library, ours = _exporters()

        expected = [_wire([library._span_to_envelope(s)]) for s in spans]
        actual = [_wire([ours._span_to_envelope(s)]) for s in spans]

        assert expected == actual

    def test_with_offline_storage_every_envelope_is_the_librarys(self, tmp_path):
        """Storage keeps models (`as_dict`), so nothing takes the fast path then."""
        ours = PlainSpanExporter(
            connection_string=events.CONNECTION, storage_directory=str(tmp_path)
        )
        try:
            ours.export(span_shapes.spans())
            assert ours._plain is False
        finally:
            ours.shutdown()

    def test_the_sql_spans_we_make_take_the_fast_path(self):
        """A statement's span from `sql_spans` over a real SQLite engine is ours."""
        finished = InMemorySpanExporter()
        provider = TracerProvider(resource=events.resource("worker"))
        provider.add_span_processor(SimpleSpanProcessor(finished))
        spans = SqlSpans(tracer=provider.get_tracer(SQL_TRACER))
        engine = sa.create_engine("sqlite://")
        spans.instrument()
        try:
            with (
                provider.get_tracer(TRACER).start_as_current_span("task T"),
                engine.connect() as connection,
            ):
                connection.execute(sa.text("SELECT 1"))
                connection.execute(sa.text("SELECT 2"))
        finally:
            spans.uninstrument()
        library, ours = _exporters()
        statements = [s for s in finished.get_finished_spans() if s.name != "task T"]

        built = [ours._span_to_envelope(s) for s in statements]

        assert (
            [type(e) is dict for e in built],
            [_wire([e]) for e in built],
        ) == (
            [False, True],
            [_wire([library._span_to_envelope(s)]) for s in statements],
        )


class TestWiring:
    """The distro builds our exporter while it configures, and only then."""

    def test_the_distro_is_handed_our_exporter_and_gets_its_own_back(self):
        """Inside the context the distro's name is ours; afterwards the library's."""
        with plain_span_export():
            inside = _configure.AzureMonitorTraceExporter
        assert (inside, _configure.AzureMonitorTraceExporter) == (
            PlainSpanExporter,
            AzureMonitorTraceExporter,
        )

    def test_the_distros_gen_ai_span_processor_is_ours_that_does_nothing(self):
        """It copies gen-AI agent attributes no span of ours has; the name comes back."""
        with plain_span_export():
            inside = _configure._GenAIMainAgentSpanProcessor
        assert (inside, _configure._GenAIMainAgentSpanProcessor) == (
            NoGenAiAttribution,
            _GenAIMainAgentSpanProcessor,
        )
