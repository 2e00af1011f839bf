"""HttpPrisonApi: the PrisonApi port on prison-api's REST endpoints (section 8.2)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs

from hmpps_workers.adapters.hmpps_apis.http import (
    ApiClient,
    ApiUnavailableError,
    parse_date,
)
from hmpps_workers.core.prison_to_probation.api import (
    Booking,
    BookingIdentifier,
    Movement,
    Prisoner,
    SentenceDetail,
    SentenceTerm,
)

T = TypeVar("T")
_NOT_FOUND = frozenset({404})


def _parse(operation: str, build: Callable[[Any], T], body: Any) -> T:  # noqa: ANN401
    try:
        return build(body)
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ApiUnavailableError(
            f"prison-api {operation} answer not understood"
        ) from None


def _present(body: dict[str, Any], field: str) -> str:
    # The original's Kotlin class made names and date of birth non-null, so a booking
    # without them failed to parse (and the attempt was retried) rather than sending
    # empty values to /match.
    value = body.get(field)
    if not isinstance(value, str) or not value.strip():
        raise KeyError(field)
    return value


def booking_from_json(body: dict[str, Any]) -> Booking:
    """A booking from GET /api/bookings/{id}; names and date of birth are required."""
    return Booking(
        booking_id=int(body["bookingId"]),
        booking_no=str(body["bookingNo"]),
        offender_no=str(body["offenderNo"]),
        active_flag=bool(body["activeFlag"]),
        agency_id=body.get("agencyId"),
        location_description=body.get("locationDescription"),
        first_name=_present(body, "firstName"),
        last_name=_present(body, "lastName"),
        date_of_birth=parse_date(_present(body, "dateOfBirth")),
        recall=body.get("recall"),
        legal_status=body.get("legalStatus"),
    )


def sentence_detail_from_json(body: dict[str, Any]) -> SentenceDetail:
    """The ten sentence dates the original deserialised."""
    return SentenceDetail(
        **{
            field.name: parse_date(body.get(_camel(field.name)))
            for field in attrs.fields(SentenceDetail)
        }
    )


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def sentence_term_from_json(body: dict[str, Any]) -> SentenceTerm:
    """One sentence term."""
    return SentenceTerm(
        start_date=parse_date(body.get("startDate")),
        consecutive_to=body.get("consecutiveTo"),
        sentence_sequence=body.get("sentenceSequence"),
        sentence_type_description=body.get("sentenceTypeDescription"),
    )


def movement_from_json(body: dict[str, Any]) -> Movement:
    """One movement."""
    return Movement(
        offender_no=str(body["offenderNo"]),
        movement_type=body.get("movementType"),
        from_agency=body.get("fromAgency"),
        to_agency=body.get("toAgency"),
        direction_code=body.get("directionCode"),
    )


def prisoner_from_json(body: dict[str, Any]) -> Prisoner:
    """One prisoner search result."""
    return Prisoner(
        offender_no=str(body["offenderNo"]),
        pnc_number=body.get("pncNumber"),
        cro_number=body.get("croNumber"),
        latest_location=body.get("latestLocation"),
        convicted_status=body.get("convictedStatus"),
    )


@attrs.define
class HttpPrisonApi:
    """prison-api, with the original's 404 mapping (only movements tolerate it)."""

    api: ApiClient

    def ping(self) -> dict[str, object]:
        """The service's `/health/ping` status (raises if it is down)."""
        return {"HttpStatus": self.api.ping()}

    def _get(self, path: str, operation: str, **params: str) -> Any:  # noqa: ANN401
        response = self.api.request("GET", path, operation, params=params or None)
        return self.api.json(response, operation)

    def get_booking(self, booking_id: int) -> Booking:
        """GET /api/bookings/{id}?basicInfo=false&extraInfo=true."""
        body = self._get(f"/api/bookings/{booking_id}", "get booking",
                         basicInfo="false", extraInfo="true")  # fmt: skip
        return _parse("get booking", booking_from_json, body)

    def get_sentence_detail(self, booking_id: int) -> SentenceDetail:
        """GET /api/bookings/{id}/sentenceDetail."""
        body = self._get(f"/api/bookings/{booking_id}/sentenceDetail",
                         "get sentence detail")  # fmt: skip
        return _parse("get sentence detail", sentence_detail_from_json, body)

    def get_sentence_terms(self, booking_id: int) -> Sequence[SentenceTerm]:
        """GET /api/offender-sentences/booking/{id}/sentenceTerms."""
        body = self._get(
            f"/api/offender-sentences/booking/{booking_id}/sentenceTerms",
            "get sentence terms",
        )
        return _parse(
            "get sentence terms",
            lambda b: tuple(sentence_term_from_json(t) for t in b),
            body,
        )

    def get_movement(self, booking_id: int, movement_seq: int) -> Movement | None:
        """GET /api/bookings/{id}/movement/{seq}; None on 404."""
        response = self.api.request(
            "GET",
            f"/api/bookings/{booking_id}/movement/{movement_seq}",
            "get movement",
            allow=_NOT_FOUND,
        )
        if response.status_code in _NOT_FOUND:
            return None
        body = self.api.json(response, "get movement")
        return _parse("get movement", movement_from_json, body)

    def get_merged_identifiers(self, booking_id: int) -> Sequence[BookingIdentifier]:
        """GET /api/bookings/{id}/identifiers?type=MERGED."""
        body = self._get(f"/api/bookings/{booking_id}/identifiers",
                         "get identifiers", type="MERGED")  # fmt: skip
        return _parse(
            "get identifiers",
            lambda b: tuple(
                BookingIdentifier(type=str(i["type"]), value=str(i["value"])) for i in b
            ),
            body,
        )

    def get_prisoners(self, offender_no: str) -> Sequence[Prisoner]:
        """GET /api/prisoners?offenderNo={offenderNo}."""
        body = self._get("/api/prisoners", "get prisoners", offenderNo=offender_no)
        return _parse(
            "get prisoners", lambda b: tuple(prisoner_from_json(p) for p in b), body
        )
