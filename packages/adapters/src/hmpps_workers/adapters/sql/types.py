"""Column types that convert between aware instants and what the database stores.

This is the one place where the HwPV convention (naive UK wall-clock DATETIME values)
meets the code's aware datetimes. Columns this project adds hold naive UTC instead,
because a wall-clock lease would misfire in the repeated hour each October.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import mssql
from sqlalchemy.engine import Dialect

from hmpps_workers.core.clock import (
    from_uk_wall,
    from_utc_naive,
    to_uk_wall,
    to_utc_naive,
)

_DATETIME2 = mssql.DATETIME2()  # type: ignore[no-untyped-call]
_NAIVE = sa.DateTime(timezone=False).with_variant(_DATETIME2, "mssql")


class UkWallClock(sa.types.TypeDecorator[datetime]):
    """A naive UK wall-clock DATETIME2 column, seen by the code as an aware instant."""

    impl = _NAIVE
    cache_ok = True

    def process_bind_param(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        """Aware instant to naive UK wall-clock time."""
        del dialect
        return None if value is None else to_uk_wall(value)

    def process_result_value(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        """Naive UK wall-clock time to aware UTC instant."""
        del dialect
        return None if value is None else from_uk_wall(value)


class UtcDateTime(sa.types.TypeDecorator[datetime]):
    """A naive UTC DATETIME2 column (for the columns this project adds)."""

    impl = _NAIVE
    cache_ok = True

    def process_bind_param(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        """Aware instant to naive UTC."""
        del dialect
        return None if value is None else to_utc_naive(value)

    def process_result_value(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        """Naive UTC to aware UTC instant."""
        del dialect
        return None if value is None else from_utc_naive(value)
