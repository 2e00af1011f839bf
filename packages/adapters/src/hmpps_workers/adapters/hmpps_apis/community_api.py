"""HttpCommunityApi and HttpOffenderSearch: Delius writes and the probation match.

Paths, methods and bodies are the original's (sections 8.3 and 8.4), with its 404 and
409 mappings: custody writes give None on 404, the key-date replace gives the 404's
body text back, the NOMS-number replace gives None on 404 or 409, and setting a NOMS
number on a CRN raises on every failure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs

from hmpps_workers.adapters.hmpps_apis.http import (
    ApiClient,
    ApiUnavailableError,
    iso_date,
    parse_date,
)
from hmpps_workers.core.prison_to_probation.api import (
    Conviction,
    Custody,
    KeyDatesNotFound,
    MatchRequest,
    OffenderIds,
    OffenderMatches,
    ReplaceCustodyKeyDates,
)

T = TypeVar("T")
_NOT_FOUND = frozenset({404})
_NOT_FOUND_OR_CONFLICT = frozenset({404, 409})


def _understood(service: str, operation: str) -> ApiUnavailableError:
    return ApiUnavailableError(f"{service} {operation} answer not understood")


def match_body(request: MatchRequest) -> dict[str, object]:
    """The POST /match body; absent values are JSON null, as Jackson sent them."""
    return {
        "firstName": request.first_name,
        "surname": request.surname,
        "dateOfBirth": iso_date(request.date_of_birth),
        "nomsNumber": request.noms_number,
        "activeSentence": request.active_sentence,
        "pncNumber": request.pnc_number,
        "croNumber": request.cro_number,
    }


def key_dates_body(key_dates: ReplaceCustodyKeyDates) -> dict[str, str | None]:
    """The replace-all key dates body: every field, null meaning remove."""
    return {
        "conditionalReleaseDate": iso_date(key_dates.conditional_release_date),
        "licenceExpiryDate": iso_date(key_dates.licence_expiry_date),
        "hdcEligibilityDate": iso_date(key_dates.hdc_eligibility_date),
        "paroleEligibilityDate": iso_date(key_dates.parole_eligibility_date),
        "sentenceExpiryDate": iso_date(key_dates.sentence_expiry_date),
        "expectedReleaseDate": iso_date(key_dates.expected_release_date),
        "postSentenceSupervisionEndDate": iso_date(
            key_dates.post_sentence_supervision_end_date
        ),
    }


def conviction_from_json(body: dict[str, Any]) -> Conviction:
    """Custodial when a `custody` object is present; the sentence's start date."""
    sentence = body.get("sentence") or {}
    return Conviction(
        sentence_start_date=parse_date(sentence.get("startDate")),
        custodial=body.get("custody") is not None,
        active=bool(body.get("active", True)),
    )


def custody_from_json(body: dict[str, Any]) -> Custody:
    """The custodial event a write touched."""
    institution = body.get("institution") or {}
    return Custody(
        booking_number=body.get("bookingNumber"),
        institution_description=institution.get("description"),
    )


def ids_from_json(body: dict[str, Any]) -> OffenderIds:
    """A probation case's identifiers."""
    return OffenderIds(crn=str(body["crn"]), noms_number=body.get("nomsNumber"))


@attrs.define
class HttpOffenderSearch:
    """probation-offender-search POST /match."""

    api: ApiClient

    def ping(self) -> dict[str, object]:
        """The service's `/health/ping` status (raises if it is down)."""
        return {"HttpStatus": self.api.ping()}

    def match(self, request: MatchRequest) -> OffenderMatches:
        """Ask for the probation cases matching the prisoner."""
        response = self.api.request("POST", "/match", "match", json=match_body(request))
        body = self.api.json(response, "match")
        try:
            return OffenderMatches(
                matched_by=str(body.get("matchedBy") or "NOTHING"),
                crns=tuple(
                    str(m["offender"]["otherIds"]["crn"])
                    for m in body.get("matches") or ()
                ),
            )
        except (KeyError, TypeError, AttributeError):
            raise _understood(self.api.service, "match") from None


