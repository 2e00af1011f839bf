"""SqlMessageStore: the prison-to-probation message store on SQL (lock: p2p_lock).

The embedded default (SQLite) and PostgreSQL, so the pipeline runs without AWS. The
tables live in their own MetaData, apart from the prison-visits schema, and keep the
DynamoDB attribute names so operators read the same words in both. Instants are naive
UTC here (the original's local-text dates compared as strings were a known weakness);
`deleteBy` stays epoch seconds, as DynamoDB's TTL wants it. Saves are conditional on
the `version` column, so two jobs can never overwrite each other's work.

Columns added since the table was first made (`version`, `traceparent`) are additive
migrations (`P2P_MIGRATIONS`): `create_p2p_tables` applies the missing ones, and the
rendered scripts are shipped beside the HwPV ones for a DBA.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql import migrations
from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.migrations import AddColumn, Migration
from hmpps_workers.adapters.sql.types import UtcDateTime
from hmpps_workers.core.prison_to_probation.errors import (
    DuplicateMessageError,
    StaleMessageError,
    UnknownMessageError,
)
from hmpps_workers.core.prison_to_probation.model import StoredMessage, SynchroniseState

p2p_metadata = sa.MetaData()

MESSAGE = sa.Table(
    "p2p_message",
    p2p_metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("bookingId", sa.BigInteger, nullable=False, index=True),
    sa.Column("retryCount", sa.Integer, nullable=False),
    sa.Column("createdDate", UtcDateTime, nullable=False),
    sa.Column("deleteBy", sa.BigInteger, nullable=False),
    sa.Column("eventType", sa.Unicode(100), nullable=False),
    sa.Column("message", sa.UnicodeText, nullable=False),
    sa.Column("processedDate", UtcDateTime),
    sa.Column("reportable", sa.Boolean, nullable=False),
    sa.Column("offenderNo", sa.Unicode(20)),
    sa.Column("bookingNo", sa.Unicode(20)),
    sa.Column("locationId", sa.Unicode(20)),
    sa.Column("locationDescription", sa.Unicode(240)),
    sa.Column("recall", sa.Boolean),
    sa.Column("legalStatus", sa.Unicode(60)),
    sa.Column("status", sa.Unicode(40), nullable=False),
    sa.Column("matchingCrns", sa.Unicode(1000)),
    sa.Column("version", sa.Integer, nullable=False, server_default="0"),
    # W3C traceparent of the trace the message was received in (55 characters).
    sa.Column("traceparent", sa.String(64)),
    sa.Index("ix_p2p_message_pending", "processedDate", "retryCount", "createdDate"),
)

SCHEDULE_LOCK = sa.Table(
    "p2p_schedule_lock",
    p2p_metadata,
    sa.Column("_id", sa.Unicode(200), primary_key=True),
    sa.Column("lockUntil", UtcDateTime, nullable=False),
    sa.Column("lockedAt", UtcDateTime, nullable=False),
    sa.Column("lockedBy", sa.Unicode(200), nullable=False),
)


P2P_MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        name="p2p_0001_message_version",
        steps=(AddColumn(table=MESSAGE, column=MESSAGE.c.version, default=0),),
    ),
    Migration(
        name="p2p_0002_message_traceparent",
        steps=(AddColumn(table=MESSAGE, column=MESSAGE.c.traceparent),),
    ),
)


def create_p2p_tables(engine: sa.Engine) -> None:
    """Create the message and lock tables if missing; add columns added since."""
    with translate_errors("create the prison-to-probation tables"):
        p2p_metadata.create_all(engine)
        migrations.apply(engine, P2P_MIGRATIONS)


def add_statement(message: StoredMessage) -> sa.Insert:
    """Insert a new row with every column, the trace context included."""
    return sa.insert(MESSAGE).values(_row(message))


def save_statement(message: StoredMessage) -> sa.Update:
    """Replace the row read at `message.version`, bumping the version."""
    return (
        sa.update(MESSAGE)
        .where(MESSAGE.c.id == message.id, MESSAGE.c.version == message.version)
        .values({**_row(message), "version": message.version + 1})
    )


def _epoch(value: datetime) -> int:
    return int(value.timestamp())


def _row(message: StoredMessage) -> dict[str, Any]:
    return {
        "id": message.id,
        "bookingId": message.booking_id,
        "retryCount": message.retry_count,
        "createdDate": message.created_date,
        "deleteBy": _epoch(message.delete_by),
        "eventType": message.event_type,
        "message": message.message,
        "processedDate": message.processed_date,
        "reportable": message.reportable,
        "offenderNo": message.offender_no,
        "bookingNo": message.booking_no,
        "locationId": message.location_id,
        "locationDescription": message.location_description,
        "recall": message.recall,
        "legalStatus": message.legal_status,
        "status": message.status.value,
        "matchingCrns": message.matching_crns,
        "version": message.version,
        "traceparent": message.traceparent,
    }


def _message(row: sa.RowMapping) -> StoredMessage:
    return StoredMessage(
        id=row["id"],
        booking_id=row["bookingId"],
        retry_count=row["retryCount"],
        created_date=row["createdDate"],
        delete_by=datetime.fromtimestamp(row["deleteBy"], UTC),
        event_type=row["eventType"],
        message=row["message"],
        processed_date=row["processedDate"],
        reportable=bool(row["reportable"]),
        offender_no=row["offenderNo"],
        booking_no=row["bookingNo"],
        location_id=row["locationId"],
        location_description=row["locationDescription"],
        recall=None if row["recall"] is None else bool(row["recall"]),
        legal_status=row["legalStatus"],
        status=SynchroniseState(row["status"]),
        matching_crns=row["matchingCrns"],
        version=row["version"],
        traceparent=row["traceparent"],
    )


@attrs.define
class SqlMessageStore:
    """The MessageStore port on one table, indexed for the pipeline's reads."""

    engine: sa.Engine

    def add(self, message: StoredMessage) -> None:
        """Insert a new item; a used id is refused."""
        with translate_errors("store a prison-to-probation message"):
            try:
                with self.engine.begin() as connection:
                    connection.execute(add_statement(message))
            except sa.exc.IntegrityError:
                raise DuplicateMessageError(
                    f"message {message.id} already exists"
                ) from None

    def save(self, message: StoredMessage) -> None:
        """Replace the item read at `message.version`; refuse a stale or missing one."""
        with (
            translate_errors("update a prison-to-probation message"),
            self.engine.begin() as connection,
        ):
            result = connection.execute(save_statement(message))
            exists = (
                result.rowcount
                or connection.execute(
                    sa.select(MESSAGE.c.id).where(MESSAGE.c.id == message.id)
                ).first()
            )
        if not exists:
            raise UnknownMessageError(f"message {message.id} does not exist")
        if result.rowcount == 0:
            raise StaleMessageError(f"message {message.id} changed since it was read")

    def delete(self, message_id: str) -> None:
        """Delete an item if present."""
        with (
            translate_errors("delete a prison-to-probation message"),
            self.engine.begin() as connection,
        ):
            connection.execute(sa.delete(MESSAGE).where(MESSAGE.c.id == message_id))

    def _select(
        self, now: datetime, *conditions: sa.ColumnElement[bool], limit: int | None
    ) -> Sequence[StoredMessage]:
        query = (
            sa.select(MESSAGE)
            .where(MESSAGE.c.deleteBy > _epoch(now), *conditions)
            .order_by(MESSAGE.c.createdDate, MESSAGE.c.id)
            .limit(limit)
        )
        with (
            translate_errors("read prison-to-probation messages"),
            self.engine.connect() as connection,
        ):
            rows = connection.execute(query).mappings().all()
        return [_message(row) for row in rows]

    def get(self, message_id: str, *, now: datetime) -> StoredMessage | None:
        """The live item with this id."""
        found = self._select(now, MESSAGE.c.id == message_id, limit=1)
        return found[0] if found else None

    def find_ready(
        self, *, created_before: datetime, now: datetime, limit: int
    ) -> Sequence[StoredMessage]:
        """Untried, unprocessed, created before the cut-off; oldest first."""
        return self._select(
            now,
            MESSAGE.c.retryCount == 0,
            MESSAGE.c.processedDate.is_(None),
            MESSAGE.c.createdDate < created_before,
            limit=limit,
        )

    def find_unprocessed(
        self, booking_id: int, *, now: datetime
    ) -> Sequence[StoredMessage]:
        """Every unprocessed item of one booking."""
        return self._select(
            now,
            MESSAGE.c.bookingId == booking_id,
            MESSAGE.c.processedDate.is_(None),
            limit=None,
        )

    def find_for_retry(
        self, *, min_retry_count: int, max_retry_count: int, now: datetime, limit: int
    ) -> Sequence[StoredMessage]:
        """Unprocessed items with a retry count in the range; oldest first."""
        return self._select(
            now,
            MESSAGE.c.retryCount.between(min_retry_count, max_retry_count),
            MESSAGE.c.processedDate.is_(None),
            limit=limit,
        )

    def find_all(self, *, now: datetime) -> Sequence[StoredMessage]:
        """Every live item."""
        return self._select(now, limit=None)
