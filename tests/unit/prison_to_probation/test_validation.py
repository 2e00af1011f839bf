"""Validation in the listener: section 2, rule by rule."""

from __future__ import annotations

import attrs
import pytest

from hmpps_workers.core.prison_to_probation import (
    Ignore,
    InterestedPrisons,
    OffenderEvent,
    Store,
)
from hmpps_workers.core.prison_to_probation.api import Movement, SentenceDetail
from hmpps_workers.core.prison_to_probation.validation import Validator
from hmpps_workers.core.testing.prison_to_probation.world import BOOKING_ID

ISC = "IMPRISONMENT_STATUS-CHANGED"
MOVEMENT = "EXTERNAL_MOVEMENT_RECORD-INSERTED"
BOOKING_NUMBER = "BOOKING_NUMBER-CHANGED"
EVENT = OffenderEvent(booking_id=BOOKING_ID, movement_seq=1)
STORE = Store(booking_id=BOOKING_ID)

EVERYWHERE = InterestedPrisons()


def validate(world, event_type, event=EVENT, prisons=EVERYWHERE):
    return Validator(prison_api=world.prison_api, prisons=prisons).validate(
        event_type, event
    )


def deactivate(
    world,
):
    booking = world.prison_api.bookings[BOOKING_ID]
    world.prison_api.bookings[BOOKING_ID] = attrs.evolve(booking, active_flag=False)


ELSEWHERE = InterestedPrisons.parse("LEI, WWI")


class TestImprisonmentStatusValidation:
    """IMPRISONMENT_STATUS-CHANGED."""

    def test_sequence_zero_with_a_sentence_at_an_active_booking_is_stored(self, world):
        """Sequence zero with a sentence at an active booking is stored."""
        assert validate(world, ISC) == STORE

    def test_non_zero_sequence_is_ignored_without_calling_prison_api(self, world):
        """A non-zero sequence is ignored without calling prison-api."""
        event = OffenderEvent(booking_id=BOOKING_ID, imprisonment_status_seq=1)
        assert Ignore(reason="Non zero sequence") == validate(world, ISC, event)
        assert world.prison_api.calls == []

    def test_no_sentence_start_date_is_ignored(self, world):
        """No sentence start date is ignored."""
        world.prison_api.sentence_details[BOOKING_ID] = SentenceDetail()
        assert Ignore(reason="No sentence start date") == validate(world, ISC)

    def test_inactive_booking_is_ignored(self, world):
        """An imprisonment status change on an inactive booking is ignored."""
        deactivate(world)
        assert Ignore(reason="Not an active booking") == validate(world, ISC)

    def test_booking_outside_the_interested_prisons_is_ignored(self, world):
        """An imprisonment status change outside the interested prisons is ignored."""
        expected = Ignore(reason="Not at an interested prison")
        assert expected == validate(world, ISC, prisons=ELSEWHERE)


class TestMovementValidation:
    """EXTERNAL_MOVEMENT_RECORD-INSERTED."""

    def test_admission_to_an_interested_prison_is_stored(self, world):
        """An admission to an interested prison is stored."""
        assert validate(world, MOVEMENT) == STORE

    def test_missing_movement_is_ignored(self, world):
        """A movement prison-api does not have is ignored."""
        event = OffenderEvent(booking_id=BOOKING_ID, movement_seq=9)
        assert Ignore(reason="Movement not found") == validate(world, MOVEMENT, event)

    @pytest.mark.parametrize(
        "movement",
        [
            Movement(offender_no="A1", movement_type="REL", to_agency="MDI"),
            Movement(offender_no="A1", movement_type="ADM", to_agency=None),
        ],
    )
    def test_non_admission_or_no_destination_is_not_a_transfer(self, world, movement):
        """A movement that is not an admission with a destination is not a transfer."""
        world.prison_api.movements[(BOOKING_ID, 1)] = movement
        assert Ignore(reason="Not a transfer") == validate(world, MOVEMENT)

    def test_direction_code_is_not_checked(self, world):
        """The direction code is not checked, as in the original."""
        world.prison_api.movements[(BOOKING_ID, 1)] = Movement(
            offender_no="A1", movement_type="ADM", to_agency="MDI", direction_code="OUT"
        )
        assert validate(world, MOVEMENT) == STORE

    def test_destination_outside_the_interested_prisons_is_ignored(self, world):
        """A movement to a prison not of interest is ignored."""
        expected = Ignore(reason="Not an interested prison")
        assert expected == validate(world, MOVEMENT, prisons=ELSEWHERE)

    def test_inactive_booking_is_ignored(self, world):
        """A movement on an inactive booking is ignored."""
        deactivate(world)
        assert Ignore(reason="Not an active booking") == validate(world, MOVEMENT)


