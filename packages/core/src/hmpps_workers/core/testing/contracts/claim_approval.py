"""The contract of AUTO-APPROVAL-CHECK's two reads: a claim's history, then its rows.

Subclass in a pytest module and provide a `claims_env` fixture (a ClaimsEnvironment,
see `contracts.claims`). Orders are pinned with ties, since `baseline_claim` and the
consecutive-approval limit take the first of equal dates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import attrs

from hmpps_workers.core.clock import UK
from hmpps_workers.core.prison_visits.approval import baseline_claim
from hmpps_workers.core.prison_visits.claims.records import ClaimData, ClaimEvent
from hmpps_workers.core.prison_visits.claims.views import ApprovalHistory, ApprovalRows
from hmpps_workers.core.prison_visits.pricing import (
    UNPRICED_EVENT,
    UNPRICED_NOTE,
    has_unpriced_car_journeys,
)
from hmpps_workers.core.tasks.model import Schema
from hmpps_workers.core.testing.claim_builders import (
    claim_graph,
    evolve_claim,
    repeat_claim,
)
from hmpps_workers.core.testing.contracts.claims import ClaimsEnvironment, read

NOW = datetime(2024, 7, 2, 10, 0, tzinfo=UTC)
EARLIER = datetime(2024, 1, 1, tzinfo=UTC)
INT_MAX = 2_147_483_647


def history(
    env: ClaimsEnvironment, stored: ClaimData, *, claim_id: int | None = None
) -> ApprovalHistory | None:
    """`approval_history` of a stored claim (or of another id in its eligibility)."""
    claim = stored.claim
    return env.repository.approval_history(
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id if claim_id is None else claim_id,
    )


def rows(
    env: ClaimsEnvironment,
    stored: ClaimData,
    *,
    baseline_claim_id: int | None = None,
    journey_day: date | None = None,
    prison_number: str | None = None,
) -> ApprovalRows:
    """`approval_rows` of a stored claim, on its own journey's UK day by default.

    The prison numbers asked for are the claim's prisoner's unless `prison_number`
    names others.
    """
    claim = stored.claim
    if prison_number is None and stored.prisoner is not None:
        prison_number = stored.prisoner.prison_number
    return env.repository.approval_rows(
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
        baseline_claim_id=baseline_claim_id,
        journey_day=journey_day or claim.date_of_journey.astimezone(UK).date(),
        prison_number=prison_number,
    )


def unpriced_after_give_up(env: ClaimsEnvironment, *, distance: Decimal | None) -> bool:
    """Seed a claim pricing gave up on, its car at `distance`; the approval's view."""
    graph = claim_graph()
    claim = graph.claim
    car, *others = graph.expenses
    gave_up = ClaimEvent(
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
        reference=claim.reference,
        date_added=NOW,
        event=UNPRICED_EVENT.value,
        note=UNPRICED_NOTE,
    )
    stored = env.seed(
        Schema.INT,
        attrs.evolve(
            graph,
            expenses=(attrs.evolve(car, distance=distance), *others),
            events=(gave_up,),
        ),
    )
    return rows(env, stored).unpriced_car_journeys


