"""SqlLock: ShedLock's lease lock on the prison-to-probation schedule-lock table."""

from __future__ import annotations

from datetime import datetime

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.prison_to_probation import SCHEDULE_LOCK
from hmpps_workers.core.prison_to_probation.ports import LockState


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
