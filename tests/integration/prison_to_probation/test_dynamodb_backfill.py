"""Swap-over: the original's items get the index keys, and none is ever invisible."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hmpps_workers.adapters.aws.dynamodb import DynamoDbMessageStore
from hmpps_workers.adapters.aws.p2p_backfill import BackfillMarker, DynamoDbBackfill
from hmpps_workers.adapters.aws.p2p_resources import (
    create_message_table,
    create_schedule_table,
)
from hmpps_workers.core.prison_to_probation.errors import StaleMessageError
from hmpps_workers.core.testing.contracts import raises
from hmpps_workers.core.testing.contracts.prison_to_probation import (
    NOW,
    MessageStoreContract,
)

TABLE, SCHEDULE = "cp-message", "cp-schedule"


def original_item(item_id, *, retry_count=0, age=timedelta(hours=2), **extra):
    """An item as the Kotlin service wrote it: no index keys, no instant, no version."""
    created = (NOW - age).replace(tzinfo=None) + timedelta(hours=1)  # BST wall clock
    return {
        "id": {"S": item_id},
        "bookingId": {"N": "1200835"},
        "retryCount": {"N": str(retry_count)},
        "createdDate": {"S": created.isoformat(timespec="seconds")},
        "deleteBy": {"N": str(int((NOW + timedelta(days=20)).timestamp()))},
        "eventType": {"S": "SENTENCE_DATES-CHANGED"},
        "message": {"S": '{"bookingId":1200835}'},
        "reportable": {"N": "1"},
        "status": {"S": "VALIDATED" if retry_count == 0 else "ERROR"},
        **extra,
    }


@pytest.fixture
def original_table(dynamodb):
    """The original's table shape, holding ready, retrying, processed and expired items."""
    create_message_table(dynamodb, TABLE, indexes=False)
    create_schedule_table(dynamodb, SCHEDULE)
    items = [
        original_item("ready"),
        original_item("retrying", retry_count=3, age=timedelta(days=20)),
        original_item("done", processedDate={"S": "2026-07-06T09:00:00"}),
        original_item(
            "expired", retry_count=1, deleteBy={"N": str(int(NOW.timestamp()) - 60)}
        ),
    ]
    items += [original_item(f"more-{n}") for n in range(30)]
    for item in items:
        dynamodb.put_item(TableName=TABLE, Item=item)
    create_message_table(dynamodb, TABLE)  # bootstrap adds the indexes
    return dynamodb


def backfill(dynamodb, **overrides):
    """A fast, unpaced backfill of the test table."""
    marker = BackfillMarker(client=dynamodb, table=SCHEDULE, message_table=TABLE)
    settings = {"page_size": 7, "sleep": lambda _: None, **overrides}
    return DynamoDbBackfill(client=dynamodb, table=TABLE, marker=marker, **settings)


def store(dynamodb):
    """The store as the service wires it: it asks the marker."""
    marker = BackfillMarker(client=dynamodb, table=SCHEDULE, message_table=TABLE)
    return DynamoDbMessageStore(dynamodb, TABLE, backfilled=marker.done)


def ready_and_retrying(message_store):
    """What the main loop and the short and medium tiers would see now."""
    ready = message_store.find_ready(created_before=NOW, now=NOW, limit=100)
    retrying = message_store.find_for_retry(
        min_retry_count=1, max_retry_count=10, now=NOW, limit=100
    )
    return {m.id for m in ready}, [m.id for m in retrying]


class TestBeforeBackfill:
    """With indexes but no finished backfill, unmarked items are still found."""

    def test_unmarked_ready_and_retrying_items_are_visible(self, original_table):
        """A two-hour-old VALIDATED item and a retrying one are both read."""
        ready, retrying = ready_and_retrying(store(original_table))
        assert ("ready" in ready, retrying) == (True, ["retrying"])


class TestBackfill:
    """The operator's path: bootstrap-aws backfills the original's items."""

    def test_backfill_marks_every_unprocessed_live_item_and_says_done(
        self, original_table
    ):
        """Ready and retrying items get the keys; processed ones do not."""
        progress = backfill(original_table).run()
        marked = {
            item["id"]["S"]
            for item in original_table.scan(TableName=TABLE)["Items"]
            if "pending" in item
        }
        assert (progress.done, progress.scanned, "done" in marked) == (True, 34, False)
        assert {"ready", "retrying", "expired"} <= marked
        assert progress.marked == 33

    def test_after_backfill_the_index_alone_finds_the_items(self, original_table):
        """Once done, the store trusts the index and still sees everything."""
        backfill(original_table).run()
        message_store = store(original_table)
        ready, retrying = ready_and_retrying(message_store)
        assert ("ready" in ready, len(ready), retrying) == (True, 31, ["retrying"])
        assert message_store._is_backfilled()

    def test_a_killed_backfill_resumes_where_it_stopped(self, original_table):
        """Kill after two pages; the next run finishes without starting again."""
        pages = []

        def die_after_two(progress):
            pages.append(progress)
            if len(pages) == 2:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            backfill(original_table, on_page=die_after_two).run()
        assert not store(original_table)._is_backfilled()
        finished = backfill(original_table).run()
        assert (finished.done, finished.scanned, finished.pages) == (True, 34, 5)

    def test_running_again_changes_nothing(self, original_table):
        """A finished table is left alone: idempotent."""
        first = backfill(original_table).run()
        second = backfill(original_table).run()
        assert first == second

    def test_backfill_paces_itself_to_its_budget(self, original_table):
        """Between pages it sleeps out the read budget: 4 full pages of 7 at 100/s."""
        slept = []
        backfill(original_table, reads_per_second=100.0, writes_per_second=1000.0,
                 sleep=slept.append, monotonic=lambda: 0.0).run()  # fmt: skip
        assert sum(slept) == pytest.approx(28 / 100.0)


class TestOriginalItemsAreVersionZero:
    """Conditional saves work on the original's items, which have no version."""

    def test_first_save_of_an_original_item_succeeds_and_a_stale_one_fails(
        self, original_table
    ):
        """Both jobs read version 0: the first save wins, the second is refused."""
        message_store = store(original_table)
        read = message_store.get("retrying", now=NOW)
        message_store.save(read)
        with raises(StaleMessageError):
            message_store.save(read)


class TestIndexOnlyStore(MessageStoreContract):
    """A store told its table is backfilled reads the index alone, and obeys."""

    @pytest.fixture
    def message_store(self, dynamodb):
        create_message_table(dynamodb, TABLE)
        return DynamoDbMessageStore(dynamodb, TABLE, backfilled=lambda: True)
