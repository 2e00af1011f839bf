"""ExtSchema.Task and IntSchema.Task: the original columns plus the retry columns.

The retry columns are nullable and added by an additive migration
(`hmpps_workers.adapters.sql.migrations`), so rows inserted by the web apps, which
know nothing of them, work unchanged: a NULL attempt count reads as 0.
"""

from __future__ import annotations

import sqlalchemy as sa

from hmpps_workers.adapters.sql.metadata import EXT_SCHEMA, INT_SCHEMA, metadata
from hmpps_workers.adapters.sql.types import UkWallClock, UtcDateTime
from hmpps_workers.core.tasks.model import MAX_REASON_LENGTH, Schema, TaskStatus

LEASE_OWNER_LENGTH = 64
CLAIM_INDEX_MIGRATION = "0003_task_claim_indexes"


def status_literal(status: str) -> sa.ColumnElement[str]:
    """A status written into the SQL text: filtered indexes match only literals.

    The statuses are this module's constants, never input, so nothing is spliced.
    """
    return sa.literal_column(f"'{status}'", sa.Unicode(20))


def claim_indexes(table: sa.Table) -> tuple[sa.Index, sa.Index]:
    """The two indexes the claim reads in order: ready rows, and leased rows.

    Filtered (partial) on every backend, so each holds only the rows of its status and
    the claim's ORDER BY ... LIMIT is an index range read that stops at the limit.
    """
    c = table.c
    pending = c.Status == status_literal(TaskStatus.PENDING)
    leased = c.Status == status_literal(TaskStatus.IN_PROGRESS)
    dialects = ("mssql", "postgresql", "sqlite")
    return (
        sa.Index(
            None,
            c.DateCreated,
            c.TaskId,
            **{f"{d}_where": pending for d in dialects},  # type: ignore[arg-type]
            info={"migration": CLAIM_INDEX_MIGRATION},
        ),
        sa.Index(
            None,
            c.LeaseExpiryDate,
            **{f"{d}_where": leased for d in dialects},  # type: ignore[arg-type]
            info={"migration": CLAIM_INDEX_MIGRATION},
        ),
    )


def original_task_columns() -> list[sa.Column[object]]:
    """The columns of the Task table as the HwPV database project defines them."""
    return [
        sa.Column(
            "TaskId", sa.Integer, sa.Identity(start=1, increment=1), primary_key=True
        ),
        sa.Column("Task", sa.Unicode(100), nullable=False),
        sa.Column("Reference", sa.Unicode(10)),
        sa.Column("EligibilityId", sa.Integer),
        sa.Column("ClaimId", sa.Integer),
        sa.Column("AdditionalData", sa.UnicodeText),
        sa.Column("DateCreated", UkWallClock, nullable=False),
        sa.Column("DateProcessed", UkWallClock),
        sa.Column("Status", sa.Unicode(20), nullable=False),
    ]


def retry_columns() -> list[sa.Column[object]]:
    """The nullable columns this project adds; naive UTC for its own instants."""
    return [
        sa.Column("Attempts", sa.Integer),
        sa.Column("NextAttemptDate", UtcDateTime),
        sa.Column("LeaseExpiryDate", UtcDateTime),
        sa.Column("LeaseOwner", sa.Unicode(LEASE_OWNER_LENGTH)),
        sa.Column("LastError", sa.Unicode(MAX_REASON_LENGTH)),
    ]


def _task_table(meta: sa.MetaData, schema: str, *, with_retry: bool) -> sa.Table:
    columns = original_task_columns() + (retry_columns() if with_retry else [])
    table = sa.Table("Task", meta, *columns, schema=schema)
    if with_retry:
        sa.Index(None, table.c.Status, table.c.DateCreated)
        claim_indexes(table)
    return table


ext_task = _task_table(metadata, EXT_SCHEMA, with_retry=True)
int_task = _task_table(metadata, INT_SCHEMA, with_retry=True)

TASK_TABLES: dict[Schema, sa.Table] = {Schema.EXT: ext_task, Schema.INT: int_task}


def original_task_tables(meta: sa.MetaData) -> dict[Schema, sa.Table]:
    """The Task tables as they stand before the migration, for migration tests."""
    return {
        Schema.EXT: _task_table(meta, EXT_SCHEMA, with_retry=False),
        Schema.INT: _task_table(meta, INT_SCHEMA, with_retry=False),
    }
