"""The prison-to-probation listener under SQS, SNS and HMPPS API faults (moto, fakes).

The service is wired as in production (DynamoDB store and lock, SQS consumer, the
httpx clients) against moto and the fake HMPPS APIs serving the original's mappings.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import attrs
import pytest

from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.runners.prison_to_probation.bootstrap import bootstrap, bootstrap_aws
from hmpps_workers.runners.prison_to_probation.config import P2pConfig
from support import aws
from support.hmpps import FIXTURES, hmpps_fakes

KEY_DATES = "/secure/offenders/nomsNumber/A5089DY/bookingNumber/38339A/custody/keyDates"


@pytest.fixture
def p2p(moto_url, samples_dir, monkeypatch):
    """The wired service on a clean moto and fresh fakes; a fake clock."""
    aws.reset(moto_url)
    for name, value in aws.aws_environment(moto_url).items():
        monkeypatch.setenv(name, value)
    with hmpps_fakes(samples_dir) as fakes:
        env = {
            **aws.aws_environment(moto_url),
            **fakes.environment(),
            "DYNAMODB_TABLENAME": "cp-message",
            "DYNAMODB_SCHEDULE_TABLENAME": "cp-schedule",
            "PRISONTOPROBATION_HOLD_BACK_DURATION": "0m",
            "HMPPS_API_TIMEOUT_SECONDS": "1",
            "HMPPS_API_MAX_RESPONSE_BYTES": str(256 * 1024),
        }
        config = P2pConfig.from_env(env)
        bootstrap_aws(config)
        clock = FakeClock(datetime.now(UTC))
        services = bootstrap(config, clock=clock, wait_seconds=0)
        services.consumer.error_visibility = (0,)
        # on the simulated clock: re-sent at once, the clock moved by the test
        services.consumer.redelivery = attrs.evolve(
            services.consumer.redelivery, time_scale=0
        )
        try:
            yield services, fakes, samples_dir, clock
        finally:
            services.close()


def _body(samples_dir, name="sentenceDatesChanged"):
    return (samples_dir / FIXTURES / "messages" / f"{name}.json").read_text()


def _url(services, name):
    return services.sqs.get_queue_url(QueueName=name)["QueueUrl"]


def _send(services, body):
    services.sqs.send_message(
        QueueUrl=_url(services, services.config.aws.queue), MessageBody=body
    )


def _depth(services, name):
    attributes = services.sqs.get_queue_attributes(
        QueueUrl=_url(services, name),
        AttributeNames=[
            "ApproximateNumberOfMessages",
            "ApproximateNumberOfMessagesNotVisible",
        ],
    )["Attributes"]
    return sum(int(v) for v in attributes.values())


def _drain(services, polls=6):
    for _ in range(polls):
        services.consumer.poll_once()


def _items(services, clock):
    return services.store.find_all(now=clock.now())


def _process(services, clock):
    clock.advance(timedelta(seconds=1))
    return services.pipeline.process_ready()


class TestRedelivery:
    """At-least-once delivery upstream, effect once downstream."""

    def test_sqs_redelivery_is_stored_once_and_updates_delius_once(
        self, p2p, fault_report
    ):
        """SQS redelivers the same message (5 deliveries)."""
        services, fakes, shared, clock = p2p
        for _ in range(5):
            _send(services, _body(shared))  # same SNS MessageId each time
            fault_report.injected += 1
        _drain(services)
        report = _process(services, clock)
        posts = len(fakes.community.calls("POST", KEY_DATES))
        items = _items(services, clock)
        fault_report.duplicated = max(len(items) - 1, 0) + max(posts - 1, 0)
        fault_report.lost = int(posts == 0)
        fault_report.outcome = f"{len(items)} item, {posts} key-dates update"
        assert (len(items), report.completed, posts) == (1, 1, 1)
        assert _depth(services, services.config.aws.queue) == 0

    def test_duplicate_sns_notifications_update_delius_once(self, p2p, fault_report):
        """Duplicate SNS messages: same event published twice (new MessageIds)."""
        services, fakes, shared, clock = p2p
        for n in range(3):
            body = json.loads(_body(shared))
            body["MessageId"] = f"republished-{n}"
            _send(services, json.dumps(body))
            fault_report.injected += 1
        _drain(services)
        report = _process(services, clock)
        posts = len(fakes.community.calls("POST", KEY_DATES))
        fault_report.duplicated = max(posts - 1, 0)
        fault_report.lost = int(posts == 0)
        fault_report.outcome = (
            f"{report.discarded} duplicates discarded by aggregation; {posts} update"
        )
        assert (report.completed, report.discarded, posts) == (1, 2, 1)

    def test_consumer_killed_after_storing_before_deleting(self, p2p, fault_report):
        """Consumer killed after storing, before deleting (3 times)."""
        services, fakes, shared, clock = p2p
        _send(services, _body(shared))
        for _ in range(3):  # receive and store, then die: no delete happens
            url = _url(services, services.config.aws.queue)
            received = services.sqs.receive_message(
                QueueUrl=url, AttributeNames=["All"], MaxNumberOfMessages=1
            )["Messages"]
            services.pipeline.receive(received[0]["Body"])
            services.sqs.change_message_visibility(  # its visibility runs out
                QueueUrl=url,
                ReceiptHandle=received[0]["ReceiptHandle"],
                VisibilityTimeout=0,
            )
            fault_report.injected += 1
        _drain(services, polls=2)
        _process(services, clock)
        posts = len(fakes.community.calls("POST", KEY_DATES))
        items = _items(services, clock)
        fault_report.duplicated = max(len(items) - 1, 0) + max(posts - 1, 0)
        fault_report.outcome = f"{len(items)} item, {posts} update, queue empty"
        assert (len(items), posts) == (1, 1)
        assert _depth(services, services.config.aws.queue) == 0


FAULTS = ["server-error", "unavailable", "slow", "html", "truncated", "oversized"]


class TestApiFaults:
    """HMPPS API failures: nothing lost, every failure named."""

    @pytest.mark.parametrize("failure", FAULTS)
    def test_prison_api_fault_while_validating_redelivers_then_stores(
        self, p2p, failure, fault_report, caplog
    ):
        """prison-api fault while validating."""
        services, fakes, shared, clock = p2p
        fault_report.fault += f": {failure}"
        fakes.prison.fail_next(failure)
        _send(services, _body(shared))
        first = services.consumer.poll_once()
        reasons = [r for r in (getattr(r, "reason", "") for r in caplog.records) if r]
        how = "re-sent"
        if failure == "oversized":  # a permanent refusal: parked at once
            services.queue_admin.retry_all()  # the 10-minute housekeeping
            how = "parked, redriven by housekeeping"
        _drain(services, polls=2)
        items = _items(services, clock)
        fault_report.injected = 1
        fault_report.lost = 1 - len(items)
        fault_report.outcome = f"{how} ({reasons[-1]}), then stored"
        expected = (0, 1) if failure == "oversized" else (1, 0)
        assert (first.redelivered, first.parked) == expected
        assert any("prison-api" in r for r in reasons)
        assert len(items) == 1

    @pytest.mark.parametrize("failure", FAULTS)
    @pytest.mark.parametrize("api", ["prison", "community"])
    def test_api_fault_while_processing_is_retried_not_lost(
        self, p2p, api, failure, fault_report
    ):
        """API fault while processing."""
        services, fakes, shared, clock = p2p
        fault_report.fault += f": {api}, {failure}"
        _send(services, _body(shared))
        _drain(services, polls=1)
        getattr(fakes, api).fail_next(failure)
        first = _process(services, clock)
        retry = services.pipeline.retry(services.config.tiers[0])
        posts = len(fakes.community.calls("POST", KEY_DATES))
        fault_report.injected = 1
        fault_report.lost = int(posts == 0)
        fault_report.outcome = "retried by the short tier, then completed"
        assert (first.retrying, retry.completed, posts >= 1) == (1, 1, True)


class TestOversizedMessage:
    """Oversized SQS bodies never reach the parser."""

    def test_message_over_the_cap_is_dead_lettered_with_the_reason(
        self, p2p, fault_report, caplog
    ):
        """SQS message body over the size cap."""
        services, _, _, clock = p2p
        _send(services, json.dumps({"Message": "x" * (70 * 1024)}))
        _drain(services, polls=4)
        fault_report.injected = 1
        dlq = _depth(services, services.config.aws.dlq)
        fault_report.lost = 1 - dlq
        reasons = {getattr(r, "reason", "") for r in caplog.records}
        fault_report.outcome = "dead-lettered: body over the cap"
        assert (dlq, _items(services, clock)) == (1, [])
        assert "message body is over 65536 bytes: refused" in reasons


class TestOutagesHealByThemselves:
    """An outage far past the queue's receive limit parks nothing."""

    @pytest.mark.parametrize("down", ["prison", "auth"])
    def test_two_hour_outage_parks_nothing_and_every_event_is_processed(
        self, p2p, down, fault_report
    ):
        """Two-hour outage on a simulated clock, an event every 10 minutes."""
        services, fakes, shared, clock = p2p
        fault_report.fault += f": {'prison-api' if down == 'prison' else 'HMPPS Auth'}"
        failure = "unavailable" if down == "prison" else "server-error"
        getattr(fakes, down).fail_next(failure, times=10_000)
        start, resent = clock.now(), 0
        while clock.now() - start < timedelta(hours=2):
            if (clock.now() - start) % timedelta(minutes=10) == timedelta(0):
                body = json.loads(_body(shared))
                body["MessageId"] = f"outage-{fault_report.injected}"
                _send(services, json.dumps(body))
                fault_report.injected += 1
            report = services.consumer.poll_once()
            resent += report.redelivered
            assert (report.parked, report.failed) == (0, 0)
            clock.advance(timedelta(minutes=5))
        getattr(fakes, down).heal()
        _drain(services, polls=3)
        items = _items(services, clock)
        processed = _process(services, clock)
        posts = len(fakes.community.calls("POST", KEY_DATES))
        parked = _depth(services, services.config.aws.dlq)
        fault_report.lost = fault_report.injected - len(items)
        fault_report.duplicated = max(posts - 1, 0)
        fault_report.outcome = (
            f"{resent} failed attempts re-sent (receive limit 3), {parked} parked;"
            f" {len(items)} stored after recovery, {posts} key-dates update"
        )
        assert (parked, len(items), posts) == (0, fault_report.injected, 1)
        assert (processed.completed, processed.discarded) == (1, len(items) - 1)
        assert _depth(services, services.config.aws.queue) == 0
