"""Prebuilt reads sent on the driver's cursor: rows without most of SQLAlchemy's Python.

`Connection.execute` spends ~30 µs (SQLite) to ~50 µs (PostgreSQL) of Python on a
read beyond the driver's own work: the cache key looked up, an execution context
built from the compiled form, every parameter processed through it, a
`CursorResult` with its metadata set up, rows made through it. A handler's reads are
built once and kept, so `read` compiles each once per dialect and parameter names
(SQLAlchemy's own compiler: the text `execute` would send, see `driver_sql`), keeps
its result columns' keys and types, and sends the text on the connection's DBAPI
cursor itself: the same connection and transaction (begun as `execute` would begin
it, so SQLite's `begin` listener still decides on BEGIN IMMEDIATE), the same
`before_cursor_execute`/`after_cursor_execute` events with an execution context
(the bench's statement counter and telemetry's SQL spans listen to them), and a
driver error handed to SQLAlchemy's own handling: wrapped as `execute` wraps it,
`handle_error` fired, a dropped connection invalidated. The rows come back as a
`sqlalchemy.Result` whose rows carry each column type's result processor (the UK
wall-clock conversion included), chosen once from the first answer's column types,
as SQLAlchemy caches them per compiled statement.

This leans on SQLAlchemy internals no public API offers (the execution context's
`_init_statement`, `Connection._handle_dbapi_exception`, the compiled form's result
columns, the dialect's `do_execute` listeners);
`tests/integration/sql/test_driver_reads.py` pins each: the same text, parameters,
keys, values, events, dialect hooks and errors as `execute`.

Only SQLite and PostgreSQL take this path (`driver_sql.DIALECTS`); SQL Server's
dialect sets input sizes per parameter, so there, and for any statement the text
cannot stand for (expanding or literal-execute parameters, escaped bind names,
prefetched defaults), and with echo on, `read` is `Connection.execute`. Only kept
statements belong here: each compiled form is cached by the statement's identity.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.result import IteratorResult, SimpleResultMetaData
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import TypeEngine

from hmpps_workers.adapters.sql.driver_sql import (
    DIALECTS,
    Rendered,
    rendered_from,
    run,
    text_is_all_sent,
)

_NO_PARAMETERS: Mapping[str, Any] = {}


@attrs.define
class RenderedRead:
    """A read compiled for one dialect: its text, parameters and result columns."""

    rendered: Rendered
    keys: tuple[str, ...]
    types: tuple[TypeEngine[Any], ...]
    # Set from the first answer: the processors depend on the driver's column types.
    metadata: SimpleResultMetaData | None = None

    def result_metadata(
        self, dialect: Dialect, description: Sequence[Sequence[Any]]
    ) -> SimpleResultMetaData:
        """The rows' keys and processors, worked out from the first answer."""
        if self.metadata is None:
            processors = [
                type_.dialect_impl(dialect).result_processor(dialect, column[1])
                for type_, column in zip(self.types, description, strict=True)
            ]
            self.metadata = SimpleResultMetaData(self.keys, _processors=processors)
        return self.metadata


def _plain_read(compiled: SQLCompiler) -> bool:
    """True when the compiled text with processed parameters is all `execute` sends."""
    statement: Any = compiled.statement
    returns_rows = bool(compiled._result_columns) and (  # noqa: SLF001 - see module doc
        getattr(statement, "is_select", False) or bool(compiled.effective_returning)
    )
    return bool(
        returns_rows and text_is_all_sent(compiled) and not compiled.has_out_parameters
    )


@functools.lru_cache(maxsize=512)
def render_read(
    statement: sa.Executable, dialect: Dialect, keys: tuple[str, ...]
) -> RenderedRead | None:
    """`statement` compiled for `dialect` and parameters `keys`; None if not plain."""
    if dialect.name not in DIALECTS:
        return None
    compiled = statement.compile(dialect=dialect, column_keys=list(keys))  # type: ignore[attr-defined]
    if not isinstance(compiled, SQLCompiler) or not _plain_read(compiled):
        return None
    columns = compiled._result_columns  # noqa: SLF001 - see module doc
    return RenderedRead(
        rendered=rendered_from(compiled, dialect),
        keys=tuple(column.keyname for column in columns),
        types=tuple(column.type for column in columns),
    )


def _rows(_context: Any, cursor: Any) -> tuple[Any, list[Any]]:  # noqa: ANN401
    """The answer's description and all its rows; the cursor closed."""
    description = cursor.description
    rows = [] if description is None else cursor.fetchall()
    cursor.close()
    return description, rows


def read(
    connection: sa.Connection,
    statement: sa.Executable,
    values: Mapping[str, Any] = _NO_PARAMETERS,
) -> sa.Result[Any]:
    """Send a prebuilt read (or a write with RETURNING) with `values`; all its rows.

    `statement` is built once and kept; see the module doc for what is sent and
    when this is plain `execute`.
    """
    found = render_read(statement, connection.dialect, tuple(sorted(values)))
    if found is None or connection._echo:  # noqa: SLF001 - echo logs through execute
        return connection.execute(statement, values)
    transaction = connection.get_transaction()
    if transaction is not None and not transaction.is_active:
        return connection.execute(statement, values)  # raises as execute does
    if transaction is None:
        connection.begin()  # what execute's autobegin does
    parameters: Any = found.rendered.parameters(values)
    description, rows = run(connection, found.rendered.sql, [parameters], _rows)
    if description is None:
        return IteratorResult(SimpleResultMetaData(found.keys), iter(()))
    return IteratorResult(
        found.result_metadata(connection.dialect, description), iter(rows)
    )
