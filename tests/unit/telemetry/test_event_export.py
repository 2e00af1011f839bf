"""The canary for our custom-event envelopes: the library's JSON, byte for byte."""

from __future__ import annotations

import json

import pytest
from azure.monitor.opentelemetry.exporter import AzureMonitorLogExporter
from azure.monitor.opentelemetry.exporter._generated.exporter._utils.model_base import (
    SdkJSONEncoder,
)

from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.event_export import CustomEventExporter
from support import custom_events as events


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    """No calls home from the exporters built here."""
    for name, value in setup.QUIET.items():
        monkeypatch.setenv(name, value)


def _wire(envelopes: list) -> str:
    # What the library's client sends: `track` serializes its body exactly so.
    return json.dumps(envelopes, cls=SdkJSONEncoder, exclude_readonly=True)


class TestCustomEventEnvelopes:
    """Our envelopes against the library's own conversion of the same records."""

    def test_every_record_serializes_to_the_librarys_bytes(self):
        """Plain events, special ones and plain log lines: identical JSON each."""
        records = events.records(events.resource("worker"))
        library = AzureMonitorLogExporter(connection_string=events.CONNECTION)
        ours = CustomEventExporter(connection_string=events.CONNECTION)
        ours._plain = True  # as `export` sets it with no storage and no SDK stats

        expected = [_wire([library._log_to_envelope(r)]) for r in records]
        actual = [_wire([ours._log_to_envelope(r)]) for r in records]

        assert expected == actual

    def test_plain_events_after_the_first_skip_the_models(self):
        """The fast path is taken, so the comparison above tests it."""
        records = events.records(events.resource("worker"))
        ours = CustomEventExporter(connection_string=events.CONNECTION)
        ours._plain = True

        built = [ours._log_to_envelope(r) for r in records]

        plain = [type(e) is dict for e in built]
        expected = (
            [False]
            + [True] * (len(events.PLAIN) - 1)
            + [False] * (len(events.SPECIAL) + 1)
        )
        assert expected == plain

    def test_a_second_resource_is_learnt_again(self):
        """Events of another role carry that role's tags, as the library's do."""
        first = events.records(events.resource("worker"))
        second = events.records(events.resource("other-role"))
        library = AzureMonitorLogExporter(connection_string=events.CONNECTION)
        ours = CustomEventExporter(connection_string=events.CONNECTION)
        ours._plain = True
        records = [*first[:2], *second[:2], *first[2:4]]

        expected = [_wire([library._log_to_envelope(r)]) for r in records]
        actual = [_wire([ours._log_to_envelope(r)]) for r in records]

        assert expected == actual

    def test_with_offline_storage_every_envelope_is_the_librarys(self, tmp_path):
        """Storage keeps models (`as_dict`), so nothing takes the fast path then."""
        records = events.records(events.resource("worker"))
        ours = CustomEventExporter(
            connection_string=events.CONNECTION, storage_directory=str(tmp_path)
        )
        ours.export(records[:0])  # decides the path for the batch

        built = [ours._log_to_envelope(r) for r in records]

        assert not [e for e in built if type(e) is dict]
        ours.shutdown()
