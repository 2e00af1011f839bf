"""The joined claim read takes the same rows as one "first row" read per part (SQL)."""

from __future__ import annotations

import attrs

from hmpps_workers.adapters.sql.prison_visits import claim_data as cd
from hmpps_workers.adapters.sql.prison_visits.claim_head import read_claim_head
from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_row
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import seed_journey
from hmpps_workers.adapters.sql.prison_visits.tables import EXT, INT
from hmpps_workers.core.prison_visits.claims.model import Visitor
from hmpps_workers.core.prison_visits.claims.records import ClaimKey
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from hmpps_workers.core.testing.handler_world import OFFICE_HOURS

NOW = OFFICE_HOURS


def _key(claim) -> ClaimKey:
    return ClaimKey(
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
    )


class TestClaimHead:
    """read_claim_head: the claim and its one-to-one parts in one statement."""

    def test_a_part_with_two_rows_gives_its_lowest_key_like_the_first_row_read(
        self, engine
    ):
        """A second visitor row of the eligibility does not displace the first."""
        journey = approvable_journey(NOW)
        seed_journey(engine, journey, now=NOW)
        first = journey.internal.visitor
        assert first is not None
        second = attrs.evolve(first, visitor_id=first.visitor_id + 1000)
        key = _key(journey.internal.claim)
        with engine.begin() as connection:
            insert_row(connection, INT.visitor, second, keep_id=True)
        with engine.connect() as connection:
            head = read_claim_head(connection, INT, key)
            expected = cd.first_row(
                connection, Visitor, cd.by_eligibility(INT.visitor, key)
            )
        assert head is not None
        assert (expected, first.visitor_id) == (head.visitor, head.visitor.visitor_id)

    def test_absent_parts_are_none_and_present_ones_match_their_own_reads(self, engine):
        """A repeat claim in ExtSchema has no eligibility rows but its bank detail."""
        submitted = seed_journey(engine, approvable_journey(NOW), now=NOW)
        key = _key(submitted.claim)
        with engine.connect() as connection:
            head = read_claim_head(connection, EXT, key)
            data = cd.read_claim_data(connection, EXT, key)
        assert head is not None
        assert data is not None
        expected = (data.claim, None, None, None, None, submitted.bank_detail)
        actual = (
            head.claim,
            head.eligibility,
            head.prisoner,
            head.visitor,
            head.benefit,
            head.bank_detail,
        )
        assert expected == actual

    def test_a_claim_not_there_reads_as_none(self, engine):
        """No claim row: no head, whatever the other tables hold."""
        key = ClaimKey(reference="NONE123", eligibility_id=1, claim_id=999_999)
        with engine.connect() as connection:
            assert read_claim_head(connection, INT, key) is None
