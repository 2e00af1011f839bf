"""Several prebuilt reads answered in one round trip on PostgreSQL (psycopg pipeline).

The engine going on from one batch to the next records the batch's completions and
claims the next batch: two statements whose answers it needs (the ids written, the
rows claimed), and nothing it must decide in between. Here they go out in one psycopg
pipeline with one Sync, on a connection in autocommit: the server runs them in order
in one implicit transaction that ends at the Sync, so they are written together or
not at all, and the client waits once. Each statement is sent as `driver_reads.read`
sends it (the text compiled once, SQLAlchemy's `before_cursor_execute` and
`after_cursor_execute` events and the dialect's `do_execute` hooks fired); its rows
are read once the pipeline has synced, through the same result processors. An error
is raised at the sync, as `pipeline.write_pipelined` raises it (wrapped as SQLAlchemy
would, a lost connection invalidated), and nothing of the pipeline is kept.

`pipelined_reads` answers None when this connection or a statement cannot go this
way (not psycopg with pipeline mode, SQL Server, echo on, a statement the text
cannot stand for); the caller then sends them in a transaction as usual.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine.result import IteratorResult, SimpleResultMetaData

from hmpps_workers.adapters.sql.driver_reads import RenderedRead, render_read
from hmpps_workers.adapters.sql.driver_sql import run
from hmpps_workers.adapters.sql.pipeline import can_pipeline, pipelined


def _rendered(
    connection: sa.Connection,
    reads: Sequence[tuple[sa.Executable, Mapping[str, Any]]],
) -> list[RenderedRead] | None:
    if connection._echo or not can_pipeline(connection):  # noqa: SLF001 - as read
        return None
    found = []
    for statement, values in reads:
        rendered = render_read(statement, connection.dialect, tuple(sorted(values)))
        if rendered is None:
            return None
        found.append(rendered)
    return found


def _cursor(_context: Any, cursor: Any) -> Any:  # noqa: ANN401 - the driver's
    """The statement's cursor, answered once the pipeline syncs."""
    return cursor


def pipelined_reads(
    connection: sa.Connection,
    reads: Sequence[tuple[sa.Executable, Mapping[str, Any]]],
) -> list[sa.Result[Any]] | None:
    """Send `reads` (kept statements with RETURNING, or SELECTs) in one round trip.

    Their results in order; None when they cannot go this way (module doc). The
    connection must have no transaction open: it is in autocommit for the pipeline.
    """
    found = _rendered(connection, reads)
    if found is None:
        return None
    driver: Any = connection.connection.driver_connection
    cursors = []
    with connection.begin():  # the `begin` event, as execute's autobegin fires it
        driver.autocommit = True
        try:
            with pipelined(connection, "pipelined reads"):
                for rendered, (_, values) in zip(found, reads, strict=True):
                    parameters = rendered.rendered.parameters(values)
                    cursors.append(
                        run(
                            connection,
                            rendered.rendered.sql,
                            [parameters],
                            _cursor,
                            errors_at_sync=True,
                        )
                    )
        finally:
            _leave_autocommit(connection, driver)
    results: list[sa.Result[Any]] = []
    for rendered, cursor in zip(found, cursors, strict=True):
        description = cursor.description
        rows = [] if description is None else cursor.fetchall()
        cursor.close()
        metadata = (
            SimpleResultMetaData(rendered.keys)
            if description is None
            else rendered.result_metadata(connection.dialect, description)
        )
        results.append(IteratorResult(metadata, iter(rows)))
    return results


def _leave_autocommit(connection: sa.Connection, driver: Any) -> None:  # noqa: ANN401
    import psycopg  # noqa: PLC0415 - psycopg is an optional extra

    try:
        driver.autocommit = False
    except psycopg.Error:
        # Never hand a connection back to the pool in autocommit.
        connection.invalidate()