class TestBookingNumberValidation:
    """BOOKING_NUMBER-CHANGED."""

    def test_merged_records_at_an_interested_prison_are_stored(self, world):
        """Merged records at an interested prison are stored."""
        assert validate(world, BOOKING_NUMBER) == STORE

    def test_inactive_booking_is_still_stored(self, world):
        """The original has no active-flag check for this event."""
        deactivate(world)
        assert validate(world, BOOKING_NUMBER) == STORE

    def test_booking_outside_the_interested_prisons_is_ignored(self, world):
        """A booking number change outside the interested prisons is ignored."""
        expected = Ignore(reason="Not at an interested prison")
        assert expected == validate(world, BOOKING_NUMBER, prisons=ELSEWHERE)

    def test_no_merged_identifiers_is_ignored(self, world):
        """A booking number change with no merged identifiers is ignored."""
        world.prison_api.merged[BOOKING_ID] = []
        expected = Ignore(reason=f"No merged offenders found for {BOOKING_ID}")
        assert expected == validate(world, BOOKING_NUMBER)


@pytest.mark.parametrize(
    "event_type", ["SENTENCE_DATES-CHANGED", "CONFIRMED_RELEASE_DATE-CHANGED"]
)
class TestSentenceDatesValidation:
    """SENTENCE_DATES-CHANGED and CONFIRMED_RELEASE_DATE-CHANGED."""

    def test_active_booking_at_an_interested_prison_is_stored(self, world, event_type):
        """A sentence dates change at an active booking of an interested prison is stored."""
        assert validate(world, event_type) == STORE

    def test_inactive_booking_is_ignored(self, world, event_type):
        """A sentence dates change on an inactive booking is ignored."""
        deactivate(world)
        assert Ignore(reason="Not an active booking") == validate(world, event_type)

    def test_booking_outside_the_interested_prisons_is_ignored(self, world, event_type):
        """A sentence dates change outside the interested prisons is ignored."""
        expected = Ignore(reason="Not at an interested prison")
        assert expected == validate(world, event_type, prisons=ELSEWHERE)


class TestOtherEvents:
    """Anything else."""

    def test_unexpected_event_type_is_ignored_with_the_original_reason(self, world):
        """An unexpected event type is ignored with the original's reason text."""
        expected = Ignore(
            reason="We received a message of event type SOME_OTHER_MESSAGE which I"
            " really wasn't expecting"
        )
        assert expected == validate(world, "SOME_OTHER_MESSAGE")


class TestInterestedPrisons:
    """The `PRISONTOPROBATION_ONLY_PRISONS` setting."""

    def test_empty_setting_means_every_prison(self):
        """An empty prisons setting means every prison is of interest."""
        assert InterestedPrisons.parse(" ").includes("ANY")

    def test_listed_prisons_only(self):
        """A list of prisons includes only those listed."""
        prisons = InterestedPrisons.parse("MDI, LEI,")
        assert (
            prisons.includes("LEI"),
            prisons.includes("WWI"),
            prisons.includes(None),
        ) == (True, False, False)
