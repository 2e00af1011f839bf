"""Prebuilt writes sent as their compiled text: less of SQLAlchemy's Python per write.

`Connection.execute` spends ~15 µs (SQLite) to ~30 µs (PostgreSQL) of Python on
every statement before and after the driver's own work: the statement's cache key
hashed and looked up, an execution context built, every bind parameter processed
through the compiled form, a result set up. For a prebuilt INSERT, UPDATE or DELETE
that returns nothing, `write` compiles the statement once per dialect and parameter
names (SQLAlchemy's own compiler, so the text is what `execute` would send), and
then sends the text with `Connection.exec_driver_sql`: the same connection and
transaction, the same `before_cursor_execute`/`after_cursor_execute` and
`handle_error` events, DBAPI errors wrapped by SQLAlchemy as before and a dropped
connection invalidated as before. The parameters go through each column type's own
bind processor (the UK wall-clock conversion included), as `execute` would do.

Only SQLite and PostgreSQL take this path. SQL Server's dialect sets driver input
sizes per parameter and turns an executemany INSERT into multi-row VALUES batches
(`insertmanyvalues`), neither of which `exec_driver_sql` does, so there `write` is
`Connection.execute`. So is any statement this text cannot stand for: one with
RETURNING, values computed in Python at execution (prefetched defaults), expanding
(IN list) or literal-execute parameters, or bind names the dialect must escape.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler

DIALECTS = frozenset({"sqlite", "postgresql"})
"""The dialects whose `execute` sends a plain write as its compiled text."""

_Processor = Callable[[Any], Any]


@attrs.frozen
class Rendered:
    """A write compiled for one dialect: its text and how to lay out parameters."""

    sql: str
    compiled: SQLCompiler
    names: tuple[str, ...]
    positional: bool
    processors: tuple[tuple[str, _Processor], ...]

    def parameters(
        self, values: Mapping[str, Any]
    ) -> tuple[Any, ...] | Mapping[str, Any]:
        """The DBAPI parameters for `values`: literals filled in, types processed."""
        bound = self.compiled.construct_params(dict(values), escape_names=False)
        for name, process in self.processors:
            bound[name] = process(bound[name])
        if self.positional:
            return tuple(bound[name] for name in self.names)
        return bound


def text_is_all_sent(compiled: SQLCompiler) -> bool:
    """True when `execute` would send the compiled text and parameters as they are.

    No implicit RETURNING, no prefetched defaults, no expanding or literal-execute
    parameters rendered per call, no escaped bind names. (`driver_reads` asks the same.)
    """
    return not (
        compiled.implicit_returning
        or compiled.insert_prefetch
        or compiled.update_prefetch
        or compiled.post_compile_params
        or compiled.literal_execute_params
        or compiled.escaped_bind_names
    )


def _plain(compiled: SQLCompiler) -> bool:
    """True for a write returning nothing whose compiled text is all `execute` sends."""
    return bool(
        (compiled.isinsert or compiled.isupdate or compiled.isdelete)
        and not compiled.effective_returning
        and text_is_all_sent(compiled)
    )


@functools.lru_cache(maxsize=1024)
def render(
    statement: sa.Executable, dialect: Dialect, keys: tuple[str, ...], *, many: bool
) -> Rendered | None:
    """`statement` compiled for `dialect` and parameters `keys`; None if not plain."""
    if dialect.name not in DIALECTS:
        return None
    compiled = statement.compile(  # type: ignore[attr-defined]
        dialect=dialect, column_keys=list(keys), for_executemany=many
    )
    if not isinstance(compiled, SQLCompiler) or not _plain(compiled):
        return None
    return rendered_from(compiled, dialect)


def rendered_from(compiled: SQLCompiler, dialect: Dialect) -> Rendered:
    """`compiled`'s text, with each parameter's bind processor for `dialect`."""
    # A parameter bound in several places (a UNION's shared values) is one name,
    # processed once, as `construct_params` and SQLAlchemy's processors do.
    processors: dict[str, _Processor] = {}
    for bind, name in compiled.bind_names.items():
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            processors.setdefault(name, process)
    return Rendered(
        sql=compiled.string,
        compiled=compiled,
        names=tuple(compiled.positiontup or ()),
        positional=compiled.positional,
        processors=tuple(processors.items()),
    )


def write(
    connection: sa.Connection,
    statement: sa.Executable,
    values: Mapping[str, Any] | Sequence[Mapping[str, Any]],
) -> sa.CursorResult[Any]:
    """Send a prebuilt write with `values` (a list: an executemany); its result.

    `statement` is built once and kept (its compiled text is cached by it); see the
    module doc for what is sent and when this is plain `execute`.
    """
    rows = [values] if isinstance(values, Mapping) else list(values)
    many = len(rows) > 1
    rendered = render(statement, connection.dialect, tuple(sorted(rows[0])), many=many)
    if rendered is None:
        return connection.execute(statement, rows if many else rows[0])
    parameters = [rendered.parameters(row) for row in rows]
    return connection.exec_driver_sql(
        rendered.sql, parameters if many else parameters[0]
    )
