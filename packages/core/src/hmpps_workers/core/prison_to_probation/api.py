"""The shapes the pipeline reads from and sends to prison-api, search and community-api.

Only the fields the original deserialised are here. Names, dates of birth and other
personal fields are left out of reprs so they can never reach a log by accident.
"""

from __future__ import annotations

from datetime import date

import attrs


@attrs.frozen(kw_only=True)
class Booking:
    """prison-api GET /api/bookings/{bookingId}?basicInfo=false&extraInfo=true."""

    booking_id: int
    booking_no: str
    offender_no: str
    active_flag: bool
    agency_id: str | None = None
    location_description: str | None = None
    first_name: str = attrs.field(default="", repr=False)
    last_name: str = attrs.field(default="", repr=False)
    date_of_birth: date | None = attrs.field(default=None, repr=False)
    recall: bool | None = None
    legal_status: str | None = None


@attrs.frozen(kw_only=True)
class SentenceDetail:
    """prison-api GET /api/bookings/{bookingId}/sentenceDetail (the fields used)."""

    sentence_start_date: date | None = None
    confirmed_release_date: date | None = None
    conditional_release_date: date | None = None
    conditional_release_override_date: date | None = None
    licence_expiry_date: date | None = None
    parole_eligibility_date: date | None = None
    sentence_expiry_date: date | None = None
    topup_supervision_expiry_date: date | None = None
    release_date: date | None = None
    home_detention_curfew_eligibility_date: date | None = None


@attrs.frozen(kw_only=True)
class SentenceTerm:
    """One element of GET /api/offender-sentences/booking/{bookingId}/sentenceTerms."""

    start_date: date | None = None
    consecutive_to: int | None = None
    sentence_sequence: int | None = None
    sentence_type_description: str | None = None


@attrs.frozen(kw_only=True)
class Movement:
    """prison-api GET /api/bookings/{bookingId}/movement/{movementSeq}."""

    offender_no: str
    movement_type: str | None = None
    from_agency: str | None = None
    to_agency: str | None = None
    direction_code: str | None = None


@attrs.frozen(kw_only=True)
class Prisoner:
    """The first element of prison-api GET /api/prisoners?offenderNo={offenderNo}."""

    offender_no: str
    pnc_number: str | None = attrs.field(default=None, repr=False)
    cro_number: str | None = attrs.field(default=None, repr=False)
    latest_location: str | None = None
    convicted_status: str | None = None


@attrs.frozen(kw_only=True)
class BookingIdentifier:
    """One element of GET /api/bookings/{bookingId}/identifiers?type=MERGED."""

    type: str
    value: str


@attrs.frozen(kw_only=True)
class MatchRequest:
    """The body of probation-offender-search POST /match."""

    first_name: str = attrs.field(repr=False)
    surname: str = attrs.field(repr=False)
    date_of_birth: date | None = attrs.field(repr=False)
    noms_number: str
    pnc_number: str | None = attrs.field(default=None, repr=False)
    cro_number: str | None = attrs.field(default=None, repr=False)
    active_sentence: bool = True


@attrs.frozen(kw_only=True)
class OffenderMatches:
    """The response of POST /match: how it matched, and each match's CRN."""

    matched_by: str
    crns: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Conviction:
    """One element of community-api GET /secure/offenders/crn/{crn}/convictions."""

    sentence_start_date: date | None = None
    custodial: bool = False
    active: bool = True


@attrs.frozen(kw_only=True)
class OffenderIds:
    """community-api IDs: the CRN and NOMS number of a probation case."""

    crn: str
    noms_number: str | None = None


@attrs.frozen(kw_only=True)
class Custody:
    """community-api Custody: the custodial event a write touched."""

    booking_number: str | None = None
    institution_description: str | None = None


@attrs.frozen(kw_only=True)
class KeyDatesNotFound:
    """community-api answered 404 to a key-dates replace; `body` is its text."""

    body: str = ""


@attrs.frozen(kw_only=True)
class ReplaceCustodyKeyDates:
    """The body of POST …/custody/keyDates: the whole set; None removes a date."""

    conditional_release_date: date | None = None
    licence_expiry_date: date | None = None
    hdc_eligibility_date: date | None = None
    parole_eligibility_date: date | None = None
    sentence_expiry_date: date | None = None
    expected_release_date: date | None = None
    post_sentence_supervision_end_date: date | None = None

    @classmethod
    def from_sentence_detail(cls, detail: SentenceDetail) -> ReplaceCustodyKeyDates:
        """Map NOMIS sentence dates to Delius key dates (ACR, LED, HDE, PED, SED, ...).

        The override conditional release date wins, and the expected release date is
        the confirmed release date, never `releaseDate`.
        """
        return cls(
            conditional_release_date=detail.conditional_release_override_date
            or detail.conditional_release_date,
            licence_expiry_date=detail.licence_expiry_date,
            hdc_eligibility_date=detail.home_detention_curfew_eligibility_date,
            parole_eligibility_date=detail.parole_eligibility_date,
            sentence_expiry_date=detail.sentence_expiry_date,
            expected_release_date=detail.confirmed_release_date,
            post_sentence_supervision_end_date=detail.topup_supervision_expiry_date,
        )
