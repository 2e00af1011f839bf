"""The MessageStore and Lock contracts against DynamoDB on moto's server."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from hmpps_workers.adapters.aws.dynamodb import DynamoDbMessageStore
from hmpps_workers.adapters.aws.dynamodb_lock import DynamoDbLock
from hmpps_workers.adapters.aws.p2p_items import BOOKING_INDEX, PENDING_INDEX
from hmpps_workers.adapters.aws.p2p_resources import (
    create_message_table,
    create_schedule_table,
)
from hmpps_workers.core.testing.contracts.prison_to_probation import (
    NOW,
    TRACEPARENT,
    LockContract,
    MessageStoreContract,
    message,
)


class TestDynamoDbMessageStore(MessageStoreContract):
    """With both indexes, the store obeys the contract."""

    @pytest.fixture
    def message_store(self, dynamodb):
        create_message_table(dynamodb, "cp-message")
        return DynamoDbMessageStore(dynamodb, "cp-message")


class TestDynamoDbMessageStoreWithoutIndexes(MessageStoreContract):
    """On a table created as the original's (no indexes), scans give the same answers."""

    @pytest.fixture
    def message_store(self, dynamodb):
        create_message_table(dynamodb, "cp-message", indexes=False)
        return DynamoDbMessageStore(dynamodb, "cp-message")


class TestDynamoDbItems:
    """Items keep the original's attribute names and formats."""

    @pytest.fixture
    def store(self, dynamodb):
        create_message_table(dynamodb, "cp-message")
        return DynamoDbMessageStore(dynamodb, "cp-message")

    def test_item_attributes_are_the_originals(self, store, dynamodb):
        """The original's formats, plus our index keys, instant and version."""
        store.add(message("a", matching_crns=None))
        item = dynamodb.get_item(TableName="cp-message", Key={"id": {"S": "a"}})["Item"]
        assert {
            "id": {"S": "a"},
            "bookingId": {"N": "1200835"},
            "retryCount": {"N": "0"},
            "createdDate": {"S": "2026-07-06T08:00:00.123"},
            "deleteBy": {
                "N": str(int((NOW + timedelta(days=30, hours=-2)).timestamp()))
            },
            "eventType": {"S": "IMPRISONMENT_STATUS-CHANGED"},
            "message": {"S": '{"bookingId":1200835}'},
            "reportable": {"N": "1"},
            "recall": {"N": "0"},
            "status": {"S": "VALIDATED"},
            "offenderNo": {"S": "A5089DY"},
            "bookingNo": {"S": "38339A"},
            "locationId": {"S": "MDI"},
            "locationDescription": {"S": "Moorland (HMP & YOI)"},
            "legalStatus": {"S": "SENTENCED"},
            "pending": {"S": "Y"},
            "pendingOrder": {"S": "0000000000#2026-07-06T07:00:00.123Z"},
            "createdInstant": {"S": "2026-07-06T07:00:00.123Z"},
            "version": {"N": "0"},
        } == item

    def test_processed_items_leave_the_pending_index(self, store, dynamodb):
        """Processing removes the sparse index keys, so the index holds only work."""
        store.add(message("a"))
        store.save(message("a", processed_date=NOW))
        item = dynamodb.get_item(TableName="cp-message", Key={"id": {"S": "a"}})["Item"]
        assert ("pending" in item, item["processedDate"]) == (
            False,
            {"S": "2026-07-06T10:00:00.123"},
        )

    def test_original_items_without_pending_keys_are_read(self, store, dynamodb):
        """An item written by the original (seconds only, no new keys) reads back."""
        dynamodb.put_item(
            TableName="cp-message",
            Item={
                "id": {"S": "old"},
                "bookingId": {"N": "1"},
                "retryCount": {"N": "2"},
                "createdDate": {"S": "2026-07-06T09:15:50"},
                "deleteBy": {"N": str(int((NOW + timedelta(days=1)).timestamp()))},
                "eventType": {"S": "SENTENCE_DATES-CHANGED"},
                "message": {"S": "{}"},
                "reportable": {"N": "1"},
                "status": {"S": "ERROR"},
                "processedDate": {"S": "2026-07-06T09:20:00"},
            },
        )
        stored = store.get("old", now=NOW)
        assert (stored.retry_count, stored.created_date.isoformat(), stored.recall) == (
            2,
            "2026-07-06T08:15:50+00:00",
            None,
        )

    def test_the_trace_context_is_one_optional_string_attribute(self, store, dynamodb):
        """`traceparent` as received; every other attribute as without it."""
        store.add(message("a", traceparent=TRACEPARENT))
        store.add(message("b"))
        items = {
            key: dynamodb.get_item(TableName="cp-message", Key={"id": {"S": key}})[
                "Item"
            ]
            for key in ("a", "b")
        }
        assert (
            items["a"].pop("traceparent"),
            "traceparent" in items["b"],
            {k: v for k, v in items["a"].items() if k != "id"},
        ) == (
            {"S": TRACEPARENT},
            False,
            {k: v for k, v in items["b"].items() if k != "id"},
        )

    def test_a_malformed_trace_context_reads_as_none(self, store, dynamodb):
        """Whatever another writer put there never fails the item."""
        store.add(message("a"))
        dynamodb.update_item(
            TableName="cp-message",
            Key={"id": {"S": "a"}},
            UpdateExpression="SET traceparent = :t",
            ExpressionAttributeValues={":t": {"S": "not a traceparent"}},
        )
        stored = store.get("a", now=NOW)
        assert (stored.id, stored.traceparent) == ("a", None)


