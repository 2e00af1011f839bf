"""A transaction's last writes and its COMMIT in one round trip (PostgreSQL).

psycopg 3 waits for the server's answer after every statement, BEGIN and COMMIT
alike. In its pipeline mode a statement is sent and the next follows at once, and
the answers are read at the sync point where the pipeline ends. `commit_pipelined`
sends a transaction's tail of writes and then COMMIT that way: one round trip for
them all instead of one each. (psycopg's own `commit()` inside a pipeline would
sync, and leaving the pipeline would sync again: two.)

Only statements whose results and `rowcount` are not read belong in the tail:
SQLAlchemy looks at a statement's result as soon as it is sent, before the pipeline
has it (a RETURNING would find no rows, a rowcount -1). Once a statement fails the
server skips everything up to the sync point, the COMMIT included, so the
transaction rolls back whole, as it did with the error raised one statement
earlier; the error is raised as SQLAlchemy would have raised it. On SQLite and SQL
Server, and on any other PostgreSQL driver, the writes go one by one as before and
the transaction commits as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

import sqlalchemy as sa

COMMIT = "COMMIT"


def can_pipeline(connection: sa.Connection) -> bool:
    """True when `connection` is psycopg 3 on a libpq with pipeline mode."""
    if connection.dialect.driver != "psycopg":
        return False
    from psycopg import Pipeline  # noqa: PLC0415 - psycopg is an optional extra

    return bool(Pipeline.is_supported())


def commit_pipelined(
    connection: sa.Connection,
    transaction: sa.RootTransaction,
    writes: Callable[[], None],
) -> None:
    """Run `writes` on `connection` and commit `transaction`, pipelined if possible.

    On psycopg the COMMIT is sent as the pipeline's last statement and answered at
    its sync point; `transaction.commit()` afterwards finds the server's
    transaction over and sends nothing.
    """
    if not can_pipeline(connection):
        writes()
        transaction.commit()
        return
    import psycopg  # noqa: PLC0415 - psycopg is an optional extra

    driver: Any = connection.connection.driver_connection
    try:
        with driver.pipeline() as pipeline:
            try:
                writes()
                connection.exec_driver_sql(COMMIT)
            except BaseException:
                # An answer read early carried the error (SQLAlchemy raised it).
                # Collect the rest, which the server skipped, so that leaving the
                # pipeline does not log the error a second time.
                with suppress(psycopg.Error):
                    pipeline.sync()
                raise
    except psycopg.Error as error:
        # Raised at the sync point, outside any SQLAlchemy call: raise it as
        # SQLAlchemy would, a lost connection invalidated.
        lost = connection.dialect.is_disconnect(error, driver, None)  # type: ignore[arg-type]
        if lost:
            connection.invalidate()
        raise sa.exc.DBAPIError.instance(
            COMMIT,
            None,
            error,
            psycopg.Error,
            hide_parameters=True,
            connection_invalidated=lost,
            dialect=connection.dialect,
        ) from error
    transaction.commit()
