"""Task-row text read as bytes and decoded here, so one bad row cannot stop a read.

SQLite stores whatever bytes a client writes into a TEXT column, and its driver
refuses the whole result when one value is not UTF-8; SQL Server's driver does the
same for NVARCHAR holding a lone UTF-16 surrogate. The task store therefore reads
its text columns as bytes on those two (`CAST(... AS BLOB)`,
`CAST(... AS VARBINARY(max))`) and decodes them row by row: a value that does not
decode is reported by column name and the row's task fails on its own. PostgreSQL
refuses invalid text when it is written, so its columns are read as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

ENCODINGS = {"sqlite": "utf-8", "mssql": "utf-16-le"}
"""How the bytes of a text column are encoded, per dialect that sends bytes."""


class raw_text(FunctionElement[Any]):  # noqa: N801 - SQL constructs are lower case
    """A text column as its stored bytes (on SQLite and SQL Server) or as text."""

    type = sa.types.NullType()
    name = "raw_text"
    inherit_cache = True


@compiles(raw_text)
def _as_text(element: raw_text, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    return compiler.process(element.clauses, **kw)


@compiles(raw_text, "sqlite")
def _as_blob(element: raw_text, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    return f"CAST({compiler.process(element.clauses, **kw)} AS BLOB)"


@compiles(raw_text, "mssql")
def _as_varbinary(element: raw_text, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    return f"CAST({compiler.process(element.clauses, **kw)} AS VARBINARY(max))"


def readable_columns(table: sa.Table) -> list[sa.ColumnElement[Any]]:
    """Every column of `table`, its text columns as `raw_text`, under their names."""
    return [
        raw_text(column).label(column.name)
        if isinstance(column.type, sa.String)
        else column
        for column in table.c
    ]


def decode_row(
    values: Mapping[Any, Any], text_columns: Iterable[str], encoding: str
) -> tuple[dict[str, Any], list[str]]:
    """The row with its text decoded, and the names of the columns that did not."""
    decoded = dict(values)
    unreadable = []
    for name in text_columns:
        value = decoded.get(name)
        if isinstance(value, (bytes, bytearray, memoryview)):
            try:
                decoded[name] = bytes(value).decode(encoding)
            except UnicodeDecodeError:
                decoded[name] = None
                unreadable.append(name)
    return decoded, unreadable
