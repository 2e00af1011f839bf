"""Rows to claim values and back: a column's field is its name in snake case."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any, TypeVar

import attrs
import sqlalchemy as sa

T = TypeVar("T")

_RENAMED = {"From": "travel_from", "To": "travel_to"}
_WORD = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


@functools.cache
def field_name(column: str) -> str:
    """`NationalInsuranceNumber` is `national_insurance_number`; `From` is renamed."""
    return _RENAMED.get(column) or _WORD.sub("_", column).lower()


@functools.cache
def _plan(
    cls: type[Any], keys: tuple[str, ...], prefix: str
) -> tuple[tuple[int, str], ...]:
    """Which positions of a row with `keys` fill which fields of `cls`.

    Only keys starting with `prefix` count, named without it. Worked out once per
    class and row shape: rows of one statement share their keys.
    """
    names = {f.name for f in attrs.fields(cls)}
    plan: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key.startswith(prefix):
            name = field_name(key[len(prefix) :])
            if name in names:
                plan[name] = index  # a later column of the same field wins
    return tuple((index, name) for name, index in plan.items())


@functools.lru_cache(maxsize=1024)
def _result_plan(
    cls: type[Any], metadata: object, prefix: str
) -> tuple[tuple[int, str], ...]:
    """`_plan` for the rows of one result shape, found by its metadata's identity.

    A kept statement's rows share one metadata object (SQLAlchemy caches it per
    compiled statement, `driver_reads` per rendered read), so its keys are turned
    into a plan once instead of copied out of every row. The cache holds the
    metadata, so an identity is never reused while it is cached.
    """
    keys: list[str | None] = list(metadata._keys)  # type: ignore[attr-defined] # noqa: SLF001
    # a key-less (None) column keeps its place in the row's values, matching nothing
    return _plan(cls, tuple(k if k is not None else "\0" for k in keys), prefix)  # type: ignore[arg-type] # classes hash


def from_row(
    cls: type[T], row: sa.Row[Any] | sa.RowMapping | Mapping[str, Any], prefix: str = ""
) -> T:
    """Build `cls` from a row, taking the columns `cls` has fields for.

    With `prefix`, only the columns named `prefix` + column, e.g. `c_ClaimId`.
    """
    if isinstance(row, sa.Row | sa.RowMapping):
        # SQLAlchemy's rows hold their (processed) values and their result's
        # metadata: the plan is the result's, the values read as they are.
        metadata = row._parent  # noqa: SLF001 - see the comment above
        plan = _result_plan(cls, metadata, prefix)  # type: ignore[arg-type] # classes hash
        values = row._data  # noqa: SLF001
    else:
        # our statements label every column with a str: no str() per key and row
        keys = tuple(row.keys())
        values = tuple(row.values())
        plan = _plan(cls, keys, prefix)  # type: ignore[arg-type] # classes hash
    return cls(**{name: values[i] for i, name in plan})


@functools.lru_cache(maxsize=256)
def _columns_of(
    table: sa.Table, cls: type[Any], without: frozenset[str]
) -> tuple[tuple[str, str], ...]:
    """Each column of `table` that `cls` has a field for, with that field's name."""
    names = {f.name for f in attrs.fields(cls)}
    return tuple(
        (column.name, field_name(column.name))
        for column in table.columns
        if column.name not in without and field_name(column.name) in names
    )


def to_values(
    table: sa.Table, record: object, *, without: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The column values of `record` for `table`, skipping columns in `without`."""
    columns = _columns_of(table, type(record), without)  # type: ignore[arg-type] # classes hash
    return {column: getattr(record, field) for column, field in columns}
