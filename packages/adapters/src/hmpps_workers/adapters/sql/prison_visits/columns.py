"""Column shapes the HwPV tables repeat, rendered as the database project's knex did."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.metadata import EXT_SCHEMA, INT_SCHEMA
from hmpps_workers.adapters.sql.prison_visits.column_types import UkWallDate
from hmpps_workers.adapters.sql.types import UkWallClock

EXT_OPTIONS: dict[str, Any] = {"schema": EXT_SCHEMA, "sqlite_autoincrement": True}
INT_OPTIONS: dict[str, Any] = {"schema": INT_SCHEMA}


def identity_column(name: str) -> sa.Column[int]:
    """An INT IDENTITY(1,1) primary key (ExtSchema, and IntSchema's own tables)."""
    return sa.Column(
        name, sa.Integer, sa.Identity(start=1, increment=1), primary_key=True
    )


def copied_key_column(name: str) -> sa.Column[int]:
    """An INT primary key whose value is copied from ExtSchema: never generated."""
    return sa.Column(name, sa.Integer, primary_key=True, autoincrement=False)


def text_column(name: str, length: int, *, nullable: bool = True) -> sa.Column[str]:
    """An NVARCHAR(length) column."""
    return sa.Column(name, sa.Unicode(length), nullable=nullable)


def reference_column() -> sa.Column[str]:
    """The indexed NVARCHAR(10) claimant reference every claim table carries."""
    return sa.Column("Reference", sa.Unicode(10), nullable=False, index=True)


def fk_column(
    name: str, target: str, *, nullable: bool = False, index: bool = False
) -> sa.Column[int]:
    """An INT column referencing `target` in the same schema."""
    return sa.Column(
        name, sa.Integer, sa.ForeignKey(target), nullable=nullable, index=index
    )


def int_column(
    name: str, *, nullable: bool = True, index: bool = False
) -> sa.Column[int]:
    """A plain INT column."""
    return sa.Column(name, sa.Integer, nullable=nullable, index=index)


def when_column(name: str, *, nullable: bool = True) -> sa.Column[object]:
    """A DATETIME2 instant stored as UK wall-clock time."""
    return sa.Column(name, UkWallClock, nullable=nullable)


def birth_column() -> sa.Column[object]:
    """The NOT NULL DateOfBirth column, a calendar date."""
    return sa.Column("DateOfBirth", UkWallDate, nullable=False)


def bit_column(name: str, *, default_true: bool = False) -> sa.Column[bool]:
    """A nullable BIT column, optionally DEFAULT 1."""
    default = sa.true() if default_true else None
    return sa.Column(name, sa.Boolean, server_default=default)


def names_columns(length: int) -> list[sa.Column[str]]:
    """FirstName and LastName, NOT NULL."""
    return [
        text_column("FirstName", length, nullable=False),
        text_column("LastName", length, nullable=False),
    ]


def address_columns() -> list[sa.Column[str]]:
    """The NOT NULL postal address columns."""
    return [
        text_column("HouseNumberAndStreet", 250, nullable=False),
        text_column("Town", 100, nullable=False),
        text_column("County", 100, nullable=False),
        text_column("Country", 100, nullable=False),
        text_column("PostCode", 10, nullable=False),
    ]


def schema_parts(schema: str) -> tuple[dict[str, Any], str, bool]:
    """Table options, foreign-key prefix and whether `schema` is IntSchema."""
    internal = schema == INT_SCHEMA
    return (
        (INT_OPTIONS if internal else EXT_OPTIONS),
        ("IntSchema." if internal else "ExtSchema."),
        internal,
    )
