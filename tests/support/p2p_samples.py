"""The project's own prison-to-probation samples: SNS envelopes and API answers.

Written from the specification around the core's test world (booking 1200835, one
prisoner matching one probation case by sentence date, one merged NOMS number), in
the same layout as the original's fixtures (`messages/*.json` SNS notifications and
`api-responses/*.json` WireMock mappings), so the fake HTTP servers load either.
Only tests comparing with the original's artefacts need those; everything else
runs on these.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from hmpps_workers.core.testing.prison_to_probation import world as w

FIXTURES = "fixtures/prison-to-probation"
TOPIC = "arn:aws:sns:eu-west-2:000000000000:offender-events-samples"
OTHER_START = date(2019, 2, 11)

# name -> (event type, the event's own fields), one per kind the service handles
EVENTS: dict[str, tuple[str, dict[str, object]]] = {
    "imprisonmentStatusChanged": ("IMPRISONMENT_STATUS-CHANGED", {
        "eventDatetime": "2026-02-12T15:14:24.125533", "bookingId": w.BOOKING_ID,
        "nomisEventType": "OFF_IMP_STAT_OASYS"}),
    "externalMovement": ("EXTERNAL_MOVEMENT_RECORD-INSERTED", {
        "eventDatetime": "2026-01-13T11:33:23.790725", "bookingId": w.BOOKING_ID,
        "movementSeq": 1, "nomisEventType": "M1_RESULT"}),
    "sentenceDatesChanged": ("SENTENCE_DATES-CHANGED", {
        "eventDatetime": "2026-02-25T11:24:32.935401", "bookingId": w.BOOKING_ID,
        "sentenceCalculationId": 4242, "nomisEventType": "S2_RESULT"}),
    "confirmedReleaseDateChanged": ("CONFIRMED_RELEASE_DATE-CHANGED", {
        "eventDatetime": "2026-02-25T11:24:32.935401", "bookingId": w.BOOKING_ID,
        "nomisEventType": "CONFIRMED_RELEASE_DATE-CHANGED"}),
    "bookingNumberChanged": ("BOOKING_NUMBER-CHANGED", {
        "eventDatetime": "2026-02-25T10:48:26.606784", "offenderId": 4242,
        "bookingId": w.BOOKING_ID, "nomisEventType": "BOOK_UPD_OASYS",
        "previousBookingNumber": "10000A"}),
    "notAnExternalMovement": ("SOME_OTHER_MESSAGE", {}),
}  # fmt: skip


def envelope(index: int, event_type: str, fields: dict[str, object]) -> dict[str, Any]:
    """An SNS notification as the topic delivers it (raw delivery off)."""
    return {
        "Type": "Notification",
        "MessageId": f"00000000-0000-4000-8000-{index:012d}",
        "TopicArn": TOPIC,
        "Message": json.dumps({"eventType": event_type, **fields}),
        "Timestamp": "2026-02-25T11:25:00.000Z",
        "SignatureVersion": "1",
        "MessageAttributes": {
            "eventType": {"Type": "String", "Value": event_type},
            "contentType": {"Type": "String", "Value": "text/plain;charset=UTF-8"},
        },
    }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _mapping(method: str, url: str, body: object) -> dict[str, Any]:
    return {
        "request": {"method": method, "url": url},
        "response": {
            "status": 200,
            "headers": {"Content-Type": "application/json"},
            "jsonBody": body,
        },
    }


def _booking() -> dict[str, object]:
    booking = w.booking()
    return {
        "bookingId": booking.booking_id, "bookingNo": booking.booking_no,
        "offenderNo": booking.offender_no, "activeFlag": booking.active_flag,
        "agencyId": booking.agency_id,
        "locationDescription": booking.location_description,
        "firstName": booking.first_name, "lastName": booking.last_name,
        "dateOfBirth": _iso(booking.date_of_birth),
        "legalStatus": booking.legal_status, "recall": False,
    }  # fmt: skip


def _sentence_detail() -> dict[str, str | None]:
    detail = w.SENTENCE_DETAIL
    return {
        "sentenceStartDate": _iso(detail.sentence_start_date),
        "conditionalReleaseDate": _iso(detail.conditional_release_date),
        "licenceExpiryDate": _iso(detail.licence_expiry_date),
        "sentenceExpiryDate": _iso(detail.sentence_expiry_date),
        "releaseDate": _iso(detail.release_date),
    }


def _convictions(start: date) -> list[dict[str, object]]:
    custody = {"bookingNumber": w.BOOKING_NO, "status": {"code": "D"}}
    return [
        {"convictionId": 1, "active": True, "custody": custody,
         "sentence": {"description": "Determinate custody", "startDate": _iso(start)}},
        {"convictionId": 2, "active": True,
         "sentence": {"description": "Community order", "startDate": "2018-10-31"}},
        {"convictionId": 3, "active": True},
    ]  # fmt: skip


def _custody() -> dict[str, object]:
    return {
        "bookingNumber": w.BOOKING_NO,
        "institution": {"code": w.PRISON, "description": "A test prison"},
    }


def mappings() -> dict[str, dict[str, Any]]:
    """File name -> WireMock mapping, for every call the service makes on the world."""
    booking, noms, number = w.BOOKING_ID, w.OFFENDER_NO, w.BOOKING_NO
    custody_path = f"/secure/offenders/nomsNumber/{noms}/custody/bookingNumber"
    terms = [
        {"startDate": _iso(t.start_date), "consecutiveTo": t.consecutive_to,
         "sentenceSequence": t.sentence_sequence,
         "sentenceTypeDescription": "Determinate"}
        for t in w.SENTENCE_TERMS
    ]  # fmt: skip
    match = {
        "matchedBy": "EXTERNAL_KEY",
        "matches": [{"offender": {"otherIds": {"crn": crn}}}
                    for crn in (w.CRN, w.OTHER_CRN)],
    }  # fmt: skip
    ids = {"crn": w.CRN, "nomsNumber": noms}
    movement = {"offenderNo": noms, "movementType": "ADM", "fromAgency": "ABRYCT",
                "toAgency": w.PRISON, "directionCode": "IN"}  # fmt: skip
    return {
        "getBooking": _mapping("GET", f"/api/bookings/{booking}", _booking()),
        "getBookingIdentifiers": _mapping(
            "GET", f"/api/bookings/{booking}/identifiers",
            [{"type": "MERGED", "value": w.MERGED_NOMS}]),
        "getSentenceDetail": _mapping(
            "GET", f"/api/bookings/{booking}/sentenceDetail", _sentence_detail()),
        "getSentenceTerms": _mapping(
            "GET", f"/api/offender-sentences/booking/{booking}/sentenceTerms", terms),
        "getMovement": _mapping("GET", f"/api/bookings/{booking}/movement/1", movement),
        "getPrisoner": _mapping("GET", f"/api/prisoners?offenderNo={noms}", [
            {"offenderNo": noms, "latestLocation": w.booking().location_description,
             "convictedStatus": "Convicted"}]),
        "postMatch": _mapping("POST", "/match", match),
        "getConvictionMatching": _mapping(
            "GET", f"/secure/offenders/crn/{w.CRN}/convictions",
            _convictions(w.SENTENCE_START)),
        "getConvictionOther": _mapping(
            "GET", f"/secure/offenders/crn/{w.OTHER_CRN}/convictions",
            _convictions(OTHER_START)),
        "putOffenderNomsNumber": _mapping(
            "PUT", f"/secure/offenders/crn/{w.CRN}/nomsNumber", ids),
        "putMergedNomsNumber": _mapping(
            "PUT", f"/secure/offenders/nomsNumber/{w.MERGED_NOMS}/nomsNumber", [ids]),
        "putCustodyBookingNumber": _mapping("PUT", custody_path, _custody()),
        "putCustody": _mapping("PUT", f"{custody_path}/{number}", _custody()),
        "postKeyDates": _mapping(
            "POST",
            f"/secure/offenders/nomsNumber/{noms}/bookingNumber/{number}/custody/keyDates",
            _custody()),
    }  # fmt: skip


def write_samples(root: Path) -> Path:
    """Write messages and API answers under `root`, laid out as the original's."""
    folder = root / FIXTURES
    (folder / "messages").mkdir(parents=True, exist_ok=True)
    (folder / "api-responses").mkdir(parents=True, exist_ok=True)
    for index, (name, (event_type, fields)) in enumerate(EVENTS.items()):
        text = json.dumps(envelope(index, event_type, fields), indent=2)
        (folder / "messages" / f"{name}.json").write_text(text)
    for name, mapping in mappings().items():
        text = json.dumps(mapping, indent=2)
        (folder / "api-responses" / f"{name}.json").write_text(text)
    return root
