"""A small world of bookings for tests and the demo, shaped like the original fixtures.

The project's own data, written from the specification: one prisoner who matches one
probation case by sentence date (booking 1200835, as in the original end-to-end run),
plus helpers to build SNS envelopes for any event.
"""

from __future__ import annotations

import json
import uuid
from datetime import date

import attrs

from hmpps_workers.core.prison_to_probation.api import (
    Booking,
    Conviction,
    Movement,
    OffenderMatches,
    SentenceDetail,
    SentenceTerm,
)
from hmpps_workers.core.testing.prison_to_probation.apis import (
    FakeCommunityApi,
    FakeOffenderSearch,
    FakePrisonApi,
)
from hmpps_workers.core.testing.prison_to_probation.telemetry import (
    RecordingTelemetry,
)

BOOKING_ID = 1200835
OFFENDER_NO = "A5089DY"
BOOKING_NO = "38339A"
PRISON = "MDI"
CRN = "X142620"
OTHER_CRN = "X181002"
MERGED_NOMS = "A9999DY"
SENTENCE_START = date(2020, 2, 11)


def envelope(
    event_type: str, *, message_id: str | None = None, **fields: object
) -> str:
    """An SNS notification carrying an offender event, as SQS delivers it.

    Each call is a new notification (a fresh MessageId) unless `message_id` is given.
    """
    message = json.dumps({"eventType": event_type, **fields})
    return json.dumps(
        {
            "Type": "Notification",
            "MessageId": message_id or str(uuid.uuid4()),
            "Message": message,
            "MessageAttributes": {
                "eventType": {"Type": "String", "Value": event_type},
            },
        }
    )


def booking(
    booking_id: int = BOOKING_ID,
    *,
    offender_no: str = OFFENDER_NO,
    booking_no: str = BOOKING_NO,
    agency_id: str | None = PRISON,
    active: bool = True,
) -> Booking:
    """A booking with made-up personal fields."""
    return Booking(
        booking_id=booking_id,
        booking_no=booking_no,
        offender_no=offender_no,
        active_flag=active,
        agency_id=agency_id,
        location_description="Moorland (HMP & YOI)",
        first_name="Thaddeus",
        last_name="Wolstenholme",
        date_of_birth=date(1966, 4, 19),
        legal_status="SENTENCED",
    )


SENTENCE_DETAIL = SentenceDetail(
    sentence_start_date=SENTENCE_START,
    conditional_release_date=date(2022, 11, 26),
    licence_expiry_date=date(2025, 9, 10),
    sentence_expiry_date=date(2025, 9, 10),
    release_date=date(2022, 11, 26),
)
SENTENCE_TERMS = [
    SentenceTerm(start_date=SENTENCE_START, sentence_sequence=61),
    SentenceTerm(
        start_date=date(2020, 11, 21), consecutive_to=61, sentence_sequence=62
    ),
    SentenceTerm(start_date=date(2020, 1, 13), sentence_sequence=69),
]


@attrs.define
class World:
    """The four fake services, seeded together."""

    prison_api: FakePrisonApi = attrs.field(factory=FakePrisonApi)
    search: FakeOffenderSearch = attrs.field(factory=FakeOffenderSearch)
    community_api: FakeCommunityApi = attrs.field(factory=FakeCommunityApi)
    telemetry: RecordingTelemetry = attrs.field(factory=RecordingTelemetry)

    def add_sentenced_prisoner(
        self,
        booking_id: int = BOOKING_ID,
        *,
        offender_no: str = OFFENDER_NO,
        booking_no: str = BOOKING_NO,
        crns: tuple[str, ...] = (CRN, OTHER_CRN),
        matching_crn: str | None = CRN,
        matched_by: str = "EXTERNAL_KEY",
    ) -> None:
        """Seed a prisoner, a search result and convictions; one CRN fits the dates."""
        self.prison_api.bookings[booking_id] = booking(
            booking_id, offender_no=offender_no, booking_no=booking_no
        )
        self.prison_api.sentence_details[booking_id] = SENTENCE_DETAIL
        self.prison_api.sentence_terms[booking_id] = list(SENTENCE_TERMS)
        self.prison_api.movements[(booking_id, 1)] = Movement(
            offender_no=offender_no,
            movement_type="ADM",
            from_agency="ABRYCT",
            to_agency=PRISON,
            direction_code="IN",
        )
        self.prison_api.merged[booking_id] = [MERGED_NOMS]
        self.search.matches[offender_no] = OffenderMatches(
            matched_by=matched_by, crns=crns
        )
        for crn in crns:
            start = SENTENCE_START if crn == matching_crn else date(2019, 2, 11)
            self.community_api.convictions[crn] = [
                Conviction(sentence_start_date=start, custodial=True),
                Conviction(sentence_start_date=date(2018, 10, 31), custodial=False),
                Conviction(sentence_start_date=None, custodial=False),
            ]
        self.community_api.cases_by_noms.setdefault(MERGED_NOMS, [CRN])
