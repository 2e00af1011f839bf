"""Column types for money and dates of birth, exact on SQL Server, PostgreSQL, SQLite.

Money is DECIMAL(8,2) where the database has decimals; SQLite has none (it would
round-trip through binary floating point), so there the same column holds whole pence.
Dates of birth are DATETIME2 values at UK midnight; the code sees a plain `date`.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import mssql
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeEngine

PENNY = Decimal("0.01")
_DATETIME2 = mssql.DATETIME2()  # type: ignore[no-untyped-call]


def to_money(value: Decimal | int | str) -> Decimal:
    """Quantise to pence, refusing floats (they cannot hold pence exactly)."""
    if isinstance(value, float):
        raise TypeError("money is Decimal, never float")
    return Decimal(value).quantize(PENNY)


class Money(sa.types.TypeDecorator[Decimal]):
    """DECIMAL(8,2) money; whole pence on SQLite, so sums never lose a penny."""

    impl = sa.DECIMAL(8, 2, asdecimal=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """Integer pence on SQLite, DECIMAL(8,2) elsewhere."""
        if dialect.name == "sqlite":
            return sa.Integer()
        return sa.DECIMAL(8, 2, asdecimal=True)

    def process_bind_param(
        self, value: Decimal | int | None, dialect: Dialect
    ) -> Decimal | int | None:
        """Decimal pounds to the stored form."""
        if value is None:
            return None
        money = to_money(value)
        return int(money * 100) if dialect.name == "sqlite" else money

    def process_result_value(
        self, value: object | None, dialect: Dialect
    ) -> Decimal | None:
        """The stored form to Decimal pounds."""
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(int(value)) / 100).quantize(PENNY)  # type: ignore[call-overload]
        return to_money(value)  # type: ignore[arg-type]


class UkWallDate(sa.types.TypeDecorator[date]):
    """A calendar date stored as UK midnight in a naive DATETIME2 column."""

    impl = sa.DateTime(timezone=False).with_variant(_DATETIME2, "mssql")
    cache_ok = True

    def process_bind_param(
        self, value: date | None, dialect: Dialect
    ) -> datetime | None:
        """A date to its midnight."""
        del dialect
        if value is None:
            return None
        if isinstance(value, datetime):
            value = value.date()
        return datetime(value.year, value.month, value.day)  # noqa: DTZ001 - wall clock

    def process_result_value(
        self, value: datetime | None, dialect: Dialect
    ) -> date | None:
        """The stored wall-clock value's calendar date."""
        del dialect
        return None if value is None else value.date()
