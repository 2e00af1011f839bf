"""The canary on the wire for the events pipeline's records, posted as JSON text."""

from __future__ import annotations

import pytest
from azure.monitor.opentelemetry.exporter import AzureMonitorLogExporter
from opentelemetry.sdk._logs.export import LogRecordExportResult

from hmpps_workers.adapters.testing.app_insights import FakeAppInsights
from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.event_export import (
    CustomEventExporter,
    readable,
)
from hmpps_workers.runners.telemetry.events import CUSTOM_EVENT_NAME, EventRecord
from support import custom_events as events


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    """No calls home from the exporters built here."""
    for name, value in setup.QUIET.items():
        monkeypatch.setenv(name, value)


def _as_event(record) -> EventRecord:
    """The `EventRecord` `OpenTelemetryEvents` queues for the same event."""
    log = record.log_record
    properties = dict(log.attributes)
    name = properties.pop(CUSTOM_EVENT_NAME)
    return EventRecord(
        log.timestamp or log.observed_timestamp,
        log.trace_id or 0,
        log.span_id or 0,
        int(log.trace_flags or 0),
        name,
        properties,
    )


class TestEventRecordsOnTheWire:
    """Records from the events pipeline against the library's SDK records."""

    def test_the_posted_body_is_the_librarys_byte_for_byte(self):
        """Plain and special events in one batch, texts and models mixed."""
        resource = events.resource("worker")
        # Every event (not the plain log line), and the SDK's record of each.
        queued = [_as_event(r) for r in events.records(resource)[:-1]]
        sdk = [readable(record, resource) for record in queued]
        with FakeAppInsights() as fake:
            library = AzureMonitorLogExporter(
                connection_string=fake.connection_string,
                disable_offline_storage=True,
            )
            assert library.export(sdk) == LogRecordExportResult.SUCCESS
            ours = CustomEventExporter(
                connection_string=fake.connection_string,
                disable_offline_storage=True,
            )
            ours.events_resource = resource
            for _ in range(2):  # ours learns from the first batch's first event
                assert ours.export(queued) == (LogRecordExportResult.SUCCESS)
            for exporter in (library, ours):
                exporter.shutdown()
            expected, _, actual = fake.bodies
        assert expected == actual
