"""The tables this project adds for the scheduled runners: payment batches, job runs.

A payment batch reserves its claims and top-ups under fixed file names before any
file leaves the building, so a killed payment run can finish exactly that batch; the
unique indexes make "reserved once" hold even for two runners at once. Lines keep the
amounts decided when the batch was recorded; bank details stay in ClaimBankDetail
and are read from there, so no new table holds them. Instants are naive UTC, as in
every column this project adds. There are no foreign keys to the HwPV tables, so
archiving a claim never trips over its payment history.
"""

from __future__ import annotations

import sqlalchemy as sa

from hmpps_workers.adapters.sql.metadata import INT_SCHEMA, metadata
from hmpps_workers.adapters.sql.prison_visits.column_types import Money
from hmpps_workers.adapters.sql.types import UtcDateTime

payment_batch = sa.Table(
    "PaymentBatch",
    metadata,
    sa.Column(
        "PaymentBatchId",
        sa.Integer,
        sa.Identity(start=1, increment=1),
        primary_key=True,
    ),
    sa.Column("FileStamp", sa.Unicode(14), nullable=False, unique=True),
    sa.Column("DateCreated", UtcDateTime, nullable=False),
    sa.Column("DateCompleted", UtcDateTime, nullable=True),
    schema=INT_SCHEMA,
)

payment_batch_line = sa.Table(
    "PaymentBatchLine",
    metadata,
    sa.Column(
        "PaymentBatchLineId",
        sa.Integer,
        sa.Identity(start=1, increment=1),
        primary_key=True,
    ),
    sa.Column(
        "PaymentBatchId",
        sa.Integer,
        sa.ForeignKey("IntSchema.PaymentBatch.PaymentBatchId"),
        nullable=False,
        index=True,
    ),
    sa.Column("ClaimId", sa.Integer, nullable=False),
    sa.Column("TopUpId", sa.Integer, nullable=True),
    sa.Column("ApprovedTotal", Money, nullable=False),
    sa.Column("DeductionTotal", Money, nullable=False),
    sa.Column("ManuallyProcessedTotal", Money, nullable=False),
    schema=INT_SCHEMA,
)

_CLAIM_LINE = payment_batch_line.c.TopUpId.is_(None)
_TOP_UP_LINE = payment_batch_line.c.TopUpId.is_not(None)

sa.Index(
    "int_paymentbatchline_claimid_unique",
    payment_batch_line.c.ClaimId,
    unique=True,
    mssql_where=_CLAIM_LINE,
    postgresql_where=_CLAIM_LINE,
    sqlite_where=_CLAIM_LINE,
)
sa.Index(
    "int_paymentbatchline_topupid_unique",
    payment_batch_line.c.TopUpId,
    unique=True,
    mssql_where=_TOP_UP_LINE,
    postgresql_where=_TOP_UP_LINE,
    sqlite_where=_TOP_UP_LINE,
)

job_history = sa.Table(
    "JobHistory",
    metadata,
    sa.Column("JobName", sa.Unicode(100), primary_key=True, autoincrement=False),
    sa.Column("LastSuccessDate", UtcDateTime, nullable=False),
    schema=INT_SCHEMA,
)

RUN_TABLES = (payment_batch, payment_batch_line, job_history)
"""In creation order."""
