"""Quick start for prison to probation: a few bookings through the embedded pipeline.

Events shaped like the original's fixtures (the project's own data) go through
validation, the 60-minute hold-back, aggregation and one retry run, on SQLite with fake
prison-api, offender search and community-api; then each booking's outcome is printed.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import attrs

from hmpps_workers.core.prison_to_probation import (
    InterestedPrisons,
    Pipeline,
    PipelineSettings,
    StoredMessage,
    default_tiers,
)
from hmpps_workers.core.prison_to_probation.api import OffenderMatches
from hmpps_workers.core.testing import FakeClock
from hmpps_workers.core.testing.prison_to_probation.world import World, envelope
from hmpps_workers.runners.prison_to_probation.embedded import (
    embedded_pipeline,
    replay,
    sqlite_engine,
)
from hmpps_workers.runners.tables import print_table

LINKED, NO_MATCH, NO_KEY_DATES, INACTIVE = 1200835, 1200836, 1200837, 1200838
START = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)  # before the sample sentences end


def demo_world() -> World:
    """Four bookings: linked, no probation case, no key dates, inactive.

    The first links cleanly; the second has no probation case; the third is already
    linked but Delius has no custodial event for its key dates; the fourth booking
    is no longer active.
    """
    world = World()
    world.add_sentenced_prisoner(LINKED)
    world.add_sentenced_prisoner(NO_MATCH, offender_no="A0001AA", booking_no="1A")
    world.search.matches["A0001AA"] = OffenderMatches(matched_by="NOTHING")
    world.add_sentenced_prisoner(
        NO_KEY_DATES, offender_no="A0002AA", booking_no="2A", matched_by="HMPPS_KEY"
    )
    world.community_api.no_key_dates.add("A0002AA")
    world.add_sentenced_prisoner(INACTIVE, offender_no="A0003AA", booking_no="3A")
    booking = world.prison_api.bookings[INACTIVE]
    world.prison_api.bookings[INACTIVE] = attrs.evolve(booking, active_flag=False)
    return world


def demo_events() -> list[str]:
    """The SQS bodies the demo replays, in arrival order."""
    isc, dates = "IMPRISONMENT_STATUS-CHANGED", "SENTENCE_DATES-CHANGED"
    return [
        envelope(isc, bookingId=LINKED, nomisEventType="OFF_IMP_STAT_OASYS"),
        envelope("EXTERNAL_MOVEMENT_RECORD-INSERTED", bookingId=LINKED, movementSeq=1),
        envelope(dates, bookingId=LINKED, sentenceCalculationId=1),
        envelope(dates, bookingId=LINKED, sentenceCalculationId=2),
        envelope("CONFIRMED_RELEASE_DATE-CHANGED", bookingId=LINKED),
        envelope("BOOKING_NUMBER-CHANGED", bookingId=LINKED, offenderId=1),
        envelope(isc, bookingId=NO_MATCH),
        envelope(isc, bookingId=NO_KEY_DATES),
        envelope(isc, bookingId=INACTIVE),
        envelope("SOME_OTHER_MESSAGE"),
        '{"Message": "not an event"}',
    ]


def _rows(messages: list[StoredMessage]) -> list[list[str]]:
    return [
        [
            str(m.booking_id),
            m.event_type,
            m.status.value,
            str(m.retry_count),
            m.matching_crns or "",
            "processed" if m.processed else "will retry",
        ]
        for m in sorted(messages, key=lambda m: (m.booking_id, m.event_type))
    ]


def run_p2p_demo(database: str | None = None) -> int:
    """Replay the demo events and print each booking's outcome; 0 if as expected."""
    world = demo_world()
    clock = FakeClock(START)
    engine = sqlite_engine(database)
    pipeline: Pipeline = embedded_pipeline(
        engine,
        prison_api=world.prison_api,
        search=world.search,
        community_api=world.community_api,
        telemetry=world.telemetry,
        clock=clock,
        settings=PipelineSettings(
            hold_back=timedelta(minutes=60), prisons=InterestedPrisons()
        ),
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.jsonl"
        path.write_text("\n".join(demo_events()) + "\n", encoding="utf-8")
        received, rejected = replay(
            pipeline, path, between=lambda: clock.advance(timedelta(seconds=1))
        )
    stored = [r for r in received if r.stored_id]
    print(f"prison to probation: {len(received) + len(rejected)} events received,"
          f" {len(stored)} stored, {len(received) - len(stored)} ignored,"
          f" {len(rejected)} refused as malformed")  # fmt: skip
    for item in received:
        if item.reason:
            print(f"  ignored {item.event_type}: {item.reason}")
    for refused in rejected:
        print(f"  refused line {refused.line}: {refused.reason}")
    clock.advance(timedelta(minutes=61))
    first = pipeline.process_ready()
    clock.advance(timedelta(hours=1))
    retried = pipeline.retry(default_tiers()[0])
    print(f"after the hold-back: {first.processed} processed, {first.discarded}"
          f" superseded; hourly retry: {retried.processed} retried")  # fmt: skip
    messages = list(pipeline.store.find_all(now=clock.now()))
    print_table(
        ["booking", "event", "status", "retries", "CRNs", "state"], _rows(messages)
    )
    engine.dispose()
    statuses = {(m.booking_id, m.event_type): m.status.value for m in messages}
    expected = (
        statuses.get((LINKED, "IMPRISONMENT_STATUS-CHANGED")) == "COMPLETED"
        and statuses.get((NO_MATCH, "IMPRISONMENT_STATUS-CHANGED")) == "NO_MATCH"
        and first.discarded == 2  # noqa: PLR2004 - one duplicate, one key-dates twin
    )
    return 0 if expected else 1
