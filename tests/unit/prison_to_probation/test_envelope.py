"""The SNS envelope and inner event parsers."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.prison_to_probation import (
    MalformedEventError,
    OffenderEvent,
    parse_envelope,
    parse_event,
)
from hmpps_workers.core.testing.prison_to_probation.world import envelope
from support import p2p_samples

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
)
FIXTURES = {
    "imprisonmentStatusChanged.json": ("IMPRISONMENT_STATUS-CHANGED", 0, 0),
    "externalMovement.json": ("EXTERNAL_MOVEMENT_RECORD-INSERTED", 0, 1),
    "bookingNumberChanged.json": ("BOOKING_NUMBER-CHANGED", 0, 0),
    "sentenceDatesChanged.json": ("SENTENCE_DATES-CHANGED", 0, 0),
    "confirmedReleaseDateChanged.json": ("CONFIRMED_RELEASE_DATE-CHANGED", 0, 0),
}


class TestParseEnvelope:
    """Routing key and message come from the SNS notification."""

    def test_routes_on_the_message_attribute_not_the_inner_event_type(self):
        """The SNS attribute `eventType` wins over the eventType inside Message."""
        body = json.loads(envelope("SENTENCE_DATES-CHANGED", bookingId=1))
        body["Message"] = json.dumps({"eventType": "SOMETHING-ELSE", "bookingId": 1})
        assert parse_envelope(json.dumps(body)).event_type == "SENTENCE_DATES-CHANGED"

    def test_keeps_the_inner_message_verbatim(self):
        """The Message string is stored exactly as received."""
        body = json.loads(envelope("X"))
        body["Message"] = '{ "bookingId" : 7,"odd":  "spacing" }'
        assert body["Message"] == parse_envelope(json.dumps(body)).message

    @pytest.mark.parametrize(
        ("body", "reason"),
        [
            ("not json", "SQS message body is not JSON"),
            ("[1, 2]", "SQS message body is not a JSON object"),
            ('{"MessageAttributes": {}}', "SNS envelope has no Message string"),
            ('{"Message": "{}"}', "SNS envelope has no eventType message attribute"),
            (
                '{"Message": "{}", "MessageAttributes": {"eventType": {"Value": 5}}}',
                "SNS envelope has no eventType message attribute",
            ),
        ],
    )
    def test_malformed_envelopes_are_rejected_with_a_named_reason(self, body, reason):
        """A broken envelope raises MalformedEventError naming what is wrong."""
        with pytest.raises(MalformedEventError) as raised:
            parse_envelope(body)
        assert reason == str(raised.value)

    @given(st.binary())
    def test_never_crashes_on_arbitrary_bytes(self, body):
        """Any bytes parse or raise MalformedEventError, nothing else."""
        with contextlib.suppress(MalformedEventError):
            parse_envelope(body)

    @given(JSON)
    def test_never_crashes_on_arbitrary_json(self, document):
        """Any JSON document parses or raises MalformedEventError."""
        body = {
            "Message": json.dumps(document),
            "MessageAttributes": {"eventType": {"Value": "X"}},
        }
        with contextlib.suppress(MalformedEventError):
            parse_event(parse_envelope(json.dumps(body)).message)

    @pytest.mark.parametrize("name", sorted(FIXTURES))
    def test_parses_every_fixture_of_the_original(self, shared_dir, name):
        """The original's SNS fixtures give the event type and sequence numbers."""
        path = shared_dir / "fixtures/prison-to-probation/messages" / name
        parsed = parse_envelope(path.read_bytes())
        event = parse_event(parsed.message)
        expected_type, expected_isc_seq, expected_movement_seq = FIXTURES[name]
        assert (expected_type, 1200835, expected_isc_seq, expected_movement_seq) == (
            parsed.event_type,
            event.booking_id,
            event.imprisonment_status_seq,
            event.movement_seq,
        )

    @pytest.mark.parametrize("name", sorted(FIXTURES))
    def test_parses_every_sample_of_the_project(self, name):
        """The project's own samples of the same events parse the same way."""
        event_type, fields = p2p_samples.EVENTS[name.removesuffix(".json")]
        body = json.dumps(p2p_samples.envelope(0, event_type, fields))
        parsed = parse_envelope(body.encode())
        event = parse_event(parsed.message)
        assert (parsed.event_type, event.booking_id) == (event_type, 1200835)


class TestParseEvent:
    """The inner event: bookingId required, sequences default to 0."""

    def test_missing_sequences_count_as_zero_as_in_the_original(self):
        """Gson filled missing numbers with 0; the end-to-end fixture relies on it."""
        assert OffenderEvent(booking_id=5) == parse_event('{"bookingId": 5}')

    def test_numbers_given_as_strings_are_accepted(self):
        """`"12"` reads as 12, as Gson did."""
        expected = OffenderEvent(booking_id=12, imprisonment_status_seq=3)
        assert expected == parse_event(
            '{"bookingId": "12", "imprisonmentStatusSeq": 3}'
        )

    @pytest.mark.parametrize(
        ("message", "reason"),
        [
            ("{}", "event has no bookingId"),
            ('{"bookingId": null}', "event has no bookingId"),
            ('{"bookingId": "abc"}', "event bookingId is not a whole number"),
            ('{"bookingId": "²"}', "event bookingId is not a whole number"),
            ('{"bookingId": 1.5}', "event bookingId is not a whole number"),
            ('{"bookingId": true}', "event bookingId is not a number"),
            ("nope", "event message is not JSON"),
        ],
    )
    def test_missing_or_non_numeric_booking_id_is_malformed(self, message, reason):
        """A message without a usable bookingId is refused, never booking 0."""
        with pytest.raises(MalformedEventError) as raised:
            parse_event(message)
        assert reason == str(raised.value)
