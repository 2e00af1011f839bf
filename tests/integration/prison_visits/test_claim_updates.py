"""How claim values are stored: UK wall-clock instants and exact money.

The behaviour of every query is in the claims contract (test_claims_contract.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import attrs
import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.seed import seed_claim
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.core.tasks.model import Schema
from hmpps_workers.core.testing.claim_builders import claim_graph, evolve_claim

NOW = datetime(2024, 7, 2, 10, 0, tzinfo=UTC)
INT_MAX = 2_147_483_647


def _wall(*parts: int) -> datetime:
    """A naive UK wall-clock value, as the database stores it."""
    return datetime(*parts)


def _claim(repository, stored):
    (claim,) = [
        c
        for c in repository.claims_for_eligibility(stored.claim.eligibility_id)
        if c.claim_id == stored.claim.claim_id
    ]
    return claim


class TestUkWallClock:
    """Instants are stored as UK wall-clock time, across both DST changes."""

    @pytest.mark.parametrize(
        ("instant", "wall"),
        [
            (datetime(2024, 3, 31, 0, 30, tzinfo=UTC), _wall(2024, 3, 31, 0, 30)),
            (datetime(2024, 3, 31, 1, 30, tzinfo=UTC), _wall(2024, 3, 31, 2, 30)),
            (datetime(2024, 10, 27, 0, 30, tzinfo=UTC), _wall(2024, 10, 27, 1, 30)),
            (datetime(2024, 10, 27, 2, 30, tzinfo=UTC), _wall(2024, 10, 27, 2, 30)),
        ],
    )
    def test_stored_value_is_uk_wall_clock_and_reads_back_as_the_instant(
        self, engine, repository, instant, wall
    ):
        """No "+1 hour in summer" arithmetic: one conversion, in the column type."""
        stored = seed_claim(
            engine, Schema.INT, evolve_claim(claim_graph(), date_submitted=instant)
        )
        with engine.connect() as conn:
            raw = conn.execute(
                sa.select(sa.type_coerce(INT.claim.c.DateSubmitted, sa.DateTime()))
            ).scalar_one()
        expected = (wall, instant)
        actual = (raw, _claim(repository, stored).date_submitted)
        assert expected == actual


class TestClaimRows:
    """Values the SQL column types must keep exact."""

    def test_money_round_trips_to_the_penny(self, engine, repository):
        """Decimals stay exact on every backend, SQLite included."""
        graph = claim_graph()
        expense = attrs.evolve(graph.expenses[1], cost=Decimal("999999.99"))
        stored = seed_claim(
            engine, Schema.INT, attrs.evolve(graph, expenses=(expense,))
        )
        claim = stored.claim
        data = repository.claim_data(
            Schema.INT,
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        expected = Decimal("999999.99")
        actual = data.expenses[0].cost
        assert expected == actual
