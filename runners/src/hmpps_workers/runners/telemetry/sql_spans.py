"""SQL statements as dependencies, made only beneath a span that is being recorded.

The contrib SQLAlchemy instrumentation prepares every statement's span (connection
attributes, the operation parsed from the statement text, the sampler asked, the
context swapped) and records the pool's checkouts as a metric, whether or not the
trace is kept. At the default sampling almost no trace is kept, and that work was a
fifth of the claims worker's time (docs/operations.md, telemetry's cost). Here a
statement costs one look at the current span unless its trace is recorded: a child
of a dropped span would be dropped by the sampler anyway, so what is exported is the
same. A statement outside any span is not recorded: it belongs to no operation.

The span carries what the instrumentation's did (`db.system`, `db.name`,
`db.statement`, `db.operation`, `db.user`, `net.peer.name`, `net.peer.port`), so the
exporter makes the same dependency of it; never the parameters, and on failure only
the error's type (a driver's message can quote values).
`APPLICATIONINSIGHTS_SQL_INSTRUMENTATION=opentelemetry` brings the contrib
instrumentation back (`setup`).
"""

from __future__ import annotations

import weakref
from typing import Any

import attrs
from opentelemetry import trace
from opentelemetry.trace import SpanKind, Status, StatusCode, Tracer
from sqlalchemy import event
from sqlalchemy.engine import Engine

TRACER = "hmpps_workers.runners.sql"
_SPAN = "_hmpps_otel_span"
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
    """Listens to every engine's statements; spans only under a recorded span."""

    tracer: Tracer = attrs.field(factory=lambda: trace.get_tracer(TRACER))
    _engines: weakref.WeakKeyDictionary[Engine, dict[str, str | int]] = attrs.field(
        factory=weakref.WeakKeyDictionary, init=False
    )

    def instrument(self) -> None:
        """Listen on the Engine class: engines made before and after alike."""
        event.listen(Engine, "before_cursor_execute", self._before)
        event.listen(Engine, "after_cursor_execute", self._after)
        event.listen(Engine, "handle_error", self._failed)

    def uninstrument(self) -> None:
        """Stop listening."""
        event.remove(Engine, "before_cursor_execute", self._before)
        event.remove(Engine, "after_cursor_execute", self._after)
        event.remove(Engine, "handle_error", self._failed)

    def _attributes(self, engine: Engine) -> dict[str, str | int]:
        found = self._engines.get(engine)
        if found is None:
            found = self._engines[engine] = engine_attributes(engine)
        return found

    def _before(  # noqa: PLR0917 - SQLAlchemy's event signature
        self,
        conn: Any,  # noqa: ANN401
        cursor: object,
        statement: str,
        parameters: object,
        context: Any,  # noqa: ANN401
        executemany: object,
    ) -> None:
        del cursor, parameters, executemany
        if context is None or not trace.get_current_span().is_recording():
            return
        attributes = self._attributes(conn.engine)
        database = attributes.get("db.name")
        operation = _operation(statement)
        name = f"{operation} {database}".strip() if database else operation
        setattr(
            context,
            _SPAN,
            self.tracer.start_span(
                name or str(attributes["db.system"]),
                kind=SpanKind.CLIENT,
                attributes={
                    **attributes,
                    "db.statement": statement,
                    "db.operation": name,
                },
            ),
        )

    @staticmethod
    def _after(  # noqa: PLR0917 - SQLAlchemy's event signature
        conn: object,
        cursor: object,
        statement: object,
        parameters: object,
        context: object,
        executemany: object,
    ) -> None:
        del conn, cursor, statement, parameters, executemany
        span = getattr(context, _SPAN, None)
        if span is not None:
            span.end()
            setattr(context, _SPAN, None)

    @staticmethod
    def _failed(exception_context: Any) -> None:  # noqa: ANN401
        span = getattr(exception_context.execution_context, _SPAN, None)
        if span is None:
            return
        error = type(exception_context.original_exception).__name__
        span.set_attribute("error.type", error)
        span.set_status(Status(StatusCode.ERROR, error))
        span.end()
        setattr(exception_context.execution_context, _SPAN, None)
