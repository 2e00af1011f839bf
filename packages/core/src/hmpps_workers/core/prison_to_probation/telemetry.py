"""The custom event names and property shapes of section 10.2, in one place."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import attrs

from hmpps_workers.core.prison_to_probation.api import Booking, SentenceDetail
from hmpps_workers.core.prison_to_probation.ports import Telemetry

NOT_PRESENT = "not present"

EXTERNAL_MOVEMENT = "P2PExternalMovement"
TRANSFER_IGNORED = "P2PTransferIgnored"
TRANSFER_UPDATED = "P2PTransferProbationUpdated"
TRANSFER_NOT_FOUND = "P2PTransferProbationRecordNotFound"
OFFENDER_MATCH = "P2POffenderMatch"
OFFENDER_NUMBER_SET = "P2POffenderNumberSet"
OFFENDER_NO_MATCH = "P2POffenderNoMatch"
OFFENDER_TOO_MANY_MATCHES = "P2POffenderTooManyMatches"
CHANGE_IGNORED = "P2PChangeIgnored"
NOT_SEQUENCE_ZERO = "P2PImprisonmentStatusNotSequenceZero"
NO_SENTENCE_START_DATE = "P2PImprisonmentStatusNoSentenceStartDate"
STATUS_IGNORED = "P2PImprisonmentStatusIgnored"
BOOKING_NUMBER_NOT_ASSIGNED = "P2PBookingNumberNotAssigned"
LOCATION_NOT_UPDATED = "P2PLocationNotUpdated"
KEY_DATES_NOT_UPDATED = "P2PKeyDatesNotUpdated"
STATUS_UPDATED = "P2PImprisonmentStatusUpdated"
SENTENCE_DATES_CHANGED = "P2PSentenceDatesChanged"
SENTENCE_DATES_NOT_FOUND = "P2PSentenceDatesRecordNotFound"
SENTENCE_DATES_IGNORED = "P2PSentenceDatesChangeIgnored"
BOOKING_NUMBER_CHANGED = "P2PBookingNumberChanged"
BOOKING_NUMBER_CHANGED_NOT_FOUND = "P2PBookingNumberChangedOffenderNotFound"


def iso(value: date | None) -> str:
    """An ISO date, or the original's "not present"."""
    return NOT_PRESENT if value is None else value.isoformat()


def booking_attributes(booking: Booking) -> dict[str, str]:
    """offenderNo, bookingNumber and agencyId: ids only, never names."""
    return {
        "offenderNo": booking.offender_no,
        "bookingNumber": booking.booking_no,
        "agencyId": booking.agency_id or NOT_PRESENT,
    }


def sentence_dates(detail: SentenceDetail) -> dict[str, str]:
    """The nine sentence dates the sentence-date events carry."""
    return {
        "sentenceStartDate": iso(detail.sentence_start_date),
        "confirmedReleaseDate": iso(detail.confirmed_release_date),
        "conditionalReleaseDate": iso(detail.conditional_release_date),
        "conditionalReleaseOverrideDate": iso(detail.conditional_release_override_date),
        "licenceExpiryDate": iso(detail.licence_expiry_date),
        "paroleEligibilityDate": iso(detail.parole_eligibility_date),
        "sentenceExpiryDate": iso(detail.sentence_expiry_date),
        "topupSupervisionExpiryDate": iso(detail.topup_supervision_expiry_date),
        "releaseDate": iso(detail.release_date),
    }


@attrs.define
class WithProperties:
    """A telemetry port that adds fixed properties to every event it passes on."""

    inner: Telemetry
    extra: Mapping[str, str]

    def track_event(self, name: str, properties: Mapping[str, str]) -> None:
        """Pass the event on with the extra properties added."""
        self.inner.track_event(name, {**properties, **self.extra})
