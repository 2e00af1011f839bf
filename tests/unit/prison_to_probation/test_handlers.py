"""Movements, merged NOMS numbers and sentence dates (sections 6.2 to 6.4)."""

from __future__ import annotations

import attrs
import pytest

from hmpps_workers.core.prison_to_probation import (
    Done,
    InterestedPrisons,
    OffenderEvent,
)
from hmpps_workers.core.prison_to_probation.handlers import (
    BookingNumberHandler,
    MovementHandler,
    SentenceDatesHandler,
)
from hmpps_workers.core.testing.prison_to_probation.world import (
    BOOKING_ID,
    BOOKING_NO,
    CRN,
    MERGED_NOMS,
    OFFENDER_NO,
)

EVENT = OffenderEvent(booking_id=BOOKING_ID, movement_seq=1)
EVERYWHERE = InterestedPrisons()
MOVEMENT_ATTRIBUTES = {
    "bookingId": str(BOOKING_ID),
    "movementType": "ADM",
    "fromAgency": "ABRYCT",
    "toAgency": "MDI",
}


def handler(kind, world, prisons=EVERYWHERE):
    """Build a handler of `kind` on the world's fakes."""
    return kind(
        prison_api=world.prison_api,
        community_api=world.community_api,
        telemetry=world.telemetry,
        prisons=prisons,
    )


class TestMovementHandler:
    """EXTERNAL_MOVEMENT_RECORD-INSERTED always completes; only exceptions retry."""

    def test_admission_moves_the_delius_custody_to_the_prison(self, world):
        """An admission moves the Delius custody location to the prison, with telemetry."""
        assert Done() == handler(MovementHandler, world).process(EVENT)
        assert world.community_api.args("update_custody_location") == [
            (OFFENDER_NO, BOOKING_NO, "MDI")
        ]
        assert world.telemetry.names() == [
            "P2PExternalMovement",
            "P2PTransferProbationUpdated",
        ]
        assert world.telemetry.named("P2PTransferProbationUpdated") == [
            {
                **MOVEMENT_ATTRIBUTES,
                "offenderNo": OFFENDER_NO,
                "latestLocation": "not present",
                "convictedStatus": "not present",
                "toAgencyDescription": "MDI",
            }
        ]

    def test_missing_movement_is_ignored_and_completed(self, world):
        """A movement prison-api no longer has is ignored, reported and completed."""
        event = OffenderEvent(booking_id=BOOKING_ID, movement_seq=4)
        assert Done() == handler(MovementHandler, world).process(event)
        assert world.telemetry.named("P2PTransferIgnored") == [
            {"bookingId": str(BOOKING_ID), "movementSeq": "4",
             "reason": "Movement not found"}
        ]  # fmt: skip

    def test_not_interested_prison_is_ignored_with_movement_attributes(self, world):
        """A move to a prison not of interest is ignored, reported with the movement."""
        prisons = InterestedPrisons.parse("LEI")
        assert Done() == handler(MovementHandler, world, prisons).process(EVENT)
        assert world.telemetry.named("P2PTransferIgnored") == [
            {**MOVEMENT_ATTRIBUTES, "reason": "Not an interested prison"}
        ]

    def test_delius_not_found_is_reported_and_completed(self, world):
        """A Delius record not found is reported and the item completed."""
        world.community_api.no_location.add(OFFENDER_NO)
        assert Done() == handler(MovementHandler, world).process(EVENT)
        assert world.telemetry.names()[-1] == "P2PTransferProbationRecordNotFound"


class TestBookingNumberHandler:
    """BOOKING_NUMBER-CHANGED replaces every merged NOMS number."""

    def test_each_case_of_a_merged_number_moves_to_the_current_number(self, world):
        """Every case of the merged NOMS number moves to the current number."""
        result = handler(BookingNumberHandler, world).process(EVENT)
        assert result == Done(reason=f"Booking {BOOKING_ID} has booking number changed")
        assert world.community_api.args("replace_noms_number") == [
            (MERGED_NOMS, OFFENDER_NO)
        ]
        assert world.telemetry.named("P2PBookingNumberChanged") == [
            {"bookingId": str(BOOKING_ID), "offenderNo": OFFENDER_NO,
             "oldOffenderNo": MERGED_NOMS, "crn": CRN}
        ]  # fmt: skip

    def test_unknown_merged_number_is_reported_not_retried(self, world):
        """A merged number Delius does not know is reported, not retried."""
        world.community_api.cases_by_noms.clear()
        assert handler(BookingNumberHandler, world).process(EVENT).status == "COMPLETED"
        assert world.telemetry.names() == ["P2PBookingNumberChangedOffenderNotFound"]

    def test_outside_the_interested_prisons_nothing_is_written(self, world):
        """Outside the interested prisons nothing is written to Delius."""
        prisons = InterestedPrisons.parse("LEI")
        handler(BookingNumberHandler, world, prisons).process(EVENT)
        assert world.community_api.calls == []


class TestSentenceDatesHandler:
    """SENTENCE_DATES-CHANGED and CONFIRMED_RELEASE_DATE-CHANGED replace key dates."""

    def test_key_dates_are_replaced_and_reported_with_every_date(self, world):
        """Key dates are replaced once and reported with every date."""
        assert Done() == handler(SentenceDatesHandler, world).process(EVENT)
        assert world.community_api.count("replace_key_dates") == 1
        (properties,) = world.telemetry.named("P2PSentenceDatesChanged")
        assert (properties["sentenceExpiryDate"], properties["releaseDate"],
                properties["confirmedReleaseDate"]) == (
            "2025-09-10", "2022-11-26", "not present")  # fmt: skip

    def test_inactive_booking_is_ignored(self, world):
        """A sentence dates change on an inactive booking is ignored and reported."""
        booking = world.prison_api.bookings[BOOKING_ID]
        world.prison_api.bookings[BOOKING_ID] = attrs.evolve(booking, active_flag=False)
        assert Done() == handler(SentenceDatesHandler, world).process(EVENT)
        assert world.telemetry.named("P2PSentenceDatesChangeIgnored") == [
            {"reason": "Not an active booking", "bookingId": str(BOOKING_ID)}
        ]

    @pytest.mark.parametrize("body", ["no bookingNumber here", "offender not found"])
    def test_delius_not_found_is_reported_and_completed(self, world, body):
        """Key dates for a Delius record not found are reported and completed."""
        world.community_api.no_key_dates.add(OFFENDER_NO)
        world.community_api.key_dates_not_found_body = body
        assert Done() == handler(SentenceDatesHandler, world).process(EVENT)
        assert world.telemetry.names() == ["P2PSentenceDatesRecordNotFound"]
