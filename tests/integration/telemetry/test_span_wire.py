"""The canary on the wire: our trace exporter posts the library's exact bytes."""

from __future__ import annotations

import pytest
from azure.monitor.opentelemetry.exporter import AzureMonitorTraceExporter
from opentelemetry.sdk.trace.export import SpanExportResult

from hmpps_workers.adapters.testing.app_insights import FakeAppInsights
from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.span_export import PlainSpanExporter
from support import span_shapes


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    """No calls home; no resource metric, whose time differs between two posts."""
    for name, value in setup.QUIET.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv(
        "APPLICATIONINSIGHTS_OPENTELEMETRY_RESOURCE_METRIC_DISABLED", "true"
    )


class TestSpansOnTheWire:
    """The same batch exported by the library and by us, to the fake ingestion."""

    def test_the_posted_body_is_the_librarys_byte_for_byte(self):
        """Every span shape in one batch: one identical body from each exporter."""
        spans = span_shapes.spans("worker")
        with FakeAppInsights() as fake:
            for exporter in (
                AzureMonitorTraceExporter(
                    connection_string=fake.connection_string,
                    disable_offline_storage=True,
                ),
                PlainSpanExporter(
                    connection_string=fake.connection_string,
                    disable_offline_storage=True,
                ),
            ):
                # Twice: ours learns each shape from its first span.
                for _ in range(2):
                    assert exporter.export(spans) == SpanExportResult.SUCCESS
                exporter.shutdown()

            library, _, first, second = fake.bodies
        events = 1  # the job span's event is an envelope of its own
        assert len(spans) + events == library.count(b'"iKey"')
        assert (library, library) == (first, second)
