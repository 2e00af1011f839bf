"""Our own spans to Application Insights without the exporter's model objects per span.

The distro's trace exporter turns every span into autorest-style models
(`TelemetryItem`, `MonitorBase`, `RequestData`, `RemoteDependencyData`), each field
passed through the models' checks, and serializes them again: about 0.4-0.5 ms of the
exporter thread's CPU per span, under the interpreter lock (docs/telemetry-cost.md,
"Issue 18e, second round"), where the work it reports took a tenth of that. The spans
this package makes itself come in three shapes whose envelopes differ only in a few
fields: a worker batch (a request), a task (an in-process dependency) and an SQL
statement (`sql_spans`, a dependency with the database's type and target). For those,
the first span of a resource goes through the library's own conversion and gives what
every envelope shares (tags, instrumentation key, envelope names); later spans fill in
their time, ids, name, duration, success, sample rate, properties and (for SQL) the
statement, as plain dicts that the library's client serializes and posts as it would
its models, with its own retries and partial-success handling. Which attributes
become properties, a dependency's type and target, and durations are decided by the
library's own functions (the last two once per database).

Only spans of a shape we know take this path: made by our tracers, no events or
links, every attribute one we set (`_KNOWN`). Everything else (HTTP, AWS, FastAPI,
the scheduled runs' spans, P2P message spans with links) goes through the library, as
does everything while offline storage or customer SDK stats are on (both read the
models). The canary tests (`tests/unit/telemetry/test_span_export.py`,
`tests/integration/telemetry/test_span_wire.py`) hold our envelopes equal to the
library's; `runners/pyproject.toml` bounds the exporter's version.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator, Mapping
from typing import Any

from azure.monitor.opentelemetry.exporter import AzureMonitorTraceExporter
from azure.monitor.opentelemetry.exporter._utils import ns_to_duration
from azure.monitor.opentelemetry.exporter.export.trace import _exporter as library
from azure.monitor.opentelemetry.exporter.export.trace import _utils as trace_utils
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor
from opentelemetry.trace import SpanKind

from hmpps_workers.runners.telemetry.event_export import envelope_time
from hmpps_workers.runners.telemetry.sql_spans import TRACER as SQL_TRACER
from hmpps_workers.runners.telemetry.tracing import TRACER

_OPERATION_ID = "ai.operation.id"
_PARENT_ID = "ai.operation.parentId"
_OPERATION_NAME = "ai.operation.name"
_SAMPLE_RATE = "_MS.sampleRate"
_MAX_NAME = 1024
_MAX_DATA = 8192
_MAX_KEY = 150
_MAX_VALUE = 8 * 1024
_REQUEST, _IN_PROCESS, _SQL = "request", "in-process", "sql"
_SCOPES = frozenset({TRACER, SQL_TRACER})
# The database systems the library names by themselves; other SQL ones are "SQL".
_VENDOR_TYPES = {name: name for name in ("mysql", "postgresql", "mongodb", "redis")}
# The engine's attributes (`sql_spans.engine_attributes`): they decide a dependency's
# type and target, worked out once per database by the library's own functions.
_ENGINE_KEYS = ("db.system", "db.name", "db.user", "net.peer.name", "net.peer.port")
# Every attribute our batch, task and statement spans carry; a span with any other
# goes through the library (an attribute it reads for a tag, a target or a type).
_KNOWN = frozenset(
    {
        "task.type",
        "task.schema",
        "task.id",
        "task.attempt",
        "batch.claimed",
        "batch.completed",
        "batch.failed",
        "batch.retried",
        *_ENGINE_KEYS,
        "db.statement",
        "db.operation",
        "error.type",
        _SAMPLE_RATE,
    }
)


@functools.cache
def _is_property(key: str) -> bool:
    """The library's rule: attributes it does not treat as standard are properties."""
    standard = library._is_standard_attribute(key)  # noqa: SLF001
    return bool(key) and len(key) <= _MAX_KEY and not standard


def _shape(span: ReadableSpan) -> str | None:
    """Which of our shapes `span` is, or None when the library must convert it."""
    scope = span.instrumentation_scope
    if scope is None or scope.name not in _SCOPES or span.events or span.links:
        return None
    attributes = span.attributes or {}
    if not _KNOWN.issuperset(attributes):
        return None
    if span.kind is SpanKind.CONSUMER and scope.name == TRACER:
        return _REQUEST
    if span.kind is SpanKind.INTERNAL and scope.name == TRACER:
        return _IN_PROCESS
    statement = scope.name == SQL_TRACER and "db.system" in attributes
    if span.kind is SpanKind.CLIENT and statement:
        return _SQL
    return None


def _properties(attributes: Mapping[str, Any]) -> dict[str, str]:
    return {
        key: str(value)[:_MAX_VALUE]
        for key, value in attributes.items()
        if value is not None and _is_property(key)
    }


@functools.cache
def _database(engine: tuple[Any, ...]) -> tuple[str, str | None]:
    """A statement's dependency type and target, as the library works them out."""
    attributes = {
        key: value for key, value in zip(_ENGINE_KEYS, engine, strict=True) if value
    }
    system = str(attributes["db.system"])
    kind = _VENDOR_TYPES.get(system) or (
        "SQL" if trace_utils._is_sql_db(system) else system  # noqa: SLF001
    )
    peer = trace_utils._get_target_for_dependency_from_peer(attributes)  # noqa: SLF001
    target = trace_utils._get_target_for_db_dependency(peer, system, attributes)  # noqa: SLF001
    return kind[:_MAX_NAME], None if not target else str(target)[:_MAX_NAME]


