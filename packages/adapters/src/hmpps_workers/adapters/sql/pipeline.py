"""Fewer waits per write transaction on PostgreSQL: psycopg's pipeline mode.

psycopg 3 waits for the server's answer after every statement, BEGIN and COMMIT
alike. In its pipeline mode a statement is sent and the next follows at once, and
the answers are read at a sync point. Two shapes of transaction use it:

- `read_then_write` (the claim move): statements whose rows decide what follows go
  one at a time, the first with the BEGIN; then a tail of writes nobody reads
  back, and the COMMIT, answered together: one round trip for the tail. (psycopg's
  own `commit()` inside a pipeline would sync, and leaving it would sync again.)
- `write_pipelined` (a handler step): BEGIN and every statement answered together,
  the row counts that guard the step (`Guards`) settled at that sync point, then
  COMMIT: two round trips, or the error of the first guard unmet and a rollback.

SQLAlchemy looks at a statement's result as soon as it is sent, before a pipeline
has it (a RETURNING would find no rows, a rowcount -1), so nothing pipelined may be
read back except through `Guards`. Once a statement fails the server skips
everything up to the sync point, the COMMIT included, so the transaction rolls back
whole, as it did with the error raised one statement earlier; the error is raised
as SQLAlchemy would have raised it. On SQLite and SQL Server, and on any other
PostgreSQL driver, the statements go one by one as before and the transaction
commits as usual.
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


@contextmanager
def read_then_write(
    connection: sa.Connection, transaction: sa.RootTransaction
) -> Iterator[Callable[[Callable[[], None]], None]]:
    """A transaction that reads (one statement at a time), then writes and commits.

    Yields `tail(writes)`: call it once with the writes whose results nothing
    reads; `transaction` is committed when the block ends (rolled back if it
    raises). On psycopg the transaction is one pipeline: our BEGIN rides with the
    first statement, each statement before the tail is answered as it is sent
    (SQLAlchemy reads its rows at once: `pg_cursor.SYNC_EACH_STATEMENT`), and the
    tail's writes and COMMIT are answered together where the block ends.
    """
    if not can_pipeline(connection):
        yield _now
        transaction.commit()
        return
    from hmpps_workers.adapters.sql.pg_cursor import (  # noqa: PLC0415 - psycopg's
        SYNC_EACH_STATEMENT,
    )

    def tail(writes: Callable[[], None]) -> None:
        SYNC_EACH_STATEMENT.set(False)
        writes()
        connection.exec_driver_sql(COMMIT)

    with _autocommit(connection, transaction) as driver:
        with _pipelined(connection, COMMIT):
            driver.execute(BEGIN)
            token = SYNC_EACH_STATEMENT.set(True)
            try:
                yield tail
            finally:
                SYNC_EACH_STATEMENT.reset(token)
        # psycopg finds the server idle (the tail's COMMIT is in) and sends nothing,
        # or commits a transaction that ended before its tail.
        transaction.commit()


def _now(writes: Callable[[], None]) -> None:
    writes()


def write_pipelined(
    connection: sa.Connection,
    transaction: sa.RootTransaction,
    writes: Callable[[Guards], None],
) -> None:
    """Run `writes` (guards and all) on `connection`, then commit `transaction`.

    On psycopg the transaction's BEGIN and every write go out as one pipeline and
    the guards are settled at its sync point; the COMMIT follows only when they all
    hold: two round trips in all. A guard that fails raises its error and the
    transaction rolls back, as when it failed one statement at a time.
    """
    if not can_pipeline(connection):
        writes(Guards())
        transaction.commit()
        return
    guards = Guards(deferred=True)
    with _autocommit(connection, transaction) as driver:
        with _pipelined(connection, "pipelined writes"):
            driver.execute(BEGIN)
            writes(guards)
        guards.settle()
        transaction.commit()


@contextmanager
def _autocommit(
    connection: sa.Connection, transaction: sa.RootTransaction
) -> Iterator[Any]:
    """Autocommit on psycopg for the block, which sends the transaction's BEGIN.

    psycopg waits for the answer to its own BEGIN, even in a pipeline; in
    autocommit it sends none, and ours (unseen by SQLAlchemy's statement events,
    as psycopg's is) goes out with what follows. Its commit() and rollback() still
    end the transaction: they look at the server's transaction status. The
    transaction is rolled back if the block raises; autocommit is switched off
    once it has ended, and a connection that cannot be is invalidated, never
    handed back to the pool in autocommit.
    """
    import psycopg  # noqa: PLC0415 - psycopg is an optional extra

    driver: Any = connection.connection.driver_connection
    driver.autocommit = True
    try:
        yield driver
    except BaseException:
        transaction.rollback()
        raise
    finally:
        try:
            driver.autocommit = False
        except psycopg.Error:
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


pipelined = _pipelined
"""`_pipelined` for other modules' pipelines (`pipelined_reads`)."""


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
    _pending: list[
        tuple[sa.CursorResult[Any], Callable[[int], bool], Callable[[], Exception]]
    ] = attrs.field(factory=list)

    def expect(
        self, result: sa.CursorResult[Any], rows: int, error: Callable[[], Exception]
    ) -> None:
        """Raise `error()` unless the statement of `result` touched `rows` rows."""
        self._check(result, lambda count: count == rows, error)

    def expect_some(
        self, result: sa.CursorResult[Any], error: Callable[[], Exception]
    ) -> None:
        """Raise `error()` if the statement of `result` touched no row.

        A driver that cannot tell (rowcount -1) passes, as it always did here.
        """
        self._check(result, lambda count: count != 0, error)

    def _check(
        self,
        result: sa.CursorResult[Any],
        holds: Callable[[int], bool],
        error: Callable[[], Exception],
    ) -> None:
        if self.deferred:
            self._pending.append((result, holds, error))
        elif not holds(result.rowcount):
            raise error()

    def settle(self) -> None:
        """After the sync point: raise the first unmet deferred check's error."""
        pending, self._pending = self._pending, []
        for result, holds, error in pending:
            if not holds(result.context.cursor.rowcount):
                raise error()
