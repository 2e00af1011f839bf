"""Two schedulers whose clocks disagree by 30 seconds share the DynamoDB lease lock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs
import pytest

from hmpps_workers.adapters.aws.clients import AwsSettings, dynamodb_client
from hmpps_workers.adapters.aws.dynamodb_lock import DynamoDbLock
from hmpps_workers.adapters.aws.p2p_resources import P2pResources, bootstrap
from hmpps_workers.core.prison_to_probation import Pipeline, PipelineSettings
from hmpps_workers.core.prison_to_probation.model import StoredMessage
from hmpps_workers.core.prison_to_probation.outcomes import Done
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.prison_to_probation import InMemoryMessageStore
from support import aws

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BOOKINGS = 80
STEP = timedelta(seconds=20)  # one message's processing time


@attrs.define
class SkewedClock:
    """Another host's clock: the shared time plus a fixed error."""

    source: FakeClock
    offset: timedelta

    def now(self) -> datetime:
        """Shared time, off by `offset`."""
        return self.source.now() + self.offset


@attrs.define
class Host:
    """One scheduler's view: which bookings it is processing right now."""

    name: str
    active: set[int] = attrs.field(factory=set)
    processed: list[int] = attrs.field(factory=list)
    pipeline: Pipeline | None = None
    during: object = None  # called mid-message: the other host's scheduler tick

    def process(self, message: StoredMessage) -> Done:
        """Take a while, letting the other host's scheduler fire meanwhile."""
        self.active.add(message.booking_id)
        self.processed.append(message.booking_id)
        try:
            clock = self.pipeline.clock.source  # type: ignore[union-attr]
            clock.advance(STEP / 2)
            if callable(self.during):
                self.during()
            clock.advance(STEP / 2)
        finally:
            self.active.discard(message.booking_id)
        return Done()


@pytest.fixture
def lock(moto_url, monkeypatch):
    """The real DynamoDB lock on a fresh schedule table."""
    aws.reset(moto_url)
    for name, value in aws.aws_environment(moto_url).items():
        monkeypatch.setenv(name, value)
    settings = AwsSettings()
    client = dynamodb_client(settings, session=aws.session())
    created = P2pResources()
    bootstrap(
        attrs.evolve(created, indexes=False),
        dynamodb=client,
        sqs=aws.session().client("sqs"),
        sns=aws.session().client("sns"),
    )
    return DynamoDbLock(client, created.schedule_table)


def _store() -> InMemoryMessageStore:
    store = InMemoryMessageStore()
    for booking_id in range(1, BOOKINGS + 1):
        store.add(
            StoredMessage(
                id=f"item-{booking_id}",
                booking_id=booking_id,
                event_type="SENTENCE_DATES-CHANGED",
                message="{}",
                created_date=START - timedelta(hours=1),
                delete_by=START + timedelta(days=30),
            )
        )
    return store


def _race(lock, skew: timedelta, margin: timedelta) -> tuple[int, int, int]:
    """Host A runs a long batch; B's scheduler fires mid-message. (ticks, overlaps, runs)."""
    shared = FakeClock(START)
    store = _store()
    settings = PipelineSettings(
        hold_back=timedelta(0), batch_size=BOOKINGS, lock_margin=margin
    )
    a, b = Host("a"), Host("b")
    for host, offset in ((a, timedelta(0)), (b, skew)):
        host.pipeline = Pipeline(
            store=store, lock=lock, prison_api=None,  # type: ignore[arg-type]
            processor=host, clock=SkewedClock(shared, offset),  # type: ignore[arg-type]
            owner=f"host-{host.name}", settings=settings,
        )  # fmt: skip
    ticks = overlaps = 0

    def b_tick() -> None:
        nonlocal ticks, overlaps
        ticks += 1
        before = len(b.processed)
        b.pipeline.process_ready()  # type: ignore[union-attr]
        if len(b.processed) > before:
            overlaps += 1

    a.during = b_tick
    runs = 0
    while store.find_ready(created_before=shared.now(), now=shared.now(), limit=1):
        a.pipeline.process_ready()  # type: ignore[union-attr]
        runs += 1
    return ticks, overlaps, runs


class TestClockSkew:
    """The lease lock holds across hosts whose clocks disagree."""

    @pytest.mark.parametrize("skew", [timedelta(seconds=30), timedelta(seconds=-30)])
    def test_two_schedulers_30_seconds_apart_never_process_at_once(
        self, lock, skew, fault_report
    ):
        """Two schedulers with clocks 30 s apart, one lease lock (DynamoDB)."""
        ticks, overlaps, runs = _race(lock, skew, PipelineSettings().lock_margin)
        fault_report.fault += f" (B {int(skew.total_seconds()):+d} s)"
        fault_report.injected = ticks
        fault_report.duplicated = overlaps
        fault_report.outcome = (
            f"{ticks} ticks of B during A's runs, all skipped; A stopped each batch"
            f" before its lease ended ({runs} runs for {BOOKINGS} bookings)"
        )
        assert overlaps == 0
        assert runs > 1

    def test_without_the_margin_the_faster_clock_would_steal_the_lease(self, lock):
        """The margin is what holds: with none, B (30 s ahead) takes over mid-message."""
        _, overlaps, _ = _race(lock, timedelta(seconds=30), timedelta(0))
        assert overlaps > 0
