"""Find the probation case (CRN) of a prisoner: section 6.1.1 of the specification.

Search by the booking's identity, keep the candidates with a custodial sentence that
started within seven days of the prison sentence, and decide: already linked, one clear
match (link it by setting the NOMS number), none, or too many.
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from hmpps_workers.core.prison_to_probation import telemetry as events
from hmpps_workers.core.prison_to_probation.api import Booking, MatchRequest
from hmpps_workers.core.prison_to_probation.errors import MissingPrisonerError
from hmpps_workers.core.prison_to_probation.interest import InterestedPrisons
from hmpps_workers.core.prison_to_probation.model import SynchroniseState
from hmpps_workers.core.prison_to_probation.outcomes import TryLater
from hmpps_workers.core.prison_to_probation.ports import (
    CommunityApi,
    OffenderSearch,
    PrisonApi,
    Telemetry,
)

SENTENCE_DATE_WINDOW = timedelta(days=7)
ALREADY_LINKED = frozenset({"ALL_SUPPLIED", "ALL_SUPPLIED_ALIAS", "HMPPS_KEY"})


@attrs.frozen(kw_only=True)
class Matched:
    """The prisoner's probation case."""

    offender_no: str
    crn: str


def join(crns: list[str] | tuple[str, ...]) -> str:
    """CRNs as the original stores and reports them: sorted, comma and space."""
    return ", ".join(sorted(crns))


def near(started: date, sentence_start: date) -> bool:
    """Within seven days either way, inclusive."""
    return abs(started - sentence_start) <= SENTENCE_DATE_WINDOW


@attrs.define
class OffenderMatcher:
    """Match a booking to one Delius offender, linking the NOMS number when clear."""

    prison_api: PrisonApi
    search: OffenderSearch
    community_api: CommunityApi
    telemetry: Telemetry
    prisons: InterestedPrisons = attrs.field(factory=InterestedPrisons)

    def match(self, booking: Booking, sentence_start: date) -> Matched | TryLater:
        """Return the CRN, or a TryLater saying why there is not exactly one."""
        prisoners = self.prison_api.get_prisoners(booking.offender_no)
        if not prisoners:
            raise MissingPrisonerError(
                f"prison-api has no prisoner for booking {booking.booking_id}"
            )
        prisoner = prisoners[0]
        result = self.search.match(
            MatchRequest(
                first_name=booking.first_name,
                surname=booking.last_name,
                date_of_birth=booking.date_of_birth,
                noms_number=booking.offender_no,
                pnc_number=prisoner.pnc_number,
                cro_number=prisoner.cro_number,
            )
        )
        # A CRN search returns twice counts once, as the original's set did.
        crns = list(dict.fromkeys(result.crns))
        filtered = [crn for crn in crns if self._sentenced_near(crn, sentence_start)]
        self.telemetry.track_event(
            events.OFFENDER_MATCH,
            {
                "offenderNo": booking.offender_no,
                "bookingNumber": booking.booking_no,
                "matchedBy": result.matched_by,
                "matches": str(len(crns)),
                "filtered_matches": str(len(filtered)),
                "crns": join(crns),
                "filtered_crns": join(filtered),
            },
        )
        if result.matched_by in ALREADY_LINKED and crns:
            return Matched(offender_no=booking.offender_no, crn=min(crns))
        return self._decide(booking, crns, filtered)

    def _decide(
        self, booking: Booking, crns: list[str], filtered: list[str]
    ) -> Matched | TryLater:
        if not filtered:
            self.telemetry.track_event(
                events.OFFENDER_NO_MATCH,
                {"offenderNo": booking.offender_no, "crns": join(crns)},
            )
            state = (
                SynchroniseState.NO_MATCH
                if not crns
                else SynchroniseState.NO_MATCH_WITH_SENTENCE_DATE
            )
            return TryLater(status=state, matching_crns=join(crns))
        if len(filtered) > 1:
            self.telemetry.track_event(
                events.OFFENDER_TOO_MANY_MATCHES,
                {"offenderNo": booking.offender_no, "filtered_crns": join(filtered)},
            )
            return TryLater(
                status=SynchroniseState.TOO_MANY_MATCHES, matching_crns=join(filtered)
            )
        if not self.prisons.includes(booking.agency_id):
            self.telemetry.track_event(
                events.CHANGE_IGNORED, {"reason": "Not at an interested prison"}
            )
            return TryLater(status=SynchroniseState.NOT_VALID)
        (crn,) = filtered
        self.community_api.update_noms_number(crn, booking.offender_no)
        self.telemetry.track_event(
            events.OFFENDER_NUMBER_SET,
            {
                "offenderNo": booking.offender_no,
                "bookingNumber": booking.booking_no,
                "crn": crn,
            },
        )
        return Matched(offender_no=booking.offender_no, crn=crn)

    def _sentenced_near(self, crn: str, sentence_start: date) -> bool:
        # Inactive custodial convictions count on purpose: they may be recalls.
        return any(
            near(conviction.sentence_start_date, sentence_start)
            for conviction in self.community_api.get_convictions(crn)
            if conviction.custodial and conviction.sentence_start_date is not None
        )
