"""Fake prison-api, probation-offender-search and community-api: seeded, recording.

Each fake answers from what a test put in it, with the real services' 404 and 409
behaviour as the ports describe, records every call (method and arguments) in order,
and can be told to fail a method with any error, as a 5xx would.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from hmpps_workers.core.prison_to_probation.api import (
    Booking,
    BookingIdentifier,
    Conviction,
    Custody,
    KeyDatesNotFound,
    MatchRequest,
    Movement,
    OffenderIds,
    OffenderMatches,
    Prisoner,
    ReplaceCustodyKeyDates,
    SentenceDetail,
    SentenceTerm,
)
from hmpps_workers.core.prison_to_probation.errors import NotFoundError


@attrs.define
class _Recording:
    calls: list[tuple[str, tuple[object, ...]]] = attrs.field(
        factory=list, kw_only=True
    )
    failures: dict[str, Exception] = attrs.field(factory=dict, kw_only=True)

    def _call(self, method: str, *args: object) -> None:
        self.calls.append((method, args))
        if method in self.failures:
            raise self.failures[method]

    def fail(self, method: str, error: Exception) -> None:
        """Make every later call of `method` raise `error`."""
        self.failures[method] = error

    def heal(self) -> None:
        """Stop failing."""
        self.failures.clear()

    def count(self, method: str) -> int:
        """How many times `method` was called."""
        return sum(1 for name, _ in self.calls if name == method)

    def args(self, method: str) -> list[tuple[object, ...]]:
        """The arguments of every call of `method`, in order."""
        return [args for name, args in self.calls if name == method]


@attrs.define
class FakePrisonApi(_Recording):
    """prison-api; an unknown booking is a 404, which raises as the original's did."""

    bookings: dict[int, Booking] = attrs.field(factory=dict)
    sentence_details: dict[int, SentenceDetail] = attrs.field(factory=dict)
    sentence_terms: dict[int, list[SentenceTerm]] = attrs.field(factory=dict)
    movements: dict[tuple[int, int], Movement] = attrs.field(factory=dict)
    merged: dict[int, list[str]] = attrs.field(factory=dict)
    prisoners: dict[str, list[Prisoner]] = attrs.field(factory=dict)

    def get_booking(self, booking_id: int) -> Booking:
        """The seeded booking, or NotFoundError."""
        self._call("get_booking", booking_id)
        if booking_id not in self.bookings:
            raise NotFoundError(f"prison-api has no booking {booking_id}")
        return self.bookings[booking_id]

    def get_sentence_detail(self, booking_id: int) -> SentenceDetail:
        """The seeded sentence detail (empty when not seeded)."""
        self._call("get_sentence_detail", booking_id)
        return self.sentence_details.get(booking_id, SentenceDetail())

    def get_sentence_terms(self, booking_id: int) -> Sequence[SentenceTerm]:
        """The seeded terms."""
        self._call("get_sentence_terms", booking_id)
        return tuple(self.sentence_terms.get(booking_id, ()))

    def get_movement(self, booking_id: int, movement_seq: int) -> Movement | None:
        """The seeded movement, or None (404)."""
        self._call("get_movement", booking_id, movement_seq)
        return self.movements.get((booking_id, movement_seq))

    def get_merged_identifiers(self, booking_id: int) -> Sequence[BookingIdentifier]:
        """The seeded merged NOMS numbers."""
        self._call("get_merged_identifiers", booking_id)
        return tuple(
            BookingIdentifier(type="MERGED", value=value)
            for value in self.merged.get(booking_id, ())
        )

    def get_prisoners(self, offender_no: str) -> Sequence[Prisoner]:
        """The seeded prisoners (default: one with no PNC or CRO number)."""
        self._call("get_prisoners", offender_no)
        return tuple(
            self.prisoners.get(offender_no, [Prisoner(offender_no=offender_no)])
        )


@attrs.define
class FakeOffenderSearch(_Recording):
    """probation-offender-search; matches by NOMS number, else NOTHING."""

    matches: dict[str, OffenderMatches] = attrs.field(factory=dict)

    def match(self, request: MatchRequest) -> OffenderMatches:
        """The seeded result for the request's NOMS number."""
        self._call("match", request)
        return self.matches.get(
            request.noms_number, OffenderMatches(matched_by="NOTHING")
        )


@attrs.define
class FakeCommunityApi(_Recording):
    """community-api; custody writes succeed unless the NOMS number is 'missing'."""

    convictions: dict[str, list[Conviction]] = attrs.field(factory=dict)
    no_custody_event: set[str] = attrs.field(factory=set)
    no_location: set[str] = attrs.field(factory=set)
    no_key_dates: set[str] = attrs.field(factory=set)
    key_dates_not_found_body: str = "offender not found"
    cases_by_noms: dict[str, list[str]] = attrs.field(factory=dict)

    def get_convictions(self, crn: str) -> Sequence[Conviction]:
        """The seeded convictions."""
        self._call("get_convictions", crn)
        return tuple(self.convictions.get(crn, ()))

    def update_noms_number(self, crn: str, noms_number: str) -> OffenderIds:
        """Link the case to the NOMS number."""
        self._call("update_noms_number", crn, noms_number)
        self.cases_by_noms.setdefault(noms_number, [])
        if crn not in self.cases_by_noms[noms_number]:
            self.cases_by_noms[noms_number].append(crn)
        return OffenderIds(crn=crn, noms_number=noms_number)

    def update_booking_number(
        self, offender_no: str, *, sentence_start_date: str, booking_number: str
    ) -> Custody | None:
        """Set the book number on the custodial event, or None (404)."""
        self._call("update_booking_number", offender_no, sentence_start_date,
                   booking_number)  # fmt: skip
        if offender_no in self.no_custody_event:
            return None
        return Custody(booking_number=booking_number)

    def update_custody_location(
        self, offender_no: str, booking_no: str, *, prison_code: str
    ) -> Custody | None:
        """Move the custody to the prison, or None (404)."""
        self._call("update_custody_location", offender_no, booking_no, prison_code)
        if offender_no in self.no_location:
            return None
        return Custody(booking_number=booking_no, institution_description=prison_code)

    def replace_key_dates(
        self, offender_no: str, booking_no: str, key_dates: ReplaceCustodyKeyDates
    ) -> Custody | KeyDatesNotFound:
        """Replace the key dates, or a 404 with its body text."""
        self._call("replace_key_dates", offender_no, booking_no, key_dates)
        if offender_no in self.no_key_dates:
            return KeyDatesNotFound(body=self.key_dates_not_found_body)
        return Custody(booking_number=booking_no)

    def replace_noms_number(
        self, old_noms_number: str, new_noms_number: str
    ) -> Sequence[OffenderIds] | None:
        """Move the cases of the old NOMS number to the new one, or None (404)."""
        self._call("replace_noms_number", old_noms_number, new_noms_number)
        crns = self.cases_by_noms.pop(old_noms_number, None)
        if not crns:
            return None
        self.cases_by_noms.setdefault(new_noms_number, []).extend(crns)
        return tuple(OffenderIds(crn=crn, noms_number=new_noms_number) for crn in crns)