class ApprovalReadsContract:
    """`approval_history` and `approval_rows`: what the auto-approval rules read."""

    def test_the_reads_give_the_parts_the_rules_use_as_claim_data_has_them(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The claim, its eligibility, people, enabled rows and events, as stored."""
        stored = claims_env.seed(Schema.INT, claim_graph())
        full = read(claims_env, Schema.INT, stored)
        found = history(claims_env, stored)
        assert found is not None
        found_rows = rows(claims_env, stored)
        expected = (
            full.claim,
            full.eligibility,
            full.visitor,
            full.prisoner,
            full.expenses,
            full.children,
            full.documents,
            has_unpriced_car_journeys(full.events, full.expenses),
        )
        actual = (
            found.claim,
            found.eligibility,
            found.visitor,
            found.prisoner,
            found_rows.expenses,
            found_rows.children,
            found_rows.documents,
            found_rows.unpriced_car_journeys,
        )
        assert expected == actual

    def test_the_history_of_a_missing_claim_is_none(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Another claim of the eligibility exists, but not the one asked for."""
        stored = claims_env.seed(Schema.INT, claim_graph())
        assert history(claims_env, stored, claim_id=INT_MAX) is None

    def test_approval_holds_back_a_claim_whose_car_journey_pricing_gave_up_on(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Pricing's give-up event and a car journey without a distance: unpriced."""
        assert unpriced_after_give_up(claims_env, distance=None)

    def test_approval_ignores_the_give_up_event_once_the_car_journey_is_priced(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Pricing's give-up event but every car journey has a distance: priced."""
        assert not unpriced_after_give_up(claims_env, distance=Decimal("12.50"))

    def test_previous_claims_tied_on_review_come_highest_claim_id_first(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Latest review first, ties by ClaimId descending, unreviewed last."""
        first = claims_env.seed(Schema.INT, claim_graph())
        for base_id, reviewed in (
            (2000, NOW),
            (3000, None),
            (4000, EARLIER),
            (5000, NOW),
            (6000, NOW),
        ):
            claims_env.seed(
                Schema.INT,
                repeat_claim(
                    first, base_id=base_id, status="APPROVED", date_reviewed=reviewed
                ),
            )
        found = history(claims_env, first)
        assert found is not None
        expected = ([6000, 5000, 2000, 4000, 3000], 6000)
        baseline = baseline_claim(found.previous_claims)
        assert baseline is not None
        actual = ([c.claim_id for c in found.previous_claims], baseline.claim_id)
        assert expected == actual

    def test_previous_claims_are_the_eligibilitys_as_claims_for_eligibility_has_them(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The same claims in the same order, the claim itself left out."""
        first = claims_env.seed(Schema.INT, claim_graph())
        for base_id in (2000, 3000):
            claims_env.seed(
                Schema.INT, repeat_claim(first, base_id=base_id, date_reviewed=NOW)
            )
        claims_env.seed(Schema.INT, claim_graph(reference="XYZ9876", base_id=4000))
        repeat = claims_env.seed(Schema.INT, repeat_claim(first, base_id=5000))
        found = history(claims_env, repeat)
        assert found is not None
        expected = [
            c
            for c in claims_env.repository.claims_for_eligibility(1000)
            if c.claim_id != repeat.claim.claim_id
        ]
        assert expected == list(found.previous_claims)

    def test_reference_statuses_tied_on_submission_come_highest_claim_id_first(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Any eligibility's, newest submission first, ties by ClaimId descending.

        Unsubmitted claims come last; claims of other references are left out.
        """
        first = claims_env.seed(
            Schema.INT, evolve_claim(claim_graph(), date_submitted=EARLIER)
        )
        for base_id, status, submitted in (
            (2000, "A", NOW),
            (3000, "B", None),
            (4000, "C", NOW),
        ):
            claims_env.seed(
                Schema.INT,
                repeat_claim(
                    first, base_id=base_id, status=status, date_submitted=submitted
                ),
            )
        other_eligibility = claim_graph(reference="abc1234 ", base_id=5000)
        claims_env.seed(
            Schema.INT,
            evolve_claim(other_eligibility, status="D", date_submitted=NOW),
        )
        claims_env.seed(Schema.INT, claim_graph(reference="XYZ9876", base_id=6000))
        found = history(claims_env, first)
        assert found is not None
        assert found.reference_claim_statuses == ("D", "C", "A", "B")

    def test_the_baseline_claims_expenses_come_disabled_ones_included(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Every expense of the baseline claim, beside the claim's enabled ones."""
        first = claims_env.seed(Schema.INT, claim_graph())
        baseline = repeat_claim(first, base_id=2000)
        car, *others = baseline.expenses
        baseline = claims_env.seed(
            Schema.INT,
            attrs.evolve(
                baseline, expenses=(attrs.evolve(car, is_enabled=False), *others)
            ),
        )
        found = rows(claims_env, first, baseline_claim_id=baseline.claim.claim_id)
        none = rows(claims_env, first)
        expected = (
            read(claims_env, Schema.INT, first).expenses,
            tuple(claims_env.repository.claim_expenses(baseline.claim.claim_id)),
            (),
        )
        assert expected == (
            found.expenses,
            found.baseline_expenses,
            none.baseline_expenses,
        )
        assert len(found.baseline_expenses) == len(baseline.expenses)

    def test_prison_numbers_of_a_uk_day_match_any_time_that_day(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The original matched only journeys stored at exactly midnight."""
        afternoon = datetime(2024, 6, 25, 13, 0, tzinfo=UTC)  # 14:00 BST
        next_day = datetime(2024, 6, 25, 23, 0, tzinfo=UTC)  # 00:00 BST on the 26th
        stored = claims_env.seed(
            Schema.INT, evolve_claim(claim_graph(base_id=10), date_of_journey=afternoon)
        )
        other = claim_graph(base_id=20, reference="XYZ9876")
        assert other.prisoner is not None
        other = attrs.evolve(
            other, prisoner=attrs.evolve(other.prisoner, prison_number="Z9999ZZ")
        )
        claims_env.seed(Schema.INT, evolve_claim(other, date_of_journey=next_day))
        found = rows(claims_env, stored, journey_day=date(2024, 6, 25))
        expected = tuple(
            claims_env.repository.prison_numbers_visited_on(date(2024, 6, 25))
        )
        actual = (found.prison_numbers_on_journey_date, expected)
        assert actual == (("A1234BC",), ("A1234BC",))

    def test_each_eligibility_visiting_the_prisoner_that_day_gives_its_number(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Two eligibilities, one prisoner, one day: the number twice (rule 17 fails).

        The original read Prisoner.PrisonNumber for each eligibility the day's claims
        named, so the claimant's own eligibility is one occurrence and any other
        a second.
        """
        morning = datetime(2024, 6, 25, 8, 0, tzinfo=UTC)  # 09:00 BST
        afternoon = datetime(2024, 6, 25, 13, 0, tzinfo=UTC)
        stored = claims_env.seed(
            Schema.INT, evolve_claim(claim_graph(base_id=10), date_of_journey=morning)
        )
        claims_env.seed(
            Schema.INT,
            evolve_claim(
                claim_graph(base_id=20, reference="XYZ9876"), date_of_journey=afternoon
            ),
        )
        other = claim_graph(base_id=30, reference="QRS5432")
        assert other.prisoner is not None
        other = attrs.evolve(
            other, prisoner=attrs.evolve(other.prisoner, prison_number="Z9999ZZ")
        )
        claims_env.seed(Schema.INT, evolve_claim(other, date_of_journey=afternoon))
        day = date(2024, 6, 25)
        found = rows(claims_env, stored, journey_day=day)
        visited = tuple(claims_env.repository.prison_numbers_visited_on(day))
        assert (found.prison_numbers_on_journey_date, visited) == (
            ("A1234BC", "A1234BC"),
            ("A1234BC", "A1234BC", "Z9999ZZ"),
        )

    def test_the_read_does_not_grow_with_the_days_other_prisoners(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Twenty other prisoners visited that day: only the claimant's number comes.

        The original read every prison number of the day (one row per eligibility
        visiting) and counted the equal ones in code; a busy day's read grew with it.
        """
        morning = datetime(2024, 6, 25, 8, 0, tzinfo=UTC)
        stored = claims_env.seed(
            Schema.INT, evolve_claim(claim_graph(base_id=10), date_of_journey=morning)
        )
        for index in range(20):
            other = claim_graph(base_id=100 + 10 * index, reference=f"OTH{index:04d}")
            assert other.prisoner is not None
            other = attrs.evolve(
                other,
                prisoner=attrs.evolve(other.prisoner, prison_number=f"Z{index:04d}ZZ"),
            )
            claims_env.seed(Schema.INT, evolve_claim(other, date_of_journey=morning))
        day = date(2024, 6, 25)
        found = rows(claims_env, stored, journey_day=day)
        visited = claims_env.repository.prison_numbers_visited_on(day)
        assert (found.prison_numbers_on_journey_date, len(visited)) == (
            ("A1234BC",),
            21,
        )

    def test_a_number_differing_in_case_is_read_for_the_rule_to_compare(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The read compares as the collation does; the rule then compares exactly.

        Another eligibility's prisoner stored as `a1234bc ` comes back as stored (SQL
        Server's collation would match it), and a claim with no prisoner row reads
        no numbers.
        """
        morning = datetime(2024, 6, 25, 8, 0, tzinfo=UTC)
        stored = claims_env.seed(
            Schema.INT, evolve_claim(claim_graph(base_id=10), date_of_journey=morning)
        )
        other = claim_graph(base_id=20, reference="XYZ9876")
        assert other.prisoner is not None
        other = attrs.evolve(
            other, prisoner=attrs.evolve(other.prisoner, prison_number="a1234bc ")
        )
        claims_env.seed(Schema.INT, evolve_claim(other, date_of_journey=morning))
        day = date(2024, 6, 25)
        found = rows(claims_env, stored, journey_day=day)
        nobody = claims_env.repository.approval_rows(
            reference=stored.claim.reference,
            eligibility_id=stored.claim.eligibility_id,
            claim_id=stored.claim.claim_id,
            baseline_claim_id=None,
            journey_day=day,
            prison_number=None,
        )
        assert (
            sorted(found.prison_numbers_on_journey_date),
            nobody.prison_numbers_on_journey_date,
        ) == (["A1234BC", "a1234bc "], ())

    def test_an_eligibility_with_two_claims_that_day_gives_its_number_once(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The claimant's own eligibility counts once however many claims it has."""
        morning = datetime(2024, 6, 25, 8, 0, tzinfo=UTC)
        afternoon = datetime(2024, 6, 25, 13, 0, tzinfo=UTC)
        stored = claims_env.seed(
            Schema.INT, evolve_claim(claim_graph(base_id=10), date_of_journey=morning)
        )
        claims_env.seed(
            Schema.INT, repeat_claim(stored, base_id=40, date_of_journey=afternoon)
        )
        day = date(2024, 6, 25)
        found = rows(claims_env, stored, journey_day=day)
        visited = tuple(claims_env.repository.prison_numbers_visited_on(day))
        assert (
            found.prison_numbers_on_journey_date,
            visited,
        ) == (("A1234BC",), ("A1234BC",))
