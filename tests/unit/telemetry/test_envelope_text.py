"""Envelopes as JSON text: what `json.dumps` gives their dicts, for every shape."""

from __future__ import annotations

import json

import pytest

from hmpps_workers.runners.telemetry import envelope_text, setup
from hmpps_workers.runners.telemetry.envelope_text import EnvelopeTexts, batch_body
from hmpps_workers.runners.telemetry.event_export import CustomEventExporter
from hmpps_workers.runners.telemetry.events import EventRecord
from support import custom_events as events


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    """No calls home from the exporters built here."""
    for name, value in setup.QUIET.items():
        monkeypatch.setenv(name, value)


def _build(name, properties, operation, parent, time):
    return {
        "name": "Event",
        "tags": {"role": "worker {0} }{", "op": operation, "parent": parent},
        "time": time,
        "data": {"name": name, "properties": dict(properties), "measurements": {}},
    }


SHAPES = [
    *((name, properties) for name, properties, _, _ in events.PLAIN),
    ("Odd", {'"quoted" key': "x", "{0}": "{1}", "café ✓": "\u2028\x00", "": ""}),
    ("Odd", {"@@hmpps-workers-slot-0@@": "a key like a placeholder"}),
    ("Slotlike", {"a": "@@hmpps-workers-slot-3@@"}),
]


class TestEnvelopeTexts:
    """Each shape rendered once, each event filled in."""

    @pytest.mark.parametrize(("name", "properties"), SHAPES)
    def test_the_text_is_json_dumps_of_the_dict(self, name, properties):
        """Twice (the template made, then used): the same text as `json.dumps`."""
        texts = EnvelopeTexts(_build)
        args = (name, properties, "0af7" * 8, "b7ad" * 4, "2026-12-06T00:00:00Z")
        expected = json.dumps(_build(*args))
        assert [expected, expected] == [texts.text(*args), texts.text(*args)]

    def test_shapes_are_bounded(self, monkeypatch):
        """Past the bound a shape is rendered by `json.dumps`, and nothing is kept."""
        monkeypatch.setattr(envelope_text, "MAX_SHAPES", 2)
        texts = EnvelopeTexts(_build)
        for index in range(4):
            properties = {f"key{index}": "value"}
            args = ("E", properties, "1", "2", "3")
            assert json.dumps(_build(*args)) == texts.text(*args)
        assert len(texts._formats) == 2

    def test_a_batch_is_joined_as_json_dumps_joins_a_list(self):
        """Texts as they are, other items through the encoder given."""
        items = [json.dumps({"a": 1}), {"b": [2, 3]}, json.dumps({"c": "d"})]
        expected = json.dumps([{"a": 1}, {"b": [2, 3]}, {"c": "d"}]).encode()
        assert expected == batch_body(items, json.dumps)


class TestInTheExporter:
    """Within an export, plain events' envelopes are text; outside it, dicts."""

    def test_plain_events_are_text_only_within_an_export(self):
        """The canaries' `_log_to_envelope` still sees dicts; the export, text."""
        exporter = CustomEventExporter(connection_string=events.CONNECTION)
        exporter.events_resource = events.resource("worker")
        exporter._plain = True
        record = EventRecord(1, 2, 3, 1, "TaskCompleted", events.TASK)
        exporter._log_to_envelope(record)  # the first learns the resource
        outside = exporter._log_to_envelope(record)
        exporter._text = True
        inside = exporter._log_to_envelope(record)
        assert (type(outside), json.dumps(outside)) == (dict, inside)
