"""Per-booking aggregation (section 5.2), including the key-dates merge."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs
from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.prison_to_probation import EventType, StoredMessage, plan
from hmpps_workers.core.prison_to_probation.aggregation import kind, plan_booking

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
ISC = EventType.IMPRISONMENT_STATUS_CHANGED
MOVE = EventType.EXTERNAL_MOVEMENT_RECORD_INSERTED
DATES = EventType.SENTENCE_DATES_CHANGED
RELEASE = EventType.CONFIRMED_RELEASE_DATE_CHANGED
BOOKING_NUMBER = EventType.BOOKING_NUMBER_CHANGED


def item(message_id, event_type, minutes=0, booking_id=1, retry_count=0):
    """A stored message created `minutes` after T0."""
    created = T0 + timedelta(minutes=minutes)
    return StoredMessage(
        id=message_id,
        booking_id=booking_id,
        event_type=str(event_type),
        message="{}",
        created_date=created,
        delete_by=created + timedelta(days=30),
        retry_count=retry_count,
    )


def ids(messages):
    """The ids, in order."""
    return [m.id for m in messages]


class TestPlanBooking:
    """One booking's messages."""

    def test_processes_in_priority_order(self):
        """A booking's messages are processed in the original priority order."""
        messages = [
            item("b", BOOKING_NUMBER),
            item("d", DATES),
            item("m", MOVE),
            item("i", ISC),
        ]
        assert ids(plan_booking(messages).to_process) == ["i", "m", "d", "b"]

    def test_newest_of_each_type_wins_even_over_retry_history(self):
        """The newest message of each type is kept, whatever the older one's retries."""
        older = item("old", ISC, minutes=0, retry_count=3)
        newer = item("new", ISC, minutes=5)
        result = plan_booking([older, newer])
        assert (ids(result.to_process), ids(result.to_discard)) == (["new"], ["old"])

    def test_sentence_and_release_date_changes_make_one_key_dates_update(self):
        """Sentence and release date changes are folded into one key dates update."""
        result = plan_booking([item("s", DATES, 1), item("r", RELEASE, 2)])
        assert (ids(result.to_process), ids(result.to_discard)) == (["r"], ["s"])

    def test_processed_messages_are_left_alone(self):
        """Messages already processed are neither processed nor discarded."""
        done = attrs.evolve(item("p", ISC), processed_date=T0)
        assert plan_booking([done]) == plan_booking([])


class TestPlan:
    """Many bookings."""

    def test_oldest_booking_first(self):
        """Bookings are planned oldest message first."""
        result = plan(
            [item("x", ISC, 9, booking_id=2), item("y", ISC, 1, booking_id=3)]
        )
        assert ids(result.to_process) == ["y", "x"]


MESSAGES = st.lists(
    st.builds(
        item,
        message_id=st.uuids().map(str),
        event_type=st.sampled_from([*EventType, "OTHER"]),
        minutes=st.integers(0, 5),
        booking_id=st.integers(1, 3),
        retry_count=st.integers(0, 12),
    ),
    max_size=20,
    unique_by=lambda m: m.id,
)


class TestAggregationProperties:
    """Rules that hold for any set of messages."""

    @given(MESSAGES, st.randoms())
    def test_result_does_not_depend_on_arrival_order(self, messages, random):
        """Shuffling the input never changes what is processed or discarded."""
        shuffled = list(messages)
        random.shuffle(shuffled)
        assert plan(shuffled) == plan(messages)

    @given(MESSAGES)
    def test_at_most_one_update_per_booking_and_kind(self, messages):
        """Duplicates never cause a second update of the same kind."""
        keys = [(m.booking_id, kind(m.event_type)) for m in plan(messages).to_process]
        assert len(set(keys)) == len(keys)

    @given(MESSAGES)
    def test_every_message_is_either_processed_or_discarded(self, messages):
        """Nothing is lost and nothing is counted twice."""
        result = plan(messages)
        assert sorted(ids(result.to_process) + ids(result.to_discard)) == sorted(
            ids(messages)
        )
