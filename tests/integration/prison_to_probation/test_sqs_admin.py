"""SqsQueueAdmin on moto: bounded redrive, parked messages listed and moved back."""

from __future__ import annotations

import logging

import pytest

from hmpps_workers.adapters.aws.sqs_admin import REDRIVE_COUNT, SqsQueueAdmin
from hmpps_workers.adapters.aws.sqs_redelivery import ATTEMPTS, FIRST_FAILED
from hmpps_workers.core.testing.prison_to_probation import RecordingTelemetry


def _url(sqs, name):
    return sqs.get_queue_url(QueueName=name)["QueueUrl"]


def _take(sqs, name):
    """Receive everything on a queue now, with attributes."""
    return sqs.receive_message(
        QueueUrl=_url(sqs, name), MaxNumberOfMessages=10, WaitTimeSeconds=0,
        MessageAttributeNames=["All"],
    ).get("Messages", [])  # fmt: skip


@pytest.fixture
def admin(sqs, resources):
    """The admin with a client per resource (both on moto here)."""
    return SqsQueueAdmin(
        client=sqs,
        dlq_client=sqs,
        queue=resources.queue,
        dlq=resources.dlq,
        parking_queue=resources.parking_queue,
        telemetry=RecordingTelemetry(),
        max_redrives=1,
    )


def _park(sqs, resources, body):
    sqs.send_message(
        QueueUrl=_url(sqs, resources.parking_queue),
        MessageBody=body,
        MessageAttributes={
            REDRIVE_COUNT: {"DataType": "Number", "StringValue": "3"},
            ATTEMPTS: {"DataType": "Number", "StringValue": "40"},
            "eventType": {
                "DataType": "String",
                "StringValue": "BOOKING_NUMBER-CHANGED",
            },
        },
    )


class TestRedrive:
    """The housekeeping redrive."""

    def test_redrive_gives_a_fresh_failure_history(self, sqs, resources, admin):
        """A message parked for age comes back with its history cleared."""
        sqs.send_message(
            QueueUrl=_url(sqs, resources.dlq), MessageBody="event",
            MessageAttributes={
                ATTEMPTS: {"DataType": "Number", "StringValue": "30"},
                FIRST_FAILED: {"DataType": "String",
                               "StringValue": "2026-10-24T00:00:00+00:00"}},
        )  # fmt: skip
        report = admin.retry_dlq(resources.dlq)
        (back,) = _take(sqs, resources.queue)
        assert (report.redriven, sorted(back["MessageAttributes"])) == (
            1, [REDRIVE_COUNT])  # fmt: skip

    def test_a_message_redriven_too_often_is_parked(self, sqs, resources, admin):
        """Past max_redrives it goes to the parking queue, attributes kept."""
        sqs.send_message(
            QueueUrl=_url(sqs, resources.dlq), MessageBody="poison",
            MessageAttributes={REDRIVE_COUNT: {"DataType": "Number",
                                               "StringValue": "1"}},
        )  # fmt: skip
        assert admin.retry_dlq(resources.dlq).parked == 1
        assert [m["Body"] for m in _take(sqs, resources.parking_queue)] == ["poison"]


class TestParked:
    """Listing and moving back what redrive gave up on."""

    def test_parked_messages_are_listed_and_stay_parked(self, sqs, resources, admin):
        """Listing peeks: the messages are still there afterwards."""
        _park(sqs, resources, "one")
        _park(sqs, resources, "two")
        listed = admin.list_parked()
        assert (listed["messagesFoundCount"],
                sorted(m["body"] for m in listed["messages"])) == (2, ["one", "two"])  # fmt: skip
        assert len(admin.list_parked()["messages"]) == 2

    def test_moving_back_resets_counts_keeps_attributes_and_logs_who(
        self, sqs, resources, admin, caplog
    ):
        """Back on the queue fresh, with the event type; the log names who, how many."""
        _park(sqs, resources, "one")
        with caplog.at_level(logging.WARNING):
            moved = admin.retry_parked(by="ops-person")
        (back,) = _take(sqs, resources.queue)
        (record,) = [r for r in caplog.records if r.getMessage().startswith("parked")]
        assert (moved, sorted(back["MessageAttributes"])) == (1, ["eventType"])
        assert (record.by, record.moved) == ("ops-person", 1)
        assert _take(sqs, resources.parking_queue) == []
