"""IMPRISONMENT_STATUS-CHANGED: the matching state machine of section 6.1.

Stages run in order and each either continues or ends the attempt: significant change,
sentence detail, latest primary sentence start, active booking, match to Delius,
interested prison, book number, location, key dates, completed. Nothing about progress
is stored; a retry starts again at the top, which is safe because every Delius write
is idempotent and an already-linked case skips the NOMS number write.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import attrs

from hmpps_workers.core.prison_to_probation import telemetry as events
from hmpps_workers.core.prison_to_probation.api import (
    Booking,
    KeyDatesNotFound,
    ReplaceCustodyKeyDates,
    SentenceDetail,
    SentenceTerm,
)
from hmpps_workers.core.prison_to_probation.envelope import OffenderEvent
from hmpps_workers.core.prison_to_probation.interest import InterestedPrisons
from hmpps_workers.core.prison_to_probation.matching import Matched, OffenderMatcher
from hmpps_workers.core.prison_to_probation.model import SynchroniseState
from hmpps_workers.core.prison_to_probation.outcomes import Done, Outcome, TryLater
from hmpps_workers.core.prison_to_probation.ports import (
    CommunityApi,
    OffenderSearch,
    PrisonApi,
    Telemetry,
)
from hmpps_workers.core.prison_to_probation.telemetry import WithProperties

NOT_ACTIVE = "Not an active booking"
NOT_INTERESTED = "Not at an interested prison"


def latest_primary_start(terms: Iterable[SentenceTerm]) -> date | None:
    """The latest start date of the terms not consecutive to another one."""
    starts = [
        term.start_date
        for term in terms
        if term.start_date is not None and term.consecutive_to is None
    ]
    return max(starts, default=None)


@attrs.define
class ImprisonmentStatusHandler:
    """Link a newly sentenced prisoner to their probation case and update custody."""

    prison_api: PrisonApi
    search: OffenderSearch
    community_api: CommunityApi
    telemetry: Telemetry
    prisons: InterestedPrisons = attrs.field(factory=InterestedPrisons)

    def process(self, event: OffenderEvent) -> Outcome:  # noqa: PLR0911 - one per stage
        """Run the stages for one event."""
        telemetry = WithProperties(
            inner=self.telemetry,
            extra={
                "imprisonmentStatusSeq": str(event.imprisonment_status_seq),
                "bookingId": str(event.booking_id),
            },
        )
        if event.imprisonment_status_seq != 0:
            telemetry.track_event(events.NOT_SEQUENCE_ZERO, {})
            return Done(status=SynchroniseState.NO_LONGER_VALID)
        detail = self.prison_api.get_sentence_detail(event.booking_id)
        if detail.sentence_start_date is None:
            telemetry.track_event(events.NO_SENTENCE_START_DATE, {})
            return Done(status=SynchroniseState.NO_LONGER_VALID)
        start = latest_primary_start(
            self.prison_api.get_sentence_terms(event.booking_id)
        )
        if start is None:
            telemetry.track_event(events.NO_SENTENCE_START_DATE, {})
            return Done(status=SynchroniseState.NO_LONGER_VALID)
        booking = self.prison_api.get_booking(event.booking_id)
        if not booking.active_flag:
            # The original's default Done status, kept: reports count it as success.
            telemetry.track_event(events.STATUS_IGNORED, {"reason": NOT_ACTIVE})
            return Done(status=SynchroniseState.COMPLETED)
        matcher = OffenderMatcher(
            prison_api=self.prison_api,
            search=self.search,
            community_api=self.community_api,
            telemetry=telemetry,
            prisons=self.prisons,
        )
        matched = matcher.match(booking, start)
        if isinstance(matched, TryLater):
            return matched
        attributes = {
            **events.booking_attributes(booking),
            "sentenceStartDate": start.isoformat(),
        }
        if not self.prisons.includes(booking.agency_id):
            telemetry.track_event(
                events.STATUS_IGNORED, {"reason": NOT_INTERESTED, **attributes}
            )
            return Done(status=SynchroniseState.NO_LONGER_VALID)
        return self._update_custody(booking, matched, start, detail, telemetry)

    def _update_custody(
        self,
        booking: Booking,
        matched: Matched,
        start: date,
        detail: SentenceDetail,
        telemetry: Telemetry,
    ) -> Outcome:
        attributes = {
            **events.booking_attributes(booking),
            "sentenceStartDate": start.isoformat(),
        }
        crn = matched.crn
        if (
            self.community_api.update_booking_number(
                matched.offender_no,
                sentence_start_date=start.isoformat(),
                booking_number=booking.booking_no,
            )
            is None
        ):
            telemetry.track_event(events.BOOKING_NUMBER_NOT_ASSIGNED, attributes)
            return TryLater(
                status=SynchroniseState.BOOKING_NUMBER_NOT_ASSIGNED, matching_crns=crn
            )
        if (
            booking.agency_id is not None
            and self.community_api.update_custody_location(
                matched.offender_no, booking.booking_no, prison_code=booking.agency_id
            )
            is None
        ):
            telemetry.track_event(events.LOCATION_NOT_UPDATED, attributes)
            return TryLater(
                status=SynchroniseState.LOCATION_NOT_UPDATED,
                matching_crns=crn,
                retry_until=detail.sentence_expiry_date,
            )
        replaced = self.community_api.replace_key_dates(
            matched.offender_no,
            booking.booking_no,
            ReplaceCustodyKeyDates.from_sentence_detail(detail),
        )
        if isinstance(replaced, KeyDatesNotFound):
            telemetry.track_event(events.KEY_DATES_NOT_UPDATED, attributes)
            return TryLater(
                status=SynchroniseState.KEY_DATES_NOT_UPDATED,
                matching_crns=crn,
                retry_until=detail.sentence_expiry_date,
            )
        telemetry.track_event(events.STATUS_UPDATED, attributes)
        return Done(
            status=SynchroniseState.COMPLETED,
            matching_crns=crn,
            key_dates_replaced=True,
        )
