"""A psycopg cursor whose `description` builds its columns only when read.

psycopg builds a `Column` per result column each time `description` is read, and
SQLAlchemy reads it after every statement that returns rows, only to see that there
are some when the statement's result columns are already known (every statement
built once and compiled from SQLAlchemy's cache): ~2 µs a column, ~200 µs for the
claim head's 90. Here `description` is a sequence of the same length that builds
psycopg's own columns, from the result it was read for, the first time an item is
asked for.

It also answers a statement sent inside a pipeline before `execute` returns, where
`SYNC_EACH_STATEMENT` asks for it: a transaction's BEGIN can then ride with a first
statement whose rows SQLAlchemy reads at once (`pipeline.read_then_write`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from typing import Any, Self, overload

import psycopg
from psycopg import pq


class _Result:
    """What psycopg's `Column` reads of a cursor, kept for one result."""

    __slots__ = ("_encoding", "adapters", "pgresult")

    def __init__(self, cursor: psycopg.Cursor[Any], pgresult: pq.abc.PGresult) -> None:
        self.pgresult = pgresult
        self._encoding = cursor._encoding  # noqa: SLF001 - what Column reads
        self.adapters = cursor.adapters


class LazyDescription(Sequence[psycopg.Column]):
    """`Cursor.description` for one result, its columns built on first use."""

    __slots__ = ("_columns", "_length", "_result")

    def __init__(self, result: _Result, length: int) -> None:
        """The `length` columns of `result`, none built yet."""
        self._result = result
        self._length = length
        self._columns: list[psycopg.Column] | None = None

    def _built(self) -> list[psycopg.Column]:
        if self._columns is None:
            result: Any = self._result  # Column reads only what _Result keeps
            self._columns = [psycopg.Column(result, i) for i in range(self._length)]
        return self._columns

    def __len__(self) -> int:
        """How many columns the result has: nothing is built."""
        return self._length

    @overload
    def __getitem__(self, index: int) -> psycopg.Column: ...
    @overload
    def __getitem__(self, index: slice) -> list[psycopg.Column]: ...
    def __getitem__(self, index: int | slice) -> psycopg.Column | list[psycopg.Column]:
        """A column (or a slice of them): every column is built on first use."""
        return self._built()[index]

    def __iter__(self) -> Iterator[psycopg.Column]:
        """The columns in order: every column is built on first use."""
        return iter(self._built())


SYNC_EACH_STATEMENT: ContextVar[bool] = ContextVar("sync_each_statement", default=False)
"""While True, a statement sent inside a pipeline is answered before `execute` returns.

For a transaction whose BEGIN rides in a pipeline with the statements that follow,
whose rows SQLAlchemy reads as soon as each is sent (`pipeline.read_then_write`).
"""


class LazyDescriptionCursor(psycopg.Cursor[Any]):
    """psycopg's cursor, `description` built lazily, synced on demand (module doc)."""

    def execute(self, query: Any, params: Any = None, **options: Any) -> Self:  # noqa: ANN401 - psycopg's overloads
        """Execute as psycopg does; answered at once if `SYNC_EACH_STATEMENT` says."""
        super().execute(query, params, **options)
        pipeline = self._conn._pipeline  # noqa: SLF001 - the pipeline sent in
        if pipeline is not None and SYNC_EACH_STATEMENT.get():
            pipeline.sync()
        return self

    @property
    def description(self) -> LazyDescription | None:  # type: ignore[override]
        """The current result's columns, as psycopg's (None when it has none)."""
        res = self.pgresult
        if res and (res.nfields or res.status in _ROWS):
            return LazyDescription(_Result(self, res), res.nfields)
        return None


_ROWS = frozenset(
    (pq.ExecStatus.TUPLES_OK, pq.ExecStatus.SINGLE_TUPLE, pq.ExecStatus.TUPLES_CHUNK)
)
