"""Column types that convert between aware instants and what the database stores.

This is the one place where the HwPV convention (naive UK wall-clock DATETIME values)
meets the code's aware datetimes. Columns this project adds hold naive UTC instead,
because a wall-clock lease would misfire in the repeated hour each October.
"""

from __future__ import annotations

from collections.abc import Callable
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


class _ConvertedDateTime(sa.types.TypeDecorator[datetime]):
    """A naive DATETIME2 column whose values are converted at the boundary."""

    impl = _NAIVE
    cache_ok = True
    to_database: Callable[[datetime], datetime]
    from_database: Callable[[datetime], datetime]

    def process_bind_param(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        """Aware instant to the naive value the column holds."""
        del dialect
        return None if value is None else type(self).to_database(value)

    def process_result_value(
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        """The column's naive value to an aware instant."""
        del dialect
        return None if value is None else type(self).from_database(value)


class UkWallClock(_ConvertedDateTime):
    """A naive UK wall-clock DATETIME2 column, seen by the code as an aware instant."""

    cache_ok = True  # SQLAlchemy reads it from each class's own namespace
    to_database = staticmethod(to_uk_wall)
    from_database = staticmethod(from_uk_wall)


class UtcDateTime(_ConvertedDateTime):
    """A naive UTC DATETIME2 column (for the columns this project adds)."""

    cache_ok = True
    to_database = staticmethod(to_utc_naive)
    from_database = staticmethod(from_utc_naive)
