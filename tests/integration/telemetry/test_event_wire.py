"""The canary on the wire: our exporter posts the library's exact bytes."""

from __future__ import annotations

import pytest
from azure.monitor.opentelemetry.exporter import AzureMonitorLogExporter
from opentelemetry.sdk._logs.export import LogRecordExportResult

from hmpps_workers.adapters.testing.app_insights import FakeAppInsights
from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.event_export import CustomEventExporter
from support import custom_events as events


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    """No calls home from the exporters built here."""
    for name, value in setup.QUIET.items():
        monkeypatch.setenv(name, value)


class TestCustomEventsOnTheWire:
    """The same batch exported by the library and by us, to the fake ingestion."""

    def test_the_posted_body_is_the_librarys_byte_for_byte(self):
        """Every record shape in one batch: one identical body from each exporter."""
        records = events.records(events.resource("worker"))
        with FakeAppInsights() as fake:
            for exporter in (
                AzureMonitorLogExporter(
                    connection_string=fake.connection_string,
                    disable_offline_storage=True,
                ),
                CustomEventExporter(
                    connection_string=fake.connection_string,
                    disable_offline_storage=True,
                ),
            ):
                # Twice: ours learns from the first batch's first event.
                for _ in range(2):
                    assert exporter.export(records) == LogRecordExportResult.SUCCESS
                exporter.shutdown()

            library, _, first, second = fake.bodies
        assert len(events.records(events.resource("worker"))) == library.count(
            b'"iKey"'
        )
        assert (library, library) == (first, second)
