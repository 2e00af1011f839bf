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

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import attrs
import sqlalchemy as sa

BEGIN = "BEGIN"
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
    with _pipelined(connection, COMMIT):
        writes()
        connection.exec_driver_sql(COMMIT)
    transaction.commit()


def write_pipelined(
    connection: sa.Connection,
    transaction: sa.RootTransaction,
    writes: Callable[[Guards], None],
) -> None:
    """Run `writes` (guards and all) on `connection`, then commit `transaction`.

    On psycopg the transaction's BEGIN and every write go out as one pipeline and
    the guards are settled at its sync point; the COMMIT follows only when they all
    hold: two round trips in all. A guard that fails raises its error and the
    caller's transaction rolls back, as when it failed one statement at a time.
    """
    if not can_pipeline(connection):
        writes(Guards())
        transaction.commit()
        return
    import psycopg  # noqa: PLC0415 - psycopg is an optional extra

    driver: Any = connection.connection.driver_connection
    guards = Guards(deferred=True)
    # psycopg waits for its own BEGIN's answer, even in a pipeline; in autocommit
    # it sends none, and ours goes out with the writes (sent as psycopg's own is,
    # unseen by SQLAlchemy's statement events). Its commit() and rollback() still
    # end the transaction: they look at the server's transaction status.
    driver.autocommit = True
    try:
        with _pipelined(connection, "pipelined writes"):
            driver.execute(BEGIN)
            writes(guards)
        guards.settle()
        transaction.commit()
    except BaseException:
        transaction.rollback()
        raise
    finally:
        try:
            driver.autocommit = False
        except psycopg.Error:
            # Still in a transaction or broken: never hand it back in autocommit.
            connection.invalidate()


@contextmanager
def _pipelined(connection: sa.Connection, what: str) -> Iterator[None]:
    """Run the block in a psycopg pipeline; errors raised as SQLAlchemy would."""
    import psycopg  # noqa: PLC0415 - psycopg is an optional extra

    driver: Any = connection.connection.driver_connection
    try:
        with driver.pipeline() as pipeline:
            try:
                yield
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
            what,
            None,
            error,
            psycopg.Error,
            hide_parameters=True,
            connection_invalidated=lost,
            dialect=connection.dialect,
        ) from error


@attrs.define
class Guards:
    """Rowcount checks on a transaction's writes, each raising its error if unmet.

    Made at once outside a pipeline. Inside one a statement's rowcount arrives only
    at the sync point, and SQLAlchemy has kept -1 from before it (its result was
    closed when sent); `settle()` then reads each from the statement's DBAPI cursor,
    which psycopg fills in at the sync though closed, and raises the first unmet
    check's error in the order the checks were made: the task's lease before the
    claim's status, as when they ran one by one.
    """

    deferred: bool = False
    _pending: list[tuple[sa.CursorResult[Any], int, Callable[[], Exception]]] = (
        attrs.field(factory=list)
    )

    def expect(
        self, result: sa.CursorResult[Any], rows: int, error: Callable[[], Exception]
    ) -> None:
        """Raise `error()` unless the statement of `result` touched `rows` rows."""
        if self.deferred:
            self._pending.append((result, rows, error))
        elif result.rowcount != rows:
            raise error()

    def settle(self) -> None:
        """After the sync point: raise the first unmet deferred check's error."""
        pending, self._pending = self._pending, []
        for result, rows, error in pending:
            if result.context.cursor.rowcount != rows:
                raise error()
