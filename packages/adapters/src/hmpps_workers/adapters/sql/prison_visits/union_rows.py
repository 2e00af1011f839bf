"""Rows of several tables in one statement: a `UNION ALL` of parts, one per table.

Every part selects the same columns: a `part` number, its row's key as `row_key`,
then every part's columns by label (`<prefix>_<column>`), its own filled and the
others' NULL, cast to the column's type so every backend agrees on the union's
types. The union's ORDER BY names result columns by label, as T-SQL requires of a
union (it refuses ORDER BY inside a member).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.rows import from_row

T = TypeVar("T")


def labelled(columns: sa.ColumnCollection[str, Any], prefix: str) -> dict[str, Any]:
    """`columns` by their union label, `<prefix>_<name>`."""
    return {f"{prefix}_{column.name}": column for column in columns}


def union_part(
    number: int,
    key: sa.ColumnElement[Any] | None,
    filled: Mapping[str, sa.ColumnElement[Any]],
    every: Mapping[str, sa.ColumnElement[Any]],
) -> sa.Select[Any]:
    """One part: `number`, `key` (NULL if None), `filled` and typed NULLs for the rest.

    `every` is every part's columns by label, in the union's order.
    """
    columns: list[sa.ColumnElement[Any]] = [
        sa.literal_column(str(number), sa.Integer()).label("part"),
        (key if key is not None else sa.cast(sa.null(), sa.Integer())).label("row_key"),
    ]
    columns += [
        (filled[label] if label in filled else sa.cast(sa.null(), column.type)).label(
            label
        )
        for label, column in every.items()
    ]
    return sa.select(*columns)


def unprefixed(cls: type[T], row: sa.RowMapping, prefix: str) -> T:
    """The `cls` a part filled in `row`, from its `<prefix>_` columns."""
    return from_row(cls, row, f"{prefix}_")
