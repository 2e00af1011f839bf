"""SqlMessageStore and SqlLock: the prison-to-probation store and lock on SQL.

The embedded default (SQLite) and PostgreSQL, so the pipeline runs without AWS. The
tables live in their own MetaData, apart from the prison-visits schema, and keep the
DynamoDB attribute names so operators read the same words in both. Instants are naive
UTC here (the original's local-text dates compared as strings were a known weakness);
`deleteBy` stays epoch seconds, as DynamoDB's TTL wants it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.types import UtcDateTime
from hmpps_workers.core.prison_to_probation.errors import (
    DuplicateMessageError,
    UnknownMessageError,
)
from hmpps_workers.core.prison_to_probation.model import StoredMessage, SynchroniseState
from hmpps_workers.core.prison_to_probation.ports import LockState

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


def create_p2p_tables(engine: sa.Engine) -> None:
    """Create the message and lock tables if they are missing."""
    with translate_errors("create the prison-to-probation tables"):
        p2p_metadata.create_all(engine)


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
                    connection.execute(sa.insert(MESSAGE).values(_row(message)))
            except sa.exc.IntegrityError:
                raise DuplicateMessageError(
                    f"message {message.id} already exists"
                ) from None

    def save(self, message: StoredMessage) -> None:
        """Replace an existing item."""
        with (
            translate_errors("update a prison-to-probation message"),
            self.engine.begin() as connection,
        ):
            result = connection.execute(
                sa.update(MESSAGE)
                .where(MESSAGE.c.id == message.id)
                .values(_row(message))
            )
        if result.rowcount == 0:
            raise UnknownMessageError(f"message {message.id} does not exist")

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


@attrs.define
class SqlLock:
    """The Lock port on a ShedLock-shaped table (`_id`, `lockUntil`, ...)."""

    engine: sa.Engine

    def acquire(self, name: str, *, now: datetime, until: datetime, owner: str) -> bool:
        """Take the lock when absent or expired, in one transaction."""
        values = {"lockUntil": until, "lockedAt": now, "lockedBy": owner}
        with translate_errors("take a schedule lock"):
            try:
                with self.engine.begin() as connection:
                    taken = connection.execute(
                        sa.update(SCHEDULE_LOCK)
                        .where(SCHEDULE_LOCK.c["_id"] == name)
                        .where(SCHEDULE_LOCK.c.lockUntil <= now)
                        .values(values)
                    ).rowcount
                    if taken:
                        return True
                    connection.execute(
                        sa.insert(SCHEDULE_LOCK).values({"_id": name, **values})
                    )
            except sa.exc.IntegrityError:
                return False  # the lock row exists and is held
        return True

    def release(self, name: str, *, now: datetime, owner: str) -> None:
        """Free the lock now if `owner` holds it."""
        with (
            translate_errors("release a schedule lock"),
            self.engine.begin() as connection,
        ):
            connection.execute(
                sa.update(SCHEDULE_LOCK)
                .where(SCHEDULE_LOCK.c["_id"] == name)
                .where(SCHEDULE_LOCK.c.lockedBy == owner)
                .where(SCHEDULE_LOCK.c.lockUntil > now)
                .values(lockUntil=now)
            )

    def state(self, name: str) -> LockState | None:
        """The lock row."""
        with (
            translate_errors("read a schedule lock"),
            self.engine.connect() as connection,
        ):
            row = (
                connection.execute(
                    sa.select(SCHEDULE_LOCK).where(SCHEDULE_LOCK.c["_id"] == name)
                )
                .mappings()
                .first()
            )
        if row is None:
            return None
        return LockState(
            name=row["_id"],
            lock_until=row["lockUntil"],
            locked_at=row["lockedAt"],
            locked_by=row["lockedBy"],
        )
