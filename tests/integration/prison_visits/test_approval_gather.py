"""AUTO-APPROVAL-CHECK's two SQL reads give the rules what its eight reads gave."""

from __future__ import annotations

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hmpps_workers.adapters.sql.metadata import SCHEMAS
from hmpps_workers.adapters.sql.prison_visits.claim_updates import SqlClaimUpdates
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.prison_visits.seed import seed_claim
from hmpps_workers.core.prison_visits.approval import AutoApprovalDefaults, decide
from hmpps_workers.core.prison_visits.handlers.approval import AutoApprovalCheck
from hmpps_workers.core.testing.approval_builders import (
    OFFICE_HOURS,
    default_settings,
)
from hmpps_workers.core.testing.clock import FakeClock
from support.approval_gather import (
    HISTORIES,
    old_gather,
    seed_history,
    visits_of_the_day,
)


def _emptied(engine):
    metadata = sa.MetaData()
    for schema in SCHEMAS:
        metadata.reflect(engine, schema=schema)
    with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())


class TestGatherOnSql:
    """The old and the new reads on the same database, ties included."""

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(history=HISTORIES, limit=st.integers(min_value=0, max_value=4))
    def test_the_rules_get_the_same_data_from_two_reads(self, engine, history, limit):
        """Previous claims, baseline expenses and recent statuses order as before.

        Each eligibility visiting the prisoner that day gives its prison number once.
        """
        _emptied(engine)
        key = seed_history(
            lambda schema, data: seed_claim(engine, schema, data), history
        )
        repository = SqlClaimRepository(engine)
        check = AutoApprovalCheck(
            claims=repository,
            updates=SqlClaimUpdates(engine),
            defaults=AutoApprovalDefaults(),
            clock=FakeClock(OFFICE_HOURS),
        )
        chosen = default_settings(number_of_consecutive_auto_approvals=limit)
        expected = old_gather(repository, key, limit)
        actual = check.gather(key, chosen)
        assert expected == actual
        assert decide(expected, chosen, OFFICE_HOURS) == decide(
            actual, chosen, OFFICE_HOURS
        )
        assert visits_of_the_day(history) == actual.prison_numbers_on_journey_date
