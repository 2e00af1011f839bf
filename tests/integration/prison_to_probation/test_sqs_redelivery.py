"""Redelivery on moto: outages never burn the receive limit; age or refusal parks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hmpps_workers.adapters.aws.sqs import SqsConsumer
from hmpps_workers.adapters.aws.sqs_redelivery import (
    ATTEMPTS,
    FIRST_FAILED,
    REASON,
    RedeliveryPolicy,
)
from hmpps_workers.core.errors import RetryableError
from hmpps_workers.core.prison_to_probation.errors import MalformedEventError

START = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


def _url(sqs, name):
    return sqs.get_queue_url(QueueName=name)["QueueUrl"]


def _messages(sqs, name):
    """Everything on a queue now, with attributes (then made visible again)."""
    url = _url(sqs, name)
    found = sqs.receive_message(
        QueueUrl=url,
        MaxNumberOfMessages=10,
        MessageAttributeNames=["All"],
        AttributeNames=["All"],
        WaitTimeSeconds=0,
    ).get("Messages", [])
    for message in found:
        sqs.change_message_visibility(
            QueueUrl=url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
        )
    return found


class Clock:
    """A simulated clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


def _consumer(sqs, resources, handle, clock, **policy):
    return SqsConsumer(
        client=sqs,
        queue_url=_url(sqs, resources.queue),
        handle=handle,
        wait_seconds=0,
        redelivery=RedeliveryPolicy(time_scale=0, **policy),
        clock=clock,
    )


def _fail(_body):
    raise RetryableError("prison-api unavailable")


class TestRedelivery:
    """Retryable failures re-send; the queue's receive limit is never reached."""

    def test_retryable_failure_is_re_sent_with_its_history_and_attributes(
        self, sqs, resources
    ):
        """The copy carries attempts, first failure and the original's attributes."""
        sqs.send_message(
            QueueUrl=_url(sqs, resources.queue),
            MessageBody="event",
            MessageAttributes={"eventType": {"DataType": "String",
                                             "StringValue": "SENTENCE_DATES-CHANGED"}},
        )  # fmt: skip
        clock = Clock()
        report = _consumer(sqs, resources, _fail, clock).poll_once()
        (copy,) = _messages(sqs, resources.queue)
        attributes = copy["MessageAttributes"]
        assert (report.redelivered, copy["Body"]) == (1, "event")
        assert attributes[ATTEMPTS]["StringValue"] == "1"
        assert attributes[FIRST_FAILED]["StringValue"] == START.isoformat()
        assert attributes["eventType"]["StringValue"] == "SENTENCE_DATES-CHANGED"
        assert copy["Attributes"]["ApproximateReceiveCount"] == "1"

    def test_ten_failures_in_a_row_leave_the_dead_letter_queue_empty(
        self, sqs, resources
    ):
        """Far past the receive limit of 3: still on the queue, attempts counted."""
        sqs.send_message(QueueUrl=_url(sqs, resources.queue), MessageBody="event")
        clock = Clock()
        consumer = _consumer(sqs, resources, _fail, clock)
        for _ in range(10):
            consumer.poll_once()
            clock.now += timedelta(minutes=15)
        (copy,) = _messages(sqs, resources.queue)
        assert copy["MessageAttributes"][ATTEMPTS]["StringValue"] == "10"
        assert _messages(sqs, resources.dlq) == []

    def test_a_message_failing_longer_than_the_age_limit_is_parked(
        self, sqs, resources
    ):
        """Past `park_after` it goes to the dead-letter queue with the reason."""
        sqs.send_message(QueueUrl=_url(sqs, resources.queue), MessageBody="event")
        clock = Clock()
        consumer = _consumer(
            sqs, resources, _fail, clock, park_after=timedelta(hours=1)
        )
        consumer.poll_once()
        clock.now += timedelta(hours=1)
        report = consumer.poll_once()
        (parked,) = _messages(sqs, resources.dlq)
        assert (report.parked, _messages(sqs, resources.queue)) == (1, [])
        assert "failing for over 1:00:00" in parked["MessageAttributes"][REASON][
            "StringValue"]  # fmt: skip

    def test_a_permanent_failure_is_parked_at_once(self, sqs, resources):
        """A malformed body reaches the dead-letter queue on its first receive."""
        sqs.send_message(QueueUrl=_url(sqs, resources.queue), MessageBody="{")

        def refuse(_body):
            raise MalformedEventError("SQS message body is not JSON")

        report = _consumer(sqs, resources, refuse, Clock()).poll_once()
        (parked,) = _messages(sqs, resources.dlq)
        assert (report.parked, parked["Body"]) == (1, "{")
        assert parked["MessageAttributes"][REASON]["StringValue"] == (
            "SQS message body is not JSON"
        )


class TestPolicy:
    """The delay doubles to SQS's cap of 15 minutes."""

    def test_delays_double_and_are_capped(self):
        """30 s, 1, 2, 4, 8 min, then 15 min for ever."""
        policy = RedeliveryPolicy()
        assert [policy.delay(n).total_seconds() for n in range(1, 8)] == [
            30, 60, 120, 240, 480, 900, 900]  # fmt: skip
        assert policy.delay_seconds(50) == 900