class TestIndexFallback:
    """Missing indexes are reported once and added by the bootstrap."""

    def test_missing_index_warns_and_scans(self, dynamodb, caplog):
        """Without the indexes each query warns once, naming its index, and scans."""
        create_message_table(dynamodb, "cp-message", indexes=False)
        store = DynamoDbMessageStore(dynamodb, "cp-message")
        store.add(message("a"))
        with caplog.at_level(logging.WARNING):
            store.find_ready(created_before=NOW, now=NOW, limit=5)
            store.find_ready(created_before=NOW, now=NOW, limit=5)
            store.find_unprocessed(1200835, now=NOW)
        warned = [r.index for r in caplog.records if r.levelno == logging.WARNING]
        assert warned == [PENDING_INDEX, BOOKING_INDEX]

    def test_bootstrap_adds_indexes_to_an_existing_table(self, dynamodb):
        """Creating the table again adds the missing indexes to the existing one."""
        create_message_table(dynamodb, "cp-message", indexes=False)
        create_message_table(dynamodb, "cp-message")
        store = DynamoDbMessageStore(dynamodb, "cp-message")
        assert {PENDING_INDEX, BOOKING_INDEX} == store.indexes()

    def test_ttl_is_on_delete_by(self, dynamodb):
        """Time to live is enabled on the deleteBy attribute, as in the original."""
        create_message_table(dynamodb, "cp-message")
        ttl = dynamodb.describe_time_to_live(TableName="cp-message")
        assert (
            ttl["TimeToLiveDescription"]["TimeToLiveStatus"],
            ttl["TimeToLiveDescription"]["AttributeName"],
        ) == ("ENABLED", "deleteBy")


class TestDynamoDbLock(LockContract):
    """The ShedLock-shaped lock obeys the contract."""

    @pytest.fixture
    def lease_lock(self, dynamodb):
        create_schedule_table(dynamodb, "cp-schedule")
        return DynamoDbLock(dynamodb, "cp-schedule")

    def test_lock_item_has_shedlock_attributes(self, lease_lock, dynamodb):
        """`_id`, `lockUntil`, `lockedAt`, `lockedBy` with UTC ISO instants."""
        lease_lock.acquire("scheduleLock", now=NOW, until=NOW + timedelta(minutes=20),
                           owner="pod-1")  # fmt: skip
        item = dynamodb.get_item(
            TableName="cp-schedule", Key={"_id": {"S": "scheduleLock"}}
        )["Item"]
        assert item == {
            "_id": {"S": "scheduleLock"},
            "lockUntil": {"S": "2026-07-06T09:20:00.123Z"},
            "lockedAt": {"S": "2026-07-06T09:00:00.123Z"},
            "lockedBy": {"S": "pod-1"},
        }
