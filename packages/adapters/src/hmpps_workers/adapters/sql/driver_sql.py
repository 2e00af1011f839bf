"""Prebuilt writes sent as their compiled text on the driver's cursor.

`Connection.execute` spends ~15 µs (SQLite) to ~30 µs (PostgreSQL) of Python on
every statement before and after the driver's own work: the statement's cache key
hashed and looked up, an execution context built, every bind parameter processed
through the compiled form, a result set up. For a prebuilt INSERT, UPDATE or DELETE
that returns nothing, `write` compiles the statement once per dialect and parameter
names (SQLAlchemy's own compiler, so the text is what `execute` would send), lays
its parameters out once (`Rendered.parameters`: the values `construct_params` would
take, each through its column type's bind processor, the UK wall-clock conversion
included), and sends the text on the connection's DBAPI cursor as
`Connection.exec_driver_sql` would, without its per-call set-up: the same
connection and transaction (begun as `execute` would begin it), the same
`before_cursor_execute`/`after_cursor_execute` events and dialect `do_execute` /
`do_executemany` hooks (telemetry's SQL spans), a `CursorResult` made by the
execution context as `exec_driver_sql` makes it (its `rowcount` the driver's), and a
driver error handed to SQLAlchemy's own handling (wrapped, `handle_error` fired, a
dropped connection invalidated). That sequence is `run`, in SQLAlchemy's own
order; `driver_reads` and `pipelined_reads` send through it too.

Only SQLite and PostgreSQL take this path. SQL Server's dialect sets driver input
sizes per parameter and turns an executemany INSERT into multi-row VALUES batches
(`insertmanyvalues`), neither of which the text path does, so there `write` is
`Connection.execute`. So is any statement this text cannot stand for: one with
RETURNING, values computed in Python at execution (prefetched defaults), expanding
(IN list) or literal-execute parameters, or bind names the dialect must escape.
With echo on, the text goes through `exec_driver_sql`, which logs it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter

DIALECTS = frozenset({"sqlite", "postgresql"})
"""The dialects whose `execute` sends a plain write as its compiled text."""

_Processor = Callable[[Any], Any]
_T = TypeVar("_T")


_MISSING = object()
# Per parameter the driver gets: its name in the text, the key a caller's values
# name it by, the bind parameter (its literal value, or that it is required) and its
# type's bind processor, if any.
_Slot = tuple[str, str, BindParameter[Any], _Processor | None]


@attrs.frozen
class Rendered:
    """A write compiled for one dialect: its text and how to lay out parameters.

    `slots` are the parameters the driver gets, in its order (positional) or by
    name. `collected` are values the statement carries itself (`construct_params`
    merges them under the caller's).
    """

    sql: str
    compiled: SQLCompiler
    positional: bool
    slots: tuple[_Slot, ...]
    collected: Mapping[str, Any]

    def parameters(
        self, values: Mapping[str, Any]
    ) -> tuple[Any, ...] | Mapping[str, Any]:
        """The DBAPI parameters for `values`: literals filled in, types processed.

        What `construct_params(values, escape_names=False)` gives, each value then
        through its bind processor, laid out as the driver takes them.
        """
        if self.collected:
            values = {**self.collected, **values}
        found = []
        for name, key, bind, process in self.slots:
            value = values.get(key, _MISSING)
            if value is _MISSING:
                value = _unkeyed(values, name, bind)
            found.append(value if process is None else process(value))
        if self.positional:
            return tuple(found)
        return {slot[0]: value for slot, value in zip(self.slots, found, strict=True)}


def _unkeyed(values: Mapping[str, Any], name: str, bind: BindParameter[Any]) -> Any:  # noqa: ANN401 - a parameter's value
    """A parameter the values do not name by key: by name, or its own value."""
    if name in values:
        return values[name]
    if bind.required:
        msg = f"A value is required for bind parameter {bind.key!r}"
        raise sa.exc.InvalidRequestError(msg, code="cd3x")
    return bind.effective_value if bind.callable else bind.value


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
    # A name bound in several places (a UNION's shared values) takes its value as
    # `construct_params` does (the last of its binds), processed from it each time.
    binds = {name: bind for bind, name in compiled.bind_names.items()}
    names = compiled.positiontup if compiled.positional else list(binds)
    slots = []
    for name in names or ():
        bind = binds[name]
        process = bind.type.dialect_impl(dialect).bind_processor(dialect)
        slots.append((name, bind.key, bind, process))
    collect = getattr(compiled, "_collect_params", False)  # SQLAlchemy 2.1's
    return Rendered(
        sql=compiled.string,
        compiled=compiled,
        positional=compiled.positional,
        slots=tuple(slots),
        collected=dict(compiled._collected_params) if collect else {},  # noqa: SLF001
    )


def send(
    dialect: Dialect,
    cursor: Any,  # noqa: ANN401 - the driver's
    sql: str,
    parameters: Any,  # noqa: ANN401 - the driver's
    context: Any,  # noqa: ANN401 - SQLAlchemy's execution context
    *,
    many: bool = False,
) -> None:
    """Send `sql` as execute does.

    A dialect `do_execute`/`do_executemany` listener (telemetry's SQL spans) may
    run the statement itself; only when none does is it sent here.
    """
    if many:
        if dialect._has_events:  # noqa: SLF001 - as SQLAlchemy's own execute asks
            for hook in dialect.dispatch.do_executemany:
                if hook(cursor, sql, parameters, context):
                    return
        dialect.do_executemany(cursor, sql, parameters, context)
        return
    if dialect._has_events:  # noqa: SLF001
        for hook in dialect.dispatch.do_execute:
            if hook(cursor, sql, parameters, context):
                return
    dialect.do_execute(cursor, sql, parameters, context)


def statement_context(
    connection: sa.Connection, sql: str, parameters: list[Any]
) -> tuple[Any, Any, bool]:
    """What `execute` makes before it sends `sql`: its context, cursor, and events.

    The execution context as `exec_driver_sql` builds it, that context's cursor,
    and whether a connection or engine event listens (the cursor events then fire).
    """
    dialect = connection.dialect
    context: Any = dialect.execution_ctx_cls._init_statement(  # noqa: SLF001
        dialect,
        connection,
        connection.connection,
        connection.get_execution_options(),
        sql,
        parameters,
    )
    events = connection._has_events or connection.engine._has_events  # noqa: SLF001
    return context, context.cursor, events


def run(
    connection: sa.Connection,
    sql: str,
    parameters: list[Any],
    answer: Callable[[Any, Any], _T],
    *,
    many: bool = False,
    errors_at_sync: bool = False,
) -> _T:
    """Send `sql` on the connection's cursor as `execute` does; what `answer` reads.

    The steps of SQLAlchemy 2.x's `_execute_context` and `_exec_single_context`, in
    their order: the execution context and its cursor, `pre_exec`, the
    `before_cursor_execute` listeners (which may rewrite the statement and its
    parameters), the dialect's `do_execute`/`do_executemany` hooks or the driver
    (`send`), `after_cursor_execute`, `post_exec`; then `answer` reads what the
    caller needs while errors are still handled. A driver error goes to SQLAlchemy's
    own handling with the statement as the listeners left it (wrapped, `handle_error`
    fired, a dropped connection invalidated), unless `errors_at_sync`: a pipelined
    statement's error surfaces at the pipeline's sync, which handles it there.
    `parameters` are one set per row (`many`: an executemany).
    """
    context, cursor, events = statement_context(connection, sql, parameters)
    sent: Any = parameters if many else parameters[0]
    context.pre_exec()
    try:
        if events:
            for listener in connection.dispatch.before_cursor_execute:
                sql, sent = listener(connection, cursor, sql, sent, context, many)
        send(connection.dialect, cursor, sql, sent, context, many=many)
        if events:
            connection.dispatch.after_cursor_execute(
                connection, cursor, sql, sent, context, many
            )
        context.post_exec()
        return answer(context, cursor)
    except BaseException as error:
        if errors_at_sync:
            raise
        connection._handle_dbapi_exception(error, sql, sent, cursor, context)  # noqa: SLF001


def _result_proxy(context: Any, _cursor: Any) -> sa.CursorResult[Any]:  # noqa: ANN401
    """The `CursorResult` the execution context makes, as `exec_driver_sql` makes it."""
    result: sa.CursorResult[Any] = context._setup_result_proxy()  # noqa: SLF001
    return result


def _send_write(
    connection: sa.Connection, sql: str, parameters: list[Any]
) -> sa.CursorResult[Any]:
    """What `exec_driver_sql(sql, parameters)` does, for a write we rendered."""
    many = len(parameters) > 1
    transaction = connection.get_transaction()
    if connection._echo or (transaction is not None and not transaction.is_active):  # noqa: SLF001
        # echo logs through exec_driver_sql; an inactive one raises as it does
        return connection.exec_driver_sql(sql, parameters if many else parameters[0])
    if transaction is None:
        connection.begin()  # what execute's autobegin does
    return run(connection, sql, parameters, _result_proxy, many=many)


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
    try:
        parameters = [rendered.parameters(row) for row in rows]
    except sa.exc.InvalidRequestError as error:
        # a value missing: wrapped with the statement, as execute wraps it
        connection._handle_dbapi_exception(error, rendered.sql, rows, None, None)  # noqa: SLF001
    return _send_write(connection, rendered.sql, parameters)