class PlainSpanExporter(AzureMonitorTraceExporter):
    """The library's trace exporter, building our spans' envelopes as plain dicts."""

    def __init__(self, **kwargs: Any) -> None:  # noqa: ANN401 - the library's options
        """The library's exporter, with no envelope learnt yet."""
        super().__init__(**kwargs)
        self._resource: Resource | None = None
        self._templates: dict[str, dict[str, Any]] = {}
        self._tags: dict[str, Any] = {}
        self._plain = True

    def export(self, spans: Any, **kwargs: Any) -> Any:  # noqa: ANN401
        """Export a batch; plain envelopes only when nothing needs the models."""
        stats: Any = self._should_collect_customer_sdkstats  # untyped in the library
        self._plain = self.storage is None and not stats()
        return super().export(spans, **kwargs)

    def _span_to_envelope(self, span: ReadableSpan) -> Any:  # noqa: ANN401
        shape = _shape(span) if self._plain else None
        if shape is not None and span.resource is self._resource:
            template = self._templates.get(shape)
            if template is not None:
                return self._envelope(span, shape, template)
        envelope = super()._span_to_envelope(span)
        if shape is not None:
            self._learn(span.resource, shape, envelope)
        return envelope

    def _learn(self, resource: Resource, shape: str, envelope: Any) -> None:  # noqa: ANN401
        """Keep what every span of `resource` shares, from the library's envelope."""
        plain = envelope.as_dict(exclude_readonly=True)  # as `track` sends it
        tags = dict(plain["tags"])
        for key in (_OPERATION_ID, _PARENT_ID, _OPERATION_NAME):
            tags.pop(key, None)
        if resource is not self._resource:
            self._templates = {}
        elif tags != self._tags:
            return  # not the shape we know: keep converting through the library
        self._tags = tags
        self._resource = resource
        plain.pop("sampleRate", None)
        self._templates[shape] = plain

    def _envelope(
        self, span: ReadableSpan, shape: str, template: dict[str, Any]
    ) -> dict[str, Any]:
        context = span.context
        attributes = span.attributes or {}
        start = span.start_time or 0
        duration = span.end_time - start if span.end_time and start else 0
        name = span.name[:_MAX_NAME]
        tags = {**self._tags, _OPERATION_ID: f"{context.trace_id:032x}"}
        parent = span.parent
        if parent is not None and parent.span_id:
            tags[_PARENT_ID] = f"{parent.span_id:016x}"
        tags[_OPERATION_NAME] = span.name
        data = template["data"]
        base: dict[str, Any] = {
            "ver": data["baseData"]["ver"],
            "name": name,
            "id": f"{context.span_id:016x}",
        }
        if shape == _REQUEST:
            base["duration"] = ns_to_duration(duration)
            base["responseCode"] = "0"
        else:
            base["resultCode"] = "0"
            base["duration"] = ns_to_duration(duration)
        base["success"] = span.status.is_ok
        base["properties"] = _properties(attributes)
        base["measurements"] = {}
        if shape == _IN_PROCESS:
            base["type"] = "InProc"
        elif shape == _SQL:
            kind, target = _database(tuple(attributes.get(k) for k in _ENGINE_KEYS))
            base["type"] = kind
            for key in ("db.statement", "db.operation"):  # the library's order
                if key in attributes:
                    base["data"] = str(attributes[key])[:_MAX_DATA]
                    break
            if target:
                base["target"] = target
        envelope: dict[str, Any] = {
            "name": template["name"],
            "iKey": template["iKey"],
            "tags": tags,
            "time": envelope_time(start),
            "data": {"baseData": base, "baseType": data["baseType"]},
        }
        rate = attributes.get(_SAMPLE_RATE)
        if rate is not None:
            envelope["sampleRate"] = rate
        return envelope


class NoGenAiAttribution(SpanProcessor):
    """In place of the distro's gen-AI main-agent processor: nothing to copy.

    That processor copies `microsoft.gen_ai.main_agent.*` attributes from each
    span's parent to the span, for multi-agent AI systems; no span of ours or of the
    instrumentations we run carries them, and it cost 16 of a recorded span's 40 us in
    the worker thread (it looks up the parent and keeps a reference to it per span).
    """


@contextlib.contextmanager
def _swapped(module: Any, name: str, library: type, ours: type) -> Iterator[None]:  # noqa: ANN401
    """`module.name` is `ours` inside; left alone unless it is `library`."""
    before = getattr(module, name, None)
    if before is not library:
        yield
        return
    setattr(module, name, ours)
    try:
        yield
    finally:
        setattr(module, name, before)


@contextlib.contextmanager
def plain_span_export() -> Iterator[None]:
    """While the distro configures, its trace exporter is `PlainSpanExporter`.

    The distro builds its exporter (and its gen-AI span processor, here
    `NoGenAiAttribution`) from the names in its `_configure` module; the names are
    put back straight after. If the distro stops building them that way, they are
    simply the library's (a unit test says so).
    """
    from azure.monitor.opentelemetry import _configure  # noqa: PLC0415
    from azure.monitor.opentelemetry.exporter._gen_ai._processor import (  # noqa: PLC0415
        _GenAIMainAgentSpanProcessor,
    )

    with (
        _swapped(
            _configure,
            "AzureMonitorTraceExporter",
            AzureMonitorTraceExporter,
            PlainSpanExporter,
        ),
        _swapped(
            _configure,
            "_GenAIMainAgentSpanProcessor",
            _GenAIMainAgentSpanProcessor,
            NoGenAiAttribution,
        ),
    ):
        yield
