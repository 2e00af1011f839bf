"""Text comparison as SQL Server's default collation does it, on every backend.

The HwPV database's collation is case-insensitive and ignores trailing spaces, and the
worker relies on that (references, statuses, emails, prison numbers). On SQL Server
the comparison stays a plain `=`, so its indexes still serve; elsewhere both sides are
lower-cased and right-trimmed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.functions import FunctionElement


class _folded(FunctionElement[str]):  # noqa: N801 - a SQL function name
    """A text value as the collation compares it."""

    inherit_cache = True
    type = sa.Unicode()


@compiles(_folded)
def _folded_default(element: _folded, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    (argument,) = element.clauses
    return f"lower(rtrim({compiler.process(argument, **kw)}))"


@compiles(_folded, "mssql")
def _folded_mssql(element: _folded, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    (argument,) = element.clauses
    return str(compiler.process(argument, **kw))


def folded(value: ColumnElement[str] | str) -> ColumnElement[str]:
    """`value` as the collation compares it (unchanged on SQL Server)."""
    return _folded(value if isinstance(value, ColumnElement) else sa.literal(value))


def ci_equal(column: ColumnElement[Any], value: str) -> ColumnElement[bool]:
    """`column = value`, ignoring case and trailing spaces on every backend."""
    return folded(column) == folded(sa.bindparam(None, value, type_=sa.Unicode()))


def ci_equal_param(column: ColumnElement[Any], name: str) -> ColumnElement[bool]:
    """`column = :name`, as `ci_equal`, for a statement built once and bound later."""
    return folded(column) == folded(sa.bindparam(name, type_=sa.Unicode()))


def ci_in(column: ColumnElement[Any], values: Iterable[str]) -> ColumnElement[bool]:
    """`column IN (values)`, ignoring case and trailing spaces on every backend."""
    return sa.or_(*(ci_equal(column, v) for v in values))
