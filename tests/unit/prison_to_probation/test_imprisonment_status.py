"""IMPRISONMENT_STATUS-CHANGED: every stage of the matching state machine (6.1)."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from hmpps_workers.core.errors import RetryableError
from hmpps_workers.core.prison_to_probation import (
    Done,
    InterestedPrisons,
    OffenderEvent,
    SynchroniseState,
    TryLater,
)
from hmpps_workers.core.prison_to_probation.api import (
    Conviction,
    MatchRequest,
    OffenderMatches,
    Prisoner,
    ReplaceCustodyKeyDates,
    SentenceDetail,
    SentenceTerm,
)
from hmpps_workers.core.prison_to_probation.errors import MissingPrisonerError
from hmpps_workers.core.prison_to_probation.imprisonment_status import (
    ImprisonmentStatusHandler,
    latest_primary_start,
)
from hmpps_workers.core.prison_to_probation.matching import near
from hmpps_workers.core.testing.prison_to_probation.world import (
    BOOKING_ID,
    BOOKING_NO,
    CRN,
    OFFENDER_NO,
    OTHER_CRN,
    SENTENCE_START,
)

S = SynchroniseState
EVENT = OffenderEvent(booking_id=BOOKING_ID)
ISC_PROPS = {"imprisonmentStatusSeq": "0", "bookingId": str(BOOKING_ID)}
BOOKING_PROPS = {
    "offenderNo": OFFENDER_NO,
    "bookingNumber": BOOKING_NO,
    "agencyId": "MDI",
    "sentenceStartDate": "2020-02-11",
}

EVERYWHERE = InterestedPrisons()


def run(world, event=EVENT, prisons=EVERYWHERE):
    handler = ImprisonmentStatusHandler(
        prison_api=world.prison_api,
        search=world.search,
        community_api=world.community_api,
        telemetry=world.telemetry,
        prisons=prisons,
    )
    return handler.process(event)


class TestStagesThatEndProcessing:
    """Stages 0 to 3: no longer valid, or the inactive-booking quirk."""

    def test_stage_0_non_zero_sequence_is_no_longer_valid(self, world):
        """Stage 0: a non-zero sequence is no longer valid."""
        event = OffenderEvent(booking_id=BOOKING_ID, imprisonment_status_seq=2)
        assert Done(status=S.NO_LONGER_VALID) == run(world, event)
        assert [
            (
                "P2PImprisonmentStatusNotSequenceZero",
                {"imprisonmentStatusSeq": "2", "bookingId": str(BOOKING_ID)},
            )
        ] == world.telemetry.events

    def test_stage_1_no_sentence_start_date_is_no_longer_valid(self, world):
        """Stage 1: no sentence start date is no longer valid."""
        world.prison_api.sentence_details[BOOKING_ID] = SentenceDetail()
        assert Done(status=S.NO_LONGER_VALID) == run(world)
        assert world.telemetry.names() == ["P2PImprisonmentStatusNoSentenceStartDate"]

    def test_stage_2_no_primary_term_start_is_no_longer_valid(self, world):
        """Stage 2: no primary sentence term start date is no longer valid."""
        world.prison_api.sentence_terms[BOOKING_ID] = [
            SentenceTerm(start_date=date(2020, 1, 1), consecutive_to=3),
            SentenceTerm(start_date=None),
        ]
        assert Done(status=S.NO_LONGER_VALID) == run(world)

    def test_stage_3_inactive_booking_completes_as_the_original_did(self, world):
        """Stage 3: an inactive booking completes and is reported, as the original did."""
        booking = world.prison_api.bookings[BOOKING_ID]
        world.prison_api.bookings[BOOKING_ID] = attrs.evolve(booking, active_flag=False)
        assert Done(status=S.COMPLETED) == run(world)
        assert world.telemetry.events == [
            ("P2PImprisonmentStatusIgnored", {"reason": "Not an active booking",
                                              **ISC_PROPS})
        ]  # fmt: skip


class TestLatestPrimarySentenceStart:
    """Stage 2 picks the latest start among terms not consecutive to another."""

    def test_ignores_consecutive_and_undated_terms(self):
        """Consecutive and undated terms do not count as the primary sentence start."""
        terms = [
            SentenceTerm(start_date=date(2020, 2, 11)),
            SentenceTerm(start_date=date(2020, 11, 21), consecutive_to=61),
            SentenceTerm(start_date=date(2020, 1, 13)),
            SentenceTerm(start_date=None),
        ]
        assert date(2020, 2, 11) == latest_primary_start(terms)

    def test_the_term_date_not_the_sentence_detail_date_is_used(self, world):
        """Stage 1's date is only a gate; stage 2's goes to matching and Delius."""
        world.prison_api.sentence_details[BOOKING_ID] = attrs.evolve(
            world.prison_api.sentence_details[BOOKING_ID],
            sentence_start_date=date(2019, 1, 1),
        )
        run(world)
        assert world.community_api.args("update_booking_number") == [
            (OFFENDER_NO, "2020-02-11", BOOKING_NO)
        ]


class TestMatching:
    """Stage 4: the matching sub-process (6.1.1)."""

    def test_search_request_carries_the_booking_identity_and_prisoner_numbers(
        self, world
    ):
        """The search request carries the booking's identity and the prisoner's numbers."""
        world.prison_api.prisoners[OFFENDER_NO] = [
            Prisoner(offender_no=OFFENDER_NO, pnc_number="20/1X", cro_number=None)
        ]
        run(world)
        expected = MatchRequest(
            first_name="Thaddeus",
            surname="Wolstenholme",
            date_of_birth=date(1966, 4, 19),
            noms_number=OFFENDER_NO,
            pnc_number="20/1X",
            cro_number=None,
        )
        assert [(expected,)] == world.search.args("match")

    def test_one_candidate_sentenced_near_the_date_gets_the_noms_number(self, world):
        """One candidate sentenced near the date gets the NOMS number, with telemetry."""
        run(world)
        assert world.community_api.args("update_noms_number") == [(CRN, OFFENDER_NO)]
        assert {
            "offenderNo": OFFENDER_NO,
            "bookingNumber": BOOKING_NO,
            "matchedBy": "EXTERNAL_KEY",
            "matches": "2",
            "filtered_matches": "1",
            "crns": f"{CRN}, {OTHER_CRN}",
            "filtered_crns": CRN,
            **ISC_PROPS,
        } == world.telemetry.named("P2POffenderMatch")[0]
        assert world.telemetry.named("P2POffenderNumberSet") == [
            {"offenderNo": OFFENDER_NO, "bookingNumber": BOOKING_NO, "crn": CRN,
             **ISC_PROPS}
        ]  # fmt: skip

    @pytest.mark.parametrize("matched_by", ["ALL_SUPPLIED", "ALL_SUPPLIED_ALIAS",
                                            "HMPPS_KEY"])  # fmt: skip
    def test_already_linked_match_takes_the_first_crn_without_writing_it(
        self, world, matched_by
    ):
        """A match already linked takes the first CRN and writes nothing."""
        world.search.matches[OFFENDER_NO] = OffenderMatches(
            matched_by=matched_by, crns=("X3", "X1")
        )
        assert Done(status=S.COMPLETED, matching_crns="X1") == run(world)
        assert world.community_api.count("update_noms_number") == 0

    def test_a_crn_returned_twice_counts_once(self, world):
        """The original kept matches in a set: one CRN twice is one clear match."""
        world.search.matches[OFFENDER_NO] = OffenderMatches(
            matched_by="EXTERNAL_KEY", crns=(CRN, CRN)
        )
        assert Done(status=S.COMPLETED, matching_crns=CRN) == run(world)
        assert world.telemetry.named("P2POffenderMatch")[0]["matches"] == "1"
        assert world.community_api.args("update_noms_number") == [(CRN, OFFENDER_NO)]

    def test_no_candidates_is_no_match(self, world):
        """No candidates is NO_MATCH, reported with no CRNs."""
        world.search.matches[OFFENDER_NO] = OffenderMatches(matched_by="NOTHING")
        assert TryLater(status=S.NO_MATCH, matching_crns="") == run(world)
        assert world.telemetry.named("P2POffenderNoMatch") == [
            {"offenderNo": OFFENDER_NO, "crns": "", **ISC_PROPS}
        ]

    def test_candidates_none_sentenced_near_the_date_is_no_match_with_date(self, world):
        """Candidates none of whom was sentenced near the date are NO_MATCH_WITH_SENTENCE_DATE."""
        world.community_api.convictions[CRN] = []
        expected = TryLater(
            status=S.NO_MATCH_WITH_SENTENCE_DATE, matching_crns=f"{CRN}, {OTHER_CRN}"
        )
        assert expected == run(world)

    def test_several_candidates_near_the_date_are_too_many_matches(self, world):
        """Several candidates sentenced near the date are TOO_MANY_MATCHES."""
        world.community_api.convictions[OTHER_CRN] = world.community_api.convictions[
            CRN
        ]
        expected = TryLater(
            status=S.TOO_MANY_MATCHES, matching_crns=f"{CRN}, {OTHER_CRN}"
        )
        assert expected == run(world)
        assert [
            {"offenderNo": OFFENDER_NO, "filtered_crns": f"{CRN}, {OTHER_CRN}",
             **ISC_PROPS}
        ] == world.telemetry.named("P2POffenderTooManyMatches")  # fmt: skip

    def test_one_match_outside_the_interested_prisons_is_not_valid(self, world):
        """One match outside the interested prisons is NOT_VALID and reported."""
        result = run(world, prisons=InterestedPrisons.parse("LEI"))
        assert TryLater(status=S.NOT_VALID) == result
        assert world.telemetry.named("P2PChangeIgnored") == [
            {"reason": "Not at an interested prison", **ISC_PROPS}
        ]

    @pytest.mark.parametrize(
        ("started", "kept"),
        [
            (SENTENCE_START, True),
            (date(2020, 2, 4), True),
            (date(2020, 2, 18), True),
            (date(2020, 2, 3), False),
            (date(2020, 2, 19), False),
        ],
    )
    def test_sentence_date_window_is_seven_days_either_way(self, started, kept):
        """A conviction counts when it started within seven days either side."""
        assert kept == near(started, SENTENCE_START)

    def test_inactive_custodial_convictions_count_non_custodial_do_not(self, world):
        """Inactive custodial convictions count; non-custodial ones do not."""
        world.community_api.convictions[CRN] = [
            Conviction(sentence_start_date=SENTENCE_START, custodial=True, active=False)
        ]
        world.community_api.convictions[OTHER_CRN] = [
            Conviction(sentence_start_date=SENTENCE_START, custodial=False)
        ]
        assert Done(status=S.COMPLETED, matching_crns=CRN) == run(world)

    def test_no_prisoner_record_is_an_error_not_a_crash(self, world):
        """No prisoner record raises MissingPrisonerError rather than crashing."""
        world.prison_api.prisoners[OFFENDER_NO] = []
        with pytest.raises(MissingPrisonerError):
            run(world)


class TestCustodyUpdates:
    """Stages 5 to 9: interested prison, book number, location, key dates."""

    def test_full_run_sets_book_number_location_and_key_dates(self, world):
        """A full run sets the booking number, the location and the key dates."""
        assert Done(status=S.COMPLETED, matching_crns=CRN) == run(world)
        assert world.community_api.args("update_custody_location") == [
            (OFFENDER_NO, BOOKING_NO, "MDI")
        ]
        key_dates = ReplaceCustodyKeyDates(
            conditional_release_date=date(2022, 11, 26),
            licence_expiry_date=date(2025, 9, 10),
            sentence_expiry_date=date(2025, 9, 10),
        )
        assert [(OFFENDER_NO, BOOKING_NO, key_dates)] == world.community_api.args(
            "replace_key_dates"
        )
        assert world.telemetry.named("P2PImprisonmentStatusUpdated") == [
            {**BOOKING_PROPS, **ISC_PROPS}
        ]

    def test_stage_6_no_custodial_event_is_booking_number_not_assigned(self, world):
        """Stage 6: no custodial event is BOOKING_NUMBER_NOT_ASSIGNED, and stops there."""
        world.community_api.no_custody_event.add(OFFENDER_NO)
        expected = TryLater(status=S.BOOKING_NUMBER_NOT_ASSIGNED, matching_crns=CRN)
        assert expected == run(world)
        assert world.community_api.count("update_custody_location") == 0
        assert world.telemetry.named("P2PBookingNumberNotAssigned") == [
            {**BOOKING_PROPS, **ISC_PROPS}
        ]

    def test_stage_7_location_not_updated_retries_until_sentence_expiry(self, world):
        """Stage 7: a location not updated is retried until the sentence expiry."""
        world.community_api.no_location.add(OFFENDER_NO)
        expected = TryLater(
            status=S.LOCATION_NOT_UPDATED,
            matching_crns=CRN,
            retry_until=date(2025, 9, 10),
        )
        assert expected == run(world)
        assert world.community_api.count("replace_key_dates") == 0

    def test_stage_7_is_skipped_when_the_booking_has_no_prison(self, world):
        """Stage 7 is skipped when the booking has no prison."""
        booking = world.prison_api.bookings[BOOKING_ID]
        world.prison_api.bookings[BOOKING_ID] = attrs.evolve(booking, agency_id=None)
        assert Done(status=S.COMPLETED, matching_crns=CRN) == run(world)
        assert world.community_api.count("update_custody_location") == 0

    def test_stage_8_key_dates_not_updated_retries_until_sentence_expiry(self, world):
        """Stage 8: key dates not updated are retried until the sentence expiry."""
        world.community_api.no_key_dates.add(OFFENDER_NO)
        expected = TryLater(
            status=S.KEY_DATES_NOT_UPDATED,
            matching_crns=CRN,
            retry_until=date(2025, 9, 10),
        )
        assert expected == run(world)
        assert world.telemetry.names()[-1:] == ["P2PKeyDatesNotUpdated"]

    def test_system_failures_raise_for_the_processor_to_retry(self, world):
        """System failures raise for the processor to retry."""
        world.community_api.fail("update_booking_number", RetryableError("503"))
        with pytest.raises(RetryableError):
            run(world)


class TestKeyDateMapping:
    """Section 6.6: NOMIS sentence detail to the community-api body."""

    def test_override_wins_and_expected_release_is_the_confirmed_date(self):
        """The override release date wins and the expected release is the confirmed one."""
        detail = SentenceDetail(
            conditional_release_date=date(2022, 1, 1),
            conditional_release_override_date=date(2022, 2, 2),
            confirmed_release_date=date(2022, 3, 3),
            release_date=date(2022, 4, 4),
            home_detention_curfew_eligibility_date=date(2021, 5, 5),
            parole_eligibility_date=date(2021, 6, 6),
            topup_supervision_expiry_date=date(2023, 7, 7),
        )
        expected = ReplaceCustodyKeyDates(
            conditional_release_date=date(2022, 2, 2),
            expected_release_date=date(2022, 3, 3),
            hdc_eligibility_date=date(2021, 5, 5),
            parole_eligibility_date=date(2021, 6, 6),
            post_sentence_supervision_end_date=date(2023, 7, 7),
        )
        assert expected == ReplaceCustodyKeyDates.from_sentence_detail(detail)
