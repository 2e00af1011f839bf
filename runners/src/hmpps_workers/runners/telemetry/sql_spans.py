"""SQL statements as dependencies, made only beneath a span that is being recorded.

The contrib SQLAlchemy instrumentation prepares every statement's span (connection
attributes, the operation parsed from the statement text, the sampler asked, the
context swapped) and records the pool's checkouts as a metric, whether or not the
trace is kept. At the default sampling almost no trace is kept, and that work was a
fifth of the claims worker's time (docs/telemetry-cost.md, "Issue 18d"). Here a
statement costs one look at the current span unless its trace is recorded: a child
of a dropped span would be dropped by the sampler anyway, so what is exported is the
same. A statement outside any span is not recorded: it belongs to no operation.

We hook the dialect's execute calls (SQLAlchemy's `do_execute`, `do_executemany`
and `do_execute_no_params` events), not the connection's statement events: any
connection event listener, even one that returns at once, takes every engine off
SQLAlchemy's no-event path, and every statement, transaction and checkout then
goes through the event machinery (before and after each execute, begin, commit).
PostgreSQL's and SQL Server's engines have no connection listener of their own, so
that machinery was most of what telemetry cost a claim there, whether or not a
trace was kept (docs/telemetry-cost.md, "Issue 18d, second round"). Under a
recorded span the hook runs the dialect's own execute inside the span and tells
SQLAlchemy it has.

The span carries what the instrumentation's did (`db.system`, `db.name`,
`db.statement`, `db.operation`, `db.user`, `net.peer.name`, `net.peer.port`), so the
exporter makes the same dependency of it; never the parameters, and on failure only
the error's type (a driver's message can quote values).
`APPLICATIONINSIGHTS_SQL_INSTRUMENTATION=opentelemetry` brings the contrib
instrumentation back (`setup`).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import attrs
from opentelemetry import trace
from opentelemetry.trace import (
    NonRecordingSpan,
    Span,
    SpanKind,
    Status,
    StatusCode,
    Tracer,
)
from sqlalchemy import event
from sqlalchemy.engine import Dialect, Engine

from hmpps_workers.runners.telemetry.current_span import (
    SPAN_KEY,
    current_context,
    recording,
)

TRACER = "hmpps_workers.runners.sql"
# The names the exporter maps to a dependency's type and target.
_VENDORS = {"postgres": "postgresql", "sqlite": "sqlite", "mssql": "mssql"}


def _system(dialect: str) -> str:
    return next((name for key, name in _VENDORS.items() if key in dialect), dialect)


def _operation(statement: str) -> str:
    text = statement.lstrip()
    if text.startswith("/*"):
        text = text.partition("*/")[2].lstrip()
    words = text.split(None, 1)
    return words[0] if words else ""


def engine_attributes(engine: Engine) -> dict[str, str | int]:
    """What every span of `engine` carries: system, database, user, server."""
    url = engine.url
    found: dict[str, str | int] = {"db.system": _system(engine.dialect.name)}
    if url.database:
        found["db.name"] = url.database
    if url.username:
        found["db.user"] = url.username
    if url.host:
        found["net.peer.name"] = url.host
    if url.port:
        found["net.peer.port"] = url.port
    return found


@attrs.define
class SqlSpans:
    """Hooks every dialect's execute calls; spans only under a recorded span."""

    tracer: Tracer = attrs.field(factory=lambda: trace.get_tracer(TRACER))
    # Keyed by dialect: an engine and its option engines (`reader`) share one.
    _engines: weakref.WeakKeyDictionary[Dialect, dict[str, str | int]] = attrs.field(
        factory=weakref.WeakKeyDictionary, init=False
    )

    def _hooks(self) -> dict[str, Callable[..., bool]]:
        return {
            "do_execute": self._execute,
            "do_executemany": self._executemany,
            "do_execute_no_params": self._execute_no_params,
        }

    def instrument(self) -> None:
        """Hook every dialect (given the Engine class): engines old and new alike."""
        for name, hook in self._hooks().items():
            event.listen(Engine, name, hook)

    def uninstrument(self) -> None:
        """Stop hooking."""
        for name, hook in self._hooks().items():
            event.remove(Engine, name, hook)

    def _execute(
        self,
        cursor: object,
        statement: str,
        parameters: object,
        context: Any,  # noqa: ANN401 - SQLAlchemy's execution context
    ) -> bool:
        span = current_context().get(SPAN_KEY)  # current_span.recording(), inlined
        if span is None or type(span) is NonRecordingSpan or not recording():
            return False  # SQLAlchemy executes it, as with no hook
        with self._span(statement, context):
            context.dialect.do_execute(cursor, statement, parameters, context)
        return True

    def _executemany(
        self,
        cursor: object,
        statement: str,
        parameters: object,
        context: Any,  # noqa: ANN401 - SQLAlchemy's execution context
    ) -> bool:
        span = current_context().get(SPAN_KEY)  # current_span.recording(), inlined
        if span is None or type(span) is NonRecordingSpan or not recording():
            return False
        with self._span(statement, context):
            context.dialect.do_executemany(cursor, statement, parameters, context)
        return True

    def _execute_no_params(
        self,
        cursor: object,
        statement: str,
        context: Any,  # noqa: ANN401 - SQLAlchemy's execution context
    ) -> bool:
        span = current_context().get(SPAN_KEY)  # current_span.recording(), inlined
        if span is None or type(span) is NonRecordingSpan or not recording():
            return False
        with self._span(statement, context):
            context.dialect.do_execute_no_params(cursor, statement, context)
        return True

    def _attributes(self, context: Any) -> dict[str, str | int]:  # noqa: ANN401
        found = self._engines.get(context.dialect)
        if found is None:
            found = self._engines[context.dialect] = engine_attributes(context.engine)
        return found

    def _span(self, statement: str, context: Any) -> _Statement:  # noqa: ANN401
        attributes = self._attributes(context)
        database = attributes.get("db.name")
        operation = _operation(statement)
        name = f"{operation} {database}".strip() if database else operation
        return _Statement(
            self.tracer.start_span(
                name or str(attributes["db.system"]),
                kind=SpanKind.CLIENT,
                attributes={
                    **attributes,
                    "db.statement": statement,
                    "db.operation": name,
                },
            )
        )


@attrs.define
class _Statement:
    """Ends a statement's span; a failure named by the error's type alone."""

    span: Span

    def __enter__(self) -> None:
        """Nothing to do: the span started when made."""

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        """End the span, marked failed with the error's type if there was one."""
        if kind is not None:
            error = kind.__name__
            self.span.set_attribute("error.type", error)
            self.span.set_status(Status(StatusCode.ERROR, error))
        self.span.end()
