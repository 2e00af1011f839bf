"""Custom events to Application Insights without the exporter's model objects per event.

The distro's log exporter turns every record into autorest-style models
(`TelemetryItem`, `MonitorBase`, `TelemetryEventData`), each checked field by field,
and serializes them again: about 0.3 ms of the exporter thread's CPU per event, under
the GIL, a fifth of a claim task's own time (docs/telemetry-cost.md, "Issue 18e"). A
custom event's envelope is the same every time but for its time, operation ids, name
and properties, so the first event of a resource goes through the library's own
conversion and gives the rest (tags, instrumentation key, envelope and data names);
later events fill those five in as plain dicts, which the library's client serializes
and sends as it would its models (its `track` takes a list of JSON objects), with the
library's own retries, redirects and partial-success handling.

Only events of a shape we know take this path: a `microsoft.custom_event.name`, every
other attribute a string under a key with no dot (each key the exporter reads for a
tag, a measurement, an exception or a user is dotted) that is not its event marker.
Anything else goes through the library's conversion, as does everything when the
exporter keeps offline storage or customer SDK stats (both read the models). The canary
tests (`tests/unit/telemetry/test_event_export.py`,
`tests/integration/telemetry/test_event_wire.py`) hold our bytes equal to the
library's; `runners/pyproject.toml` bounds the exporter's version
(docs/operations.md, "Why our own envelopes").
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable, Mapping
from typing import Any

from azure.monitor.opentelemetry.exporter import AzureMonitorLogExporter
from azure.monitor.opentelemetry.exporter._generated.exporter._utils.model_base import (
    SdkJSONEncoder,
)
from opentelemetry._logs import LogRecord, SeverityNumber
from opentelemetry.sdk._logs import LoggerProvider, ReadableLogRecord
from opentelemetry.sdk._logs.export import BatchLogRecordProcessor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.util.instrumentation import InstrumentationScope
from opentelemetry.trace import (
    NonRecordingSpan,
    SpanContext,
    TraceFlags,
    set_span_in_context,
)

from hmpps_workers.runners.telemetry.envelope_text import EnvelopeTexts, batch_body
from hmpps_workers.runners.telemetry.events import (
    CUSTOM_EVENT_NAME,
    EVENTS_LOGGER,
    EventRecord,
)

# The exporter's own limits and names (azure-monitor-opentelemetry-exporter 1.0.0b5x).
_MAX_KEY = 150
_MAX_VALUE = 8 * 1024
_EVENT_MARKER = "APPLICATION_INSIGHTS_EVENT_MARKER_ATTRIBUTE"
_OPERATION_ID = "ai.operation.id"
_PARENT_ID = "ai.operation.parentId"
_UTC = dt.UTC


def envelope_time(nanoseconds: int) -> str:
    """An instant in nanoseconds as the exporter writes it (RFC 3339, "Z")."""
    # As the exporter: a float division, then RFC 3339 with "Z".
    moment = dt.datetime.fromtimestamp(nanoseconds / 1e9, tz=_UTC)
    return moment.isoformat().replace("+00:00", "Z")


def _plain_properties(
    name: object, items: Iterable[tuple[str, object]], logger: str | None
) -> tuple[str, dict[str, str]] | None:
    """The event's name and properties, or None when the library must convert it."""
    if not isinstance(name, str) or not name:
        return None
    properties: dict[str, str] = {}
    for key, value in items:
        if key == CUSTOM_EVENT_NAME:
            continue
        if (
            not isinstance(value, str)
            or "." in key
            or key == _EVENT_MARKER
            or not 0 < len(key) <= _MAX_KEY
        ):
            return None
        properties[key] = value[:_MAX_VALUE]
    if logger is not None:
        properties.setdefault("logger_name", logger)
    return name, properties


def _properties(record: ReadableLogRecord) -> tuple[str, dict[str, str]] | None:
    """An SDK record's name and properties, or None when the library must convert it."""
    attributes = record.log_record.attributes
    if not attributes:
        return None
    scope = record.instrumentation_scope
    logger = None if scope is None or scope.name is None else str(scope.name)
    return _plain_properties(
        attributes.get(CUSTOM_EVENT_NAME), attributes.items(), logger
    )


def readable(record: EventRecord, resource: Resource) -> ReadableLogRecord:
    """The SDK's record `OpenTelemetryEvents` would have emitted for `record`."""
    span = NonRecordingSpan(
        SpanContext(
            record.trace_id,
            record.span_id,
            is_remote=False,
            trace_flags=TraceFlags(record.trace_flags),
        )
    )
    return ReadableLogRecord(
        log_record=LogRecord(
            timestamp=record.timestamp,
            context=set_span_in_context(span),
            severity_text="INFO",
            severity_number=SeverityNumber.INFO,
            body=record.name,
            attributes={**record.properties, CUSTOM_EVENT_NAME: record.name},
        ),
        resource=resource,
        instrumentation_scope=InstrumentationScope(EVENTS_LOGGER),
    )


