"""The message store and lock in dictionaries, with the real ones' rules."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import datetime

import attrs

from hmpps_workers.core.prison_to_probation.errors import (
    DuplicateMessageError,
    StaleMessageError,
    UnknownMessageError,
)
from hmpps_workers.core.prison_to_probation.model import StoredMessage
from hmpps_workers.core.prison_to_probation.ports import LockState


def _oldest_first(message: StoredMessage) -> tuple[datetime, str]:
    return (message.created_date, message.id)


@attrs.define
class InMemoryMessageStore:
    """Items by id; reads skip expired items as the real stores do."""

    items: dict[str, StoredMessage] = attrs.field(factory=dict)
    _mutex: threading.Lock = attrs.field(factory=threading.Lock, repr=False)

    def add(self, message: StoredMessage) -> None:
        """Store a new item; its id must be unused."""
        with self._mutex:
            if message.id in self.items:
                raise DuplicateMessageError(f"message {message.id} already exists")
            self.items[message.id] = message

    def save(self, message: StoredMessage) -> None:
        """Replace an existing item read at `message.version`; bump its version."""
        with self._mutex:
            stored = self.items.get(message.id)
            if stored is None:
                raise UnknownMessageError(f"message {message.id} does not exist")
            if stored.version != message.version:
                raise StaleMessageError(f"message {message.id} changed since read")
            self.items[message.id] = attrs.evolve(message, version=message.version + 1)

    def delete(self, message_id: str) -> None:
        """Remove an item if present."""
        with self._mutex:
            self.items.pop(message_id, None)

    def get(self, message_id: str, *, now: datetime) -> StoredMessage | None:
        """The live item with this id."""
        message = self.items.get(message_id)
        return None if message is None or message.expired(now) else message

    def _select(
        self, now: datetime, keep: Callable[[StoredMessage], bool]
    ) -> list[StoredMessage]:
        with self._mutex:
            found = [m for m in self.items.values() if not m.expired(now) and keep(m)]
        return sorted(found, key=_oldest_first)

    def find_ready(
        self, *, created_before: datetime, now: datetime, limit: int
    ) -> Sequence[StoredMessage]:
        """Untried, unprocessed, created before the cut-off; oldest first."""
        return self._select(
            now,
            lambda m: (
                m.retry_count == 0
                and not m.processed
                and m.created_date < created_before
            ),
        )[:limit]

    def find_unprocessed(
        self, booking_id: int, *, now: datetime
    ) -> Sequence[StoredMessage]:
        """Every unprocessed item of one booking."""
        return self._select(
            now, lambda m: m.booking_id == booking_id and not m.processed
        )

    def find_for_retry(
        self, *, min_retry_count: int, max_retry_count: int, now: datetime, limit: int
    ) -> Sequence[StoredMessage]:
        """Unprocessed items with a retry count in the range; oldest first."""
        return self._select(
            now,
            lambda m: (
                min_retry_count <= m.retry_count <= max_retry_count and not m.processed
            ),
        )[:limit]

    def find_all(self, *, now: datetime) -> Sequence[StoredMessage]:
        """Every live item."""
        return self._select(now, lambda _: True)


@attrs.define
class InMemoryLock:
    """ShedLock's rules: free when absent or `lockUntil <= now`."""

    locks: dict[str, LockState] = attrs.field(factory=dict)
    _mutex: threading.Lock = attrs.field(factory=threading.Lock, repr=False)

    def acquire(self, name: str, *, now: datetime, until: datetime, owner: str) -> bool:
        """Take the lock if it is free."""
        with self._mutex:
            current = self.locks.get(name)
            if current is not None and current.lock_until > now:
                return False
            self.locks[name] = LockState(
                name=name, lock_until=until, locked_at=now, locked_by=owner
            )
            return True

    def release(self, name: str, *, now: datetime, owner: str) -> None:
        """Free the lock now if `owner` holds it."""
        with self._mutex:
            current = self.locks.get(name)
            if current is not None and current.locked_by == owner:
                self.locks[name] = attrs.evolve(
                    current, lock_until=min(current.lock_until, now)
                )

    def state(self, name: str) -> LockState | None:
        """The lock item."""
        return self.locks.get(name)
