"""The cheap check in the listener (section 2): is this event still worth storing.

Each event type has its own rules, applied in the original's order; the first rule that
fails ignores the event with the original's reason text. Exceptions from prison-api
escape, so the message is redelivered and in the end dead-lettered.
"""

from __future__ import annotations

import attrs

from hmpps_workers.core.prison_to_probation.envelope import OffenderEvent
from hmpps_workers.core.prison_to_probation.interest import InterestedPrisons
from hmpps_workers.core.prison_to_probation.model import EventType
from hmpps_workers.core.prison_to_probation.outcomes import (
    Ignore,
    Store,
    ValidationResult,
)
from hmpps_workers.core.prison_to_probation.ports import PrisonApi

NON_ZERO_SEQUENCE = "Non zero sequence"
NO_SENTENCE_START_DATE = "No sentence start date"
NOT_ACTIVE = "Not an active booking"
NOT_INTERESTED = "Not at an interested prison"
NOT_INTERESTED_MOVEMENT = "Not an interested prison"
MOVEMENT_NOT_FOUND = "Movement not found"
NOT_A_TRANSFER = "Not a transfer"
ADMISSION = "ADM"


def unexpected(event_type: str) -> str:
    """The original's reason for an event type it does not handle."""
    return (
        f"We received a message of event type {event_type} which I really wasn't"
        " expecting"
    )


def no_merged_offenders(booking_id: int) -> str:
    """The reason for a booking number change with nothing merged."""
    return f"No merged offenders found for {booking_id}"


@attrs.define
class Validator:
    """Decide, per event type, whether an event is stored or dropped."""

    prison_api: PrisonApi
    prisons: InterestedPrisons = attrs.field(factory=InterestedPrisons)

    def validate(self, event_type: str, event: OffenderEvent) -> ValidationResult:
        """Apply the rules of the event's type."""
        known = EventType.parse(event_type)
        if known is EventType.IMPRISONMENT_STATUS_CHANGED:
            return self._imprisonment_status(event)
        if known is EventType.EXTERNAL_MOVEMENT_RECORD_INSERTED:
            return self._movement(event)
        if known is EventType.BOOKING_NUMBER_CHANGED:
            return self._booking_number(event)
        if known is not None:
            return self._sentence_dates(event)
        return Ignore(reason=unexpected(event_type))

    def _imprisonment_status(self, event: OffenderEvent) -> ValidationResult:
        if event.imprisonment_status_seq != 0:
            return Ignore(reason=NON_ZERO_SEQUENCE)
        detail = self.prison_api.get_sentence_detail(event.booking_id)
        if detail.sentence_start_date is None:
            return Ignore(reason=NO_SENTENCE_START_DATE)
        booking = self.prison_api.get_booking(event.booking_id)
        if not booking.active_flag:
            return Ignore(reason=NOT_ACTIVE)
        if not self.prisons.includes(booking.agency_id):
            return Ignore(reason=NOT_INTERESTED)
        return Store(booking_id=event.booking_id)

    def _movement(self, event: OffenderEvent) -> ValidationResult:
        movement = self.prison_api.get_movement(event.booking_id, event.movement_seq)
        if movement is None:
            return Ignore(reason=MOVEMENT_NOT_FOUND)
        if movement.to_agency is None or movement.movement_type != ADMISSION:
            return Ignore(reason=NOT_A_TRANSFER)
        if not self.prisons.includes(movement.to_agency):
            return Ignore(reason=NOT_INTERESTED_MOVEMENT)
        if not self.prison_api.get_booking(event.booking_id).active_flag:
            return Ignore(reason=NOT_ACTIVE)
        return Store(booking_id=event.booking_id)

    def _booking_number(self, event: OffenderEvent) -> ValidationResult:
        booking = self.prison_api.get_booking(event.booking_id)
        if not self.prisons.includes(booking.agency_id):
            return Ignore(reason=NOT_INTERESTED)
        if not self.prison_api.get_merged_identifiers(event.booking_id):
            return Ignore(reason=no_merged_offenders(event.booking_id))
        return Store(booking_id=event.booking_id)

    def _sentence_dates(self, event: OffenderEvent) -> ValidationResult:
        booking = self.prison_api.get_booking(event.booking_id)
        if not booking.active_flag:
            return Ignore(reason=NOT_ACTIVE)
        if not self.prisons.includes(booking.agency_id):
            return Ignore(reason=NOT_INTERESTED)
        return Store(booking_id=event.booking_id)
