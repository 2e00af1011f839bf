"""SqsConsumer against moto's SQS: batches, partial failure, dead-lettering, stop."""

from __future__ import annotations

import logging
import threading

from hmpps_workers.adapters.aws.sqs import SqsConsumer
from hmpps_workers.core.errors import RetryableError
from hmpps_workers.core.prison_to_probation.errors import MalformedEventError


def _url(sqs, name):
    return sqs.get_queue_url(QueueName=name)["QueueUrl"]


def _depth(sqs, name):
    attributes = sqs.get_queue_attributes(
        QueueUrl=_url(sqs, name),
        AttributeNames=[
            "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible",
        ],
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(
        attributes["ApproximateNumberOfMessagesNotVisible"]
    )


def _send(sqs, resources, *bodies):
    for body in bodies:
        sqs.send_message(QueueUrl=_url(sqs, resources.queue), MessageBody=body)


def _consumer(sqs, resources, handle, **kwargs):
    return SqsConsumer(
        client=sqs,
        queue_url=_url(sqs, resources.queue),
        handle=handle,
        wait_seconds=0,
        **kwargs,
    )


class TestSqsConsumer:
    """The listener's queue handling."""

    def test_batches_hold_at_most_ten(self, sqs, resources):
        """One receive takes at most ten messages; the rest stay on the queue."""
        _send(sqs, resources, *[f"m{n}" for n in range(12)])
        seen = []
        report = _consumer(sqs, resources, seen.append).poll_once()
        assert (report.received, report.succeeded) == (10, 10)
        assert _depth(sqs, resources.queue) == 2

    def test_only_successes_are_deleted(self, sqs, resources):
        """A failure in the batch leaves that one message, and only it, on the queue."""

        def handle(body):
            if body == "bad":
                raise RetryableError("prison-api unavailable")

        _send(sqs, resources, "a", "bad", "b")
        report = _consumer(sqs, resources, handle, error_visibility=(0,)).poll_once()
        assert (report.succeeded, report.failed) == (2, 1)
        again = _consumer(sqs, resources, lambda body: None).poll_once()
        assert again.received == 1

    def test_retryable_failures_back_off_by_receive_count(self, sqs, resources):
        """The first failure hides the message for the first back-off period."""

        def handle(body):
            raise RetryableError("down")

        _send(sqs, resources, "a")
        _consumer(sqs, resources, handle, error_visibility=(600,)).poll_once()
        assert _consumer(sqs, resources, handle).poll_once().received == 0

    def test_malformed_messages_reach_the_dlq_with_the_reason_logged(
        self, sqs, resources, caplog
    ):
        """Three receives, then the dead-letter queue; the last failure says why."""

        def handle(body):
            raise MalformedEventError("SQS message body is not JSON")

        _send(sqs, resources, "not json")
        consumer = _consumer(sqs, resources, handle)
        with caplog.at_level(logging.WARNING):
            received = [consumer.poll_once().received for _ in range(4)]
        assert received == [1, 1, 1, 0]
        assert (_depth(sqs, resources.queue), _depth(sqs, resources.dlq)) == (0, 1)
        last = [r for r in caplog.records if r.levelno == logging.ERROR]
        assert [(r.reason, r.receive_count, r.receive_limit) for r in last] == [
            ("SQS message body is not JSON", 3, 3)
        ]

    def test_unexpected_exceptions_are_redelivered_not_lost(self, sqs, resources):
        """A message whose handler raises unexpectedly stays on the queue."""

        def handle(body):
            raise ValueError(body)

        _send(sqs, resources, "a")
        _consumer(sqs, resources, handle, error_visibility=(0,)).poll_once()
        assert _depth(sqs, resources.queue) == 1

    def test_stop_returns_the_rest_of_the_batch(self, sqs, resources):
        """After stop the message in hand finishes; the others are visible at once."""
        seen = []
        consumer = _consumer(sqs, resources, lambda body: None)

        def handle(body):
            seen.append(body)
            consumer.stop()

        consumer.handle = handle
        _send(sqs, resources, "a", "b", "c")
        report = consumer.poll_once()
        assert (report.succeeded, report.returned) == (1, 2)
        assert _consumer(sqs, resources, lambda body: None).poll_once().received == 2

    def test_run_leaves_when_stopped(self, sqs, resources):
        """The consumer's run loop returns once stop is called."""
        consumer = _consumer(sqs, resources, lambda body: None)
        consumer.wait_seconds = 1
        thread = threading.Thread(target=consumer.run)
        thread.start()
        consumer.stop()
        thread.join(timeout=30)
        assert not thread.is_alive()


class TestSqsConsumerReadiness:
    """`receiving` drives the service's readiness probe."""

    def test_receiving_until_the_queue_is_unreachable_or_stopping(self, sqs, resources):
        """A poll that cannot reach the queue, or a stop, makes it not receiving."""
        healthy = _consumer(sqs, resources, lambda body: None)
        assert healthy.receiving
        missing = SqsConsumer(
            client=sqs,
            queue_url=_url(sqs, resources.queue) + "-deleted",
            handle=lambda body: None,
            wait_seconds=0,
        )
        runner = threading.Thread(target=missing.run)
        runner.start()
        try:
            for _ in range(1200):  # bounded: a minute at most
                if not missing.receiving:
                    break
                threading.Event().wait(0.05)
        finally:
            missing.stop()
            runner.join(30)
        healthy.stop()
        assert (missing.receiving, healthy.receiving) == (False, False)
