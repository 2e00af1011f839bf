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


def from_row(cls: type[T], row: sa.Row[Any] | Mapping[str, Any]) -> T:
    """Build `cls` from a row, taking the columns `cls` has fields for."""
    mapping = row._mapping if isinstance(row, sa.Row) else row  # noqa: SLF001
    names = {f.name for f in attrs.fields(cls)}  # type: ignore[arg-type]
    values = {field_name(k): v for k, v in mapping.items()}
    return cls(**{k: v for k, v in values.items() if k in names})


def to_values(
    table: sa.Table, record: object, *, without: frozenset[str] = frozenset()
) -> dict[str, Any]:
    """The column values of `record` for `table`, skipping columns in `without`."""
    fields = attrs.asdict(record, recurse=False)  # type: ignore[arg-type]
    return {
        column.name: fields[field_name(column.name)]
        for column in table.columns
        if column.name not in without and field_name(column.name) in fields
    }
