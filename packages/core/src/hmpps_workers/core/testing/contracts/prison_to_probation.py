"""The MessageStore and Lock contracts: what every store and lock must do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs

from hmpps_workers.core.prison_to_probation.errors import (
    DuplicateMessageError,
    StaleMessageError,
    UnknownMessageError,
)
from hmpps_workers.core.prison_to_probation.model import StoredMessage, SynchroniseState
from hmpps_workers.core.prison_to_probation.ports import Lock, MessageStore
from hmpps_workers.core.testing.contracts import raises

NOW = datetime(2026, 7, 6, 9, 0, 0, 123000, tzinfo=UTC)
LONG_AGO = NOW - timedelta(hours=2)
# 25 October 2026: UK clocks go back at 02:00 BST, so 01:00-01:59 happens twice.
AT_0150_BST = datetime(2026, 10, 25, 0, 50, tzinfo=UTC)
AT_0110_GMT = datetime(2026, 10, 25, 1, 10, tzinfo=UTC)


TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"


def message(message_id: str, **changes: object) -> StoredMessage:
    """A complete item created two hours ago (changes override any field)."""
    fields: dict[str, object] = {
        "id": message_id,
        "booking_id": 1200835,
        "event_type": "IMPRISONMENT_STATUS-CHANGED",
        "message": '{"bookingId":1200835}',
        "created_date": LONG_AGO,
        "delete_by": LONG_AGO + timedelta(days=30),
        "offender_no": "A5089DY",
        "booking_no": "38339A",
        "location_id": "MDI",
        "location_description": "Moorland (HMP & YOI)",
        "recall": False,
        "legal_status": "SENTENCED",
    }
    fields.update(changes)
    return StoredMessage(**fields)  # type: ignore[arg-type]


def _second(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(microsecond=0)


def _ids(messages: object) -> list[str]:
    return [m.id for m in messages]  # type: ignore[attr-defined]


class MessageStoreContract:
    """Tests every MessageStore passes; subclasses provide `message_store`."""

    def test_added_item_reads_back_unchanged(self, message_store: MessageStore) -> None:
        """Every attribute survives the round trip, to the second."""
        item = message("a", matching_crns="X1, X2", recall=True)
        message_store.add(item)
        stored = message_store.get("a", now=NOW)
        assert stored is not None
        assert attrs.evolve(
            item,
            created_date=item.created_date.replace(microsecond=0),
            delete_by=item.delete_by.replace(microsecond=0),
        ) == attrs.evolve(
            stored,
            created_date=stored.created_date.replace(microsecond=0),
            delete_by=stored.delete_by.replace(microsecond=0),
        )

    def test_the_trace_context_survives_add_and_save(
        self, message_store: MessageStore
    ) -> None:
        """The traceparent it was received in reads back, and a save keeps it."""
        message_store.add(message("a", traceparent=TRACEPARENT))
        stored = message_store.get("a", now=NOW)
        assert stored is not None
        message_store.save(attrs.evolve(stored, retry_count=1))
        again = message_store.get("a", now=NOW)
        assert (stored.traceparent, again and again.traceparent) == (
            TRACEPARENT,
            TRACEPARENT,
        )

    def test_an_item_without_a_trace_context_reads_as_none(
        self, message_store: MessageStore
    ) -> None:
        """Items from the original (or from before) carry none, and that is fine."""
        message_store.add(message("a"))
        stored = message_store.get("a", now=NOW)
        assert stored is not None
        assert stored.traceparent is None

    def test_ids_are_unique(self, message_store: MessageStore) -> None:
        """Adding an id twice is refused."""
        message_store.add(message("a"))
        with raises(DuplicateMessageError):
            message_store.add(message("a"))

    def test_save_replaces_and_needs_an_existing_item(
        self, message_store: MessageStore
    ) -> None:
        """Save overwrites status, counts and dates; a missing id is refused."""
        message_store.add(message("a"))
        updated = message("a", retry_count=3, status=SynchroniseState.NO_MATCH,
                          processed_date=NOW.replace(microsecond=0))  # fmt: skip
        message_store.save(updated)
        stored = message_store.get("a", now=NOW)
        assert stored is not None
        assert (stored.retry_count, stored.status, stored.processed_date) == (
            3, SynchroniseState.NO_MATCH, NOW.replace(microsecond=0))  # fmt: skip
        with raises(UnknownMessageError):
            message_store.save(message("b"))

    def test_save_bumps_the_version(self, message_store: MessageStore) -> None:
        """Each save moves the stored version on by one."""
        message_store.add(message("a"))
        message_store.save(message("a", retry_count=1))
        stored = message_store.get("a", now=NOW)
        assert stored is not None
        message_store.save(attrs.evolve(stored, retry_count=2))
        again = message_store.get("a", now=NOW)
        assert again is not None
        assert (again.version, again.retry_count) == (2, 2)

    def test_save_from_a_stale_read_is_refused_and_the_first_writer_stands(
        self, message_store: MessageStore
    ) -> None:
        """Two writers read version 0; the second save is refused, nothing lost."""
        message_store.add(message("a"))
        first = message("a", processed_date=NOW.replace(microsecond=0),
                        status=SynchroniseState.COMPLETED)  # fmt: skip
        second = message("a", retry_count=2, status=SynchroniseState.ERROR)
        message_store.save(first)
        with raises(StaleMessageError):
            message_store.save(second)
        stored = message_store.get("a", now=NOW)
        assert stored is not None
        assert (stored.status, stored.retry_count) == (SynchroniseState.COMPLETED, 0)

    def test_reads_order_by_the_true_instant_across_the_october_change(
        self, message_store: MessageStore
    ) -> None:
        """01:50 BST comes before 01:10 GMT, whatever the wall clocks say."""
        later = NOW.replace(year=2026, month=10, day=26)
        message_store.add(message("gmt", created_date=AT_0110_GMT,
                                  delete_by=later + timedelta(days=30)))  # fmt: skip
        message_store.add(message("bst", created_date=AT_0150_BST,
                                  delete_by=later + timedelta(days=30)))  # fmt: skip
        assert _ids(message_store.find_unprocessed(1200835, now=later)) == [
            "bst", "gmt"]  # fmt: skip
        ready = message_store.find_ready(created_before=later, now=later, limit=10)
        assert _ids(ready) == ["bst", "gmt"]
        stored = message_store.get("gmt", now=later)
        assert stored is not None
        assert stored.created_date == AT_0110_GMT

    def test_delete_removes_and_tolerates_missing(
        self, message_store: MessageStore
    ) -> None:
        """Deleted items are gone; deleting twice is fine."""
        message_store.add(message("a"))
        message_store.delete("a")
        message_store.delete("a")
        assert message_store.get("a", now=NOW) is None

    def test_ready_means_untried_unprocessed_and_old_enough(
        self, message_store: MessageStore
    ) -> None:
        """Only retry count 0, no processedDate, created before the cut-off."""
        message_store.add(message("ready"))
        message_store.add(message("young", created_date=NOW - timedelta(minutes=1)))
        message_store.add(message("retrying", retry_count=1))
        message_store.add(message("done", processed_date=NOW))
        found = message_store.find_ready(
            created_before=NOW - timedelta(minutes=15), now=NOW, limit=10
        )
        assert _ids(found) == ["ready"]

    def test_ready_is_oldest_first_and_limited(
        self, message_store: MessageStore
    ) -> None:
        """Bounded batches take the oldest first."""
        for minutes, name in ((30, "b"), (50, "a"), (20, "c")):
            message_store.add(
                message(name, created_date=NOW - timedelta(minutes=minutes))
            )
        found = message_store.find_ready(created_before=NOW, now=NOW, limit=2)
        assert _ids(found) == ["a", "b"]

    def test_unprocessed_of_a_booking_includes_young_and_retrying(
        self, message_store: MessageStore
    ) -> None:
        """The booking expansion takes every unprocessed item of that booking."""
        message_store.add(message("a"))
        message_store.add(message("b", created_date=NOW, retry_count=7))
        message_store.add(message("c", processed_date=NOW))
        message_store.add(message("d", booking_id=2))
        assert _ids(message_store.find_unprocessed(1200835, now=NOW)) == ["a", "b"]

    def test_retry_selection_is_by_retry_count_range(
        self, message_store: MessageStore
    ) -> None:
        """Inclusive bounds; processed items are never retried."""
        for count in (0, 1, 4, 5):
            message_store.add(message(f"r{count}", retry_count=count))
        message_store.add(message("done", retry_count=2, processed_date=NOW))
        found = message_store.find_for_retry(
            min_retry_count=1, max_retry_count=4, now=NOW, limit=10
        )
        assert sorted(_ids(found)) == ["r1", "r4"]

    def test_expired_items_are_never_read(self, message_store: MessageStore) -> None:
        """Items past deleteBy are invisible even before anything deletes them."""
        message_store.add(message("old", retry_count=1, delete_by=NOW))
        message_store.add(message("live", retry_count=1))
        assert _ids(message_store.find_all(now=NOW)) == ["live"]
        assert message_store.get("old", now=NOW) is None
        assert _ids(
            message_store.find_for_retry(
                min_retry_count=1, max_retry_count=9, now=NOW, limit=10
            )
        ) == ["live"]


class LockContract:
    """Tests every Lock passes; subclasses provide `lease_lock`."""

    def test_free_lock_is_taken_and_recorded(self, lease_lock: Lock) -> None:
        """The lock item names the holder and both instants."""
        until = NOW + timedelta(minutes=20)
        assert lease_lock.acquire("job", now=NOW, until=until, owner="pod-1")
        state = lease_lock.state("job")
        assert state is not None
        expected = ("pod-1", _second(until), _second(NOW))
        actual = (state.locked_by, _second(state.lock_until), _second(state.locked_at))
        assert expected == actual

    def test_held_lock_is_refused_to_others(self, lease_lock: Lock) -> None:
        """No second holder while the lease runs."""
        until = NOW + timedelta(minutes=20)
        lease_lock.acquire("job", now=NOW, until=until, owner="pod-1")
        assert not lease_lock.acquire("job", now=NOW, until=until, owner="pod-2")

    def test_expired_lease_can_be_taken_over(self, lease_lock: Lock) -> None:
        """A holder that died frees the lock when its lease ends."""
        lease_lock.acquire("job", now=NOW, until=NOW + timedelta(minutes=1), owner="a")
        later = NOW + timedelta(minutes=2)
        assert lease_lock.acquire("job", now=later, until=later, owner="b")

    def test_release_frees_the_lock(self, lease_lock: Lock) -> None:
        """After release anyone may take it."""
        lease_lock.acquire("job", now=NOW, until=NOW + timedelta(hours=1), owner="a")
        lease_lock.release("job", now=NOW, owner="a")
        assert lease_lock.acquire("job", now=NOW, until=NOW, owner="b")

    def test_release_by_another_owner_changes_nothing(self, lease_lock: Lock) -> None:
        """Only the holder can release."""
        lease_lock.acquire("job", now=NOW, until=NOW + timedelta(hours=1), owner="a")
        lease_lock.release("job", now=NOW, owner="b")
        assert not lease_lock.acquire("job", now=NOW, until=NOW, owner="b")

    def test_lock_names_are_independent(self, lease_lock: Lock) -> None:
        """Holding one job's lock never blocks another job."""
        lease_lock.acquire("a", now=NOW, until=NOW + timedelta(hours=1), owner="x")
        assert lease_lock.acquire("b", now=NOW, until=NOW, owner="y")