class CustomEventExporter(AzureMonitorLogExporter):
    """The library's log exporter, building custom events' envelopes as plain dicts."""

    def __init__(self, **kwargs: Any) -> None:  # noqa: ANN401 - the library's options
        """The library's exporter, with no envelope learnt yet."""
        super().__init__(**kwargs)
        self._resource: Resource | None = None
        self._template: dict[str, Any] = {}
        self._tags: dict[str, Any] = {}
        self._plain = True
        self._text = False
        self._texts = EnvelopeTexts(self._envelope)
        # The resource of `event_pipeline`'s records (SDK records carry their own).
        self.events_resource = Resource.get_empty()
        # This client's own `track`, wrapped (no other client is touched).
        track = functools.partial(_track_texts, self.client.track)
        self.client.track = track  # type: ignore[method-assign]

    def export(self, batch: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        """Export a batch; plain envelopes only when nothing needs the models.

        The batch holds the SDK's records or `event_pipeline`'s `EventRecord`s.
        Within an export, plain envelopes are JSON text (`envelope_text`), which
        the client's `track` posts as the body it would have serialized.
        """
        stats: Any = self._should_collect_customer_sdkstats  # untyped in the library
        self._plain = self.storage is None and not stats()
        self._text = self._plain
        try:
            return super().export(batch, **kwargs)
        finally:
            self._text = False

    def _event_envelope(self, record: EventRecord) -> Any:  # noqa: ANN401
        resource = self.events_resource
        found = (
            _plain_properties(record.name, record.properties.items(), EVENTS_LOGGER)
            if self._plain and resource is self._resource
            else None
        )
        if found is None:  # the first event, or a shape the library must convert
            return self._log_to_envelope(readable(record, resource))
        return self._plain_envelope(
            found, record.timestamp, record.trace_id, record.span_id
        )

    def _log_to_envelope(
        self, readable_log_record: ReadableLogRecord | EventRecord
    ) -> Any:  # noqa: ANN401 - a model or a plain dict
        if isinstance(readable_log_record, EventRecord):
            return self._event_envelope(readable_log_record)
        found = _properties(readable_log_record) if self._plain else None
        if found is None or readable_log_record.resource is not self._resource:
            envelope = super()._log_to_envelope(readable_log_record)
            if found is not None:
                self._learn(readable_log_record.resource, envelope)
            return envelope
        record = readable_log_record.log_record
        stamp = record.timestamp
        if stamp is None:
            stamp = record.observed_timestamp or 0
        return self._plain_envelope(found, stamp, record.trace_id, record.span_id)

    def _plain_envelope(
        self,
        found: tuple[str, dict[str, str]],
        stamp: int,
        trace_id: int | None,
        span_id: int | None,
    ) -> dict[str, Any] | str:
        """The envelope's dict, or within an export its JSON text."""
        name, properties = found
        operation = f"{trace_id or 0:032x}"
        parent = f"{span_id or 0:016x}"
        time = envelope_time(stamp)
        if self._text:
            return self._texts.text(name, properties, operation, parent, time)
        return self._envelope(name, properties, operation, parent, time)

    def _envelope(
        self,
        name: str,
        properties: Mapping[str, str],
        operation: str,
        parent: str,
        time: str,
    ) -> dict[str, Any]:
        template = self._template
        data = template["data"]
        return {
            **template,
            "tags": {**self._tags, _OPERATION_ID: operation, _PARENT_ID: parent},
            "time": time,
            "data": {
                **data,
                "baseData": {
                    **data["baseData"],
                    "name": name,
                    "properties": properties,
                    "measurements": {},
                },
            },
        }

    def _learn(self, resource: Resource, envelope: Any) -> None:  # noqa: ANN401
        """Keep what every event of `resource` shares, from the library's envelope."""
        plain = envelope.as_dict(exclude_readonly=True)  # as `track` sends it
        tags = dict(plain["tags"])
        if list(tags)[-2:] != [_OPERATION_ID, _PARENT_ID]:
            return  # not the shape we know: keep converting through the library
        del tags[_OPERATION_ID], tags[_PARENT_ID]
        self._tags = tags
        self._template = plain
        self._resource = resource
        self._texts.forget()


def _library_json(item: Any) -> str:  # noqa: ANN401 - a model or a dict
    return json.dumps(item, cls=SdkJSONEncoder, exclude_readonly=True)


def _track_texts(track: Any, body: Any, **kwargs: Any) -> Any:  # noqa: ANN401
    """The client's `track`, given a batch holding JSON texts as the bytes it posts.

    `track` serializes a list with `json.dumps` (the library's encoder) and posts
    bytes as they are; a telemetry item is never a string, so a list holding one
    was made by `export` above, and the rest of it is serialized as `track` would.
    """
    if isinstance(body, list) and any(type(item) is str for item in body):
        body = batch_body(body, _library_json)
    return track(body, **kwargs)


def events_provider(
    connection_string: str, resource: Resource
) -> tuple[LoggerProvider, CustomEventExporter]:
    """A logger provider exporting through `CustomEventExporter`, batched as usual.

    Offline storage stays off, as everywhere in `setup`.
    """
    exporter = CustomEventExporter(
        connection_string=connection_string, disable_offline_storage=True
    )
    provider = LoggerProvider(resource=resource)
    provider.add_log_record_processor(BatchLogRecordProcessor(exporter))
    return provider, exporter
