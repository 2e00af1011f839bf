"""An httpx call beneath a dropped span, through the distro's instrumentation (18h).

At the default sampling nearly every task runs beneath a dropped batch span. These
pin what such a call still does and costs: one kept-alive connection for every call
(not one each), no span kept, the not-sampled trace context sent on, and one point
in the HTTP client duration histogram, which Application Insights' standard
dependency metrics read whatever the sampling.
"""

from __future__ import annotations

import httpx
import pytest
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ALWAYS_OFF

from hmpps_workers.adapters.testing.http import FakeServer, Request, Response

CALLS = 5


class _Answer(FakeServer):
    """Answers every call at once, counting the connections it accepted."""

    name = "answer"

    def __init__(self) -> None:
        super().__init__()
        self.connections = 0
        self.traceparents: list[str | None] = []
        accept = self._server.process_request

        def counted(request: object, address: object) -> None:
            self.connections += 1
            accept(request, address)

        self._server.process_request = counted

    def handle(self, request: Request) -> Response:
        """An empty JSON object."""
        self.traceparents.append(request.headers.get("traceparent"))
        return Response.json(200, {})


@pytest.fixture
def instrumented():
    """The distro's httpx instrumentation on a provider that drops every trace."""
    spans = InMemorySpanExporter()
    provider = TracerProvider(sampler=ALWAYS_OFF)
    provider.add_span_processor(SimpleSpanProcessor(spans))
    metrics = InMemoryMetricReader()
    instrumentor = HTTPXClientInstrumentor()
    instrumentor.instrument(
        tracer_provider=provider,
        meter_provider=MeterProvider(metric_readers=[metrics]),
    )
    try:
        yield provider, spans, metrics
    finally:
        instrumentor.uninstrument()


def _histogram_count(metrics: InMemoryMetricReader) -> int:
    data = metrics.get_metrics_data()
    assert data is not None
    return sum(
        point.count
        for resource in data.resource_metrics
        for scope in resource.scope_metrics
        for metric in scope.metrics
        if metric.name == "http.client.duration"
        for point in metric.data.data_points
    )


class TestHttpBeneathADroppedSpan:
    """Calls beneath a dropped span: what they send, keep and record."""

    def test_calls_share_one_connection_and_keep_no_span(self, instrumented):
        """Five calls, one connection; no span; the trace context goes on unsampled."""
        provider, spans, metrics = instrumented
        with _Answer() as server, httpx.Client(base_url=server.url) as client:
            with provider.get_tracer("test").start_as_current_span("batch") as batch:
                assert not batch.is_recording()
                for _ in range(CALLS):
                    client.get("/answer").raise_for_status()
            sampled = {  # the flags' lowest bit (the next may mark a random id)
                int(str(header).rsplit("-", 1)[-1], 16) & 1
                for header in server.traceparents
            }
            assert (server.connections, spans.get_finished_spans(), sampled) == (
                1,
                (),
                {0},
            )
            assert _histogram_count(metrics) == CALLS