@attrs.define
class HttpCommunityApi:
    """community-api's custody endpoints."""

    api: ApiClient

    def ping(self) -> dict[str, object]:
        """The service's `/health/ping` status (raises if it is down)."""
        return {"HttpStatus": self.api.ping()}

    def _parsed(self, operation: str, build: Callable[[Any], T], body: Any) -> T:  # noqa: ANN401
        try:
            return build(body)
        except (KeyError, TypeError, AttributeError, ValueError):
            raise _understood(self.api.service, operation) from None

    def get_convictions(self, crn: str) -> Sequence[Conviction]:
        """GET /secure/offenders/crn/{crn}/convictions."""
        path = f"/secure/offenders/crn/{crn}/convictions"
        body = self.api.json(self.api.request("GET", path, "get convictions"),
                             "get convictions")  # fmt: skip
        return self._parsed(
            "get convictions", lambda b: tuple(map(conviction_from_json, b)), body
        )

    def update_noms_number(self, crn: str, noms_number: str) -> OffenderIds:
        """PUT /secure/offenders/crn/{crn}/nomsNumber; every failure raises."""
        path = f"/secure/offenders/crn/{crn}/nomsNumber"
        response = self.api.request("PUT", path, "set NOMS number",
                                    json={"nomsNumber": noms_number})  # fmt: skip
        body = self.api.json(response, "set NOMS number")
        return self._parsed("set NOMS number", ids_from_json, body)

    def _custody(
        self, method: str, path: str, operation: str, body: object
    ) -> Custody | None:
        response = self.api.request(method, path, operation, json=body,
                                    allow=_NOT_FOUND)  # fmt: skip
        if response.status_code in _NOT_FOUND:
            return None
        answer = self.api.json(response, operation)
        return self._parsed(operation, custody_from_json, answer)

    def update_booking_number(
        self, offender_no: str, *, sentence_start_date: str, booking_number: str
    ) -> Custody | None:
        """PUT …/nomsNumber/{noms}/custody/bookingNumber; None on 404."""
        return self._custody(
            "PUT",
            f"/secure/offenders/nomsNumber/{offender_no}/custody/bookingNumber",
            "set book number",
            {"sentenceStartDate": sentence_start_date, "bookingNumber": booking_number},
        )

    def update_custody_location(
        self, offender_no: str, booking_no: str, *, prison_code: str
    ) -> Custody | None:
        """PUT …/custody/bookingNumber/{bookingNo}; None on 404."""
        return self._custody(
            "PUT",
            f"/secure/offenders/nomsNumber/{offender_no}/custody/bookingNumber/"
            f"{booking_no}",
            "set custody location",
            {"nomsPrisonInstitutionCode": prison_code},
        )

    def replace_key_dates(
        self, offender_no: str, booking_no: str, key_dates: ReplaceCustodyKeyDates
    ) -> Custody | KeyDatesNotFound:
        """POST …/custody/keyDates; a 404 comes back with its body text."""
        path = (
            f"/secure/offenders/nomsNumber/{offender_no}/bookingNumber/{booking_no}"
            "/custody/keyDates"
        )
        response = self.api.request("POST", path, "replace key dates",
                                    json=key_dates_body(key_dates),
                                    allow=_NOT_FOUND)  # fmt: skip
        if response.status_code in _NOT_FOUND:
            return KeyDatesNotFound(body=response.text)
        answer = self.api.json(response, "replace key dates")
        return self._parsed("replace key dates", custody_from_json, answer)

    def replace_noms_number(
        self, old_noms_number: str, new_noms_number: str
    ) -> Sequence[OffenderIds] | None:
        """PUT /secure/offenders/nomsNumber/{old}/nomsNumber; None on 404 or 409."""
        path = f"/secure/offenders/nomsNumber/{old_noms_number}/nomsNumber"
        response = self.api.request("PUT", path, "replace NOMS number",
                                    json={"nomsNumber": new_noms_number},
                                    allow=_NOT_FOUND_OR_CONFLICT)  # fmt: skip
        if response.status_code in _NOT_FOUND_OR_CONFLICT:
            return None
        body = self.api.json(response, "replace NOMS number")
        return self._parsed(
            "replace NOMS number", lambda b: tuple(map(ids_from_json, b)), body
        )
