"""Movements, merged NOMS numbers and sentence dates: sections 6.2 to 6.4.

These handlers always finish (Done, COMPLETED) once they have looked: an ignored or
not-found change is reported through telemetry, not retried. Only exceptions retry.
"""

from __future__ import annotations

import attrs

from hmpps_workers.core.prison_to_probation import telemetry as events
from hmpps_workers.core.prison_to_probation.api import (
    KeyDatesNotFound,
    ReplaceCustodyKeyDates,
)
from hmpps_workers.core.prison_to_probation.envelope import OffenderEvent
from hmpps_workers.core.prison_to_probation.errors import MissingPrisonerError
from hmpps_workers.core.prison_to_probation.interest import InterestedPrisons
from hmpps_workers.core.prison_to_probation.outcomes import Done, Outcome
from hmpps_workers.core.prison_to_probation.ports import (
    CommunityApi,
    PrisonApi,
    Telemetry,
)
from hmpps_workers.core.prison_to_probation.validation import (
    ADMISSION,
    MOVEMENT_NOT_FOUND,
    NOT_A_TRANSFER,
    NOT_ACTIVE,
    NOT_INTERESTED,
    NOT_INTERESTED_MOVEMENT,
)


@attrs.define
class MovementHandler:
    """EXTERNAL_MOVEMENT_RECORD-INSERTED: move the Delius custody to the new prison."""

    prison_api: PrisonApi
    community_api: CommunityApi
    telemetry: Telemetry
    prisons: InterestedPrisons = attrs.field(factory=InterestedPrisons)

    def process(self, event: OffenderEvent) -> Outcome:
        """Update the custody location for an admission to an interested prison."""
        ids = {
            "bookingId": str(event.booking_id),
            "movementSeq": str(event.movement_seq),
        }
        self.telemetry.track_event(events.EXTERNAL_MOVEMENT, ids)
        movement = self.prison_api.get_movement(event.booking_id, event.movement_seq)
        if movement is None:
            self.telemetry.track_event(
                events.TRANSFER_IGNORED, {**ids, "reason": MOVEMENT_NOT_FOUND}
            )
            return Done()
        attributes = {
            "bookingId": str(event.booking_id),
            "movementType": movement.movement_type or events.NOT_PRESENT,
            "fromAgency": movement.from_agency or events.NOT_PRESENT,
            "toAgency": movement.to_agency or events.NOT_PRESENT,
        }
        reason = None
        if movement.to_agency is None or movement.movement_type != ADMISSION:
            reason = NOT_A_TRANSFER
        elif not self.prisons.includes(movement.to_agency):
            reason = NOT_INTERESTED_MOVEMENT
        elif not (booking := self.prison_api.get_booking(event.booking_id)).active_flag:
            reason = NOT_ACTIVE
        if reason is not None:
            self.telemetry.track_event(
                events.TRANSFER_IGNORED, {**attributes, "reason": reason}
            )
            return Done()
        prisoners = self.prison_api.get_prisoners(movement.offender_no)
        if not prisoners:
            raise MissingPrisonerError(
                f"prison-api has no prisoner for booking {event.booking_id}"
            )
        prisoner = prisoners[0]
        attributes |= {
            "offenderNo": prisoner.offender_no,
            "latestLocation": prisoner.latest_location or events.NOT_PRESENT,
            "convictedStatus": prisoner.convicted_status or events.NOT_PRESENT,
        }
        custody = self.community_api.update_custody_location(
            prisoner.offender_no,
            booking.booking_no,
            prison_code=movement.to_agency,  # type: ignore[arg-type]
        )
        if custody is None:
            self.telemetry.track_event(events.TRANSFER_NOT_FOUND, attributes)
        else:
            self.telemetry.track_event(
                events.TRANSFER_UPDATED,
                {
                    **attributes,
                    "toAgencyDescription": custody.institution_description
                    or "Not known",
                },
            )
        return Done()


@attrs.define
class BookingNumberHandler:
    """BOOKING_NUMBER-CHANGED: NOMIS merged records; replace old NOMS numbers."""

    prison_api: PrisonApi
    community_api: CommunityApi
    telemetry: Telemetry
    prisons: InterestedPrisons = attrs.field(factory=InterestedPrisons)

    def process(self, event: OffenderEvent) -> Outcome:
        """Point every Delius case holding a merged NOMS number at the current one."""
        booking = self.prison_api.get_booking(event.booking_id)
        if self.prisons.includes(booking.agency_id):
            for identifier in self.prison_api.get_merged_identifiers(event.booking_id):
                properties = {
                    "bookingId": str(event.booking_id),
                    "offenderNo": booking.offender_no,
                    "oldOffenderNo": identifier.value,
                }
                replaced = self.community_api.replace_noms_number(
                    identifier.value, booking.offender_no
                )
                if replaced is None:
                    self.telemetry.track_event(
                        events.BOOKING_NUMBER_CHANGED_NOT_FOUND, properties
                    )
                    continue
                for ids in replaced:
                    self.telemetry.track_event(
                        events.BOOKING_NUMBER_CHANGED, {**properties, "crn": ids.crn}
                    )
        return Done(reason=f"Booking {event.booking_id} has booking number changed")


@attrs.define
class SentenceDatesHandler:
    """SENTENCE_DATES-CHANGED and CONFIRMED_RELEASE_DATE-CHANGED: replace key dates."""

    prison_api: PrisonApi
    community_api: CommunityApi
    telemetry: Telemetry
    prisons: InterestedPrisons = attrs.field(factory=InterestedPrisons)

    def process(self, event: OffenderEvent) -> Outcome:
        """Send the booking's whole set of key dates to Delius."""
        booking_id = str(event.booking_id)
        booking = self.prison_api.get_booking(event.booking_id)
        if not booking.active_flag:
            self.telemetry.track_event(
                events.SENTENCE_DATES_IGNORED,
                {"reason": NOT_ACTIVE, "bookingId": booking_id},
            )
            return Done()
        attributes = {**events.booking_attributes(booking), "bookingId": booking_id}
        if not self.prisons.includes(booking.agency_id):
            self.telemetry.track_event(
                events.SENTENCE_DATES_IGNORED, {"reason": NOT_INTERESTED, **attributes}
            )
            return Done()
        detail = self.prison_api.get_sentence_detail(event.booking_id)
        result = self.community_api.replace_key_dates(
            booking.offender_no,
            booking.booking_no,
            ReplaceCustodyKeyDates.from_sentence_detail(detail),
        )
        name = (
            events.SENTENCE_DATES_NOT_FOUND
            if isinstance(result, KeyDatesNotFound)
            else events.SENTENCE_DATES_CHANGED
        )
        self.telemetry.track_event(
            name, {**attributes, **events.sentence_dates(detail)}
        )
        return Done()
