"""Status updates, events, documents, same-day checks and auto-approval rows."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import attrs
import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.seed import seed_claim
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.core.prison_visits.claims.move import plan_claim_move
from hmpps_workers.core.prison_visits.claims.records import (
    AutoApproval,
    ClaimEvent,
)
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


class TestClaimStatus:
    """The status update rule used everywhere."""

    def test_a_status_change_clears_the_reminder_and_stamps_last_updated(
        self, engine, repository
    ):
        """ReminderSent goes back to 0 and DateReminderSent to NULL."""
        stored = seed_claim(
            engine,
            Schema.INT,
            evolve_claim(claim_graph(), reminder_sent=True, date_reminder_sent=NOW),
        )
        repository.update_claim_status(stored.claim.claim_id, "APPROVED", now=NOW)
        claim = _claim(repository, stored)
        expected = ("APPROVED", False, None, NOW)
        actual = (
            claim.status,
            claim.reminder_sent,
            claim.date_reminder_sent,
            claim.last_updated,
        )
        assert expected == actual

    @pytest.mark.parametrize("status", ["PENDING", "REQUEST-INFORMATION"])
    def test_pending_statuses_keep_the_reminder_clock(self, engine, repository, status):
        """LastUpdated is not touched, so the 35-day reminder still counts."""
        before = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
        stored = seed_claim(
            engine, Schema.INT, evolve_claim(claim_graph(), last_updated=before)
        )
        repository.update_claim_status(stored.claim.claim_id, status, now=NOW)
        expected = before
        actual = _claim(repository, stored).last_updated
        assert expected == actual


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
    """Events, documents, money and the same-day visit check."""

    def test_events_get_ids_and_read_back_with_the_claim(self, engine, repository):
        """Events are IntSchema identities."""
        stored = seed_claim(engine, Schema.INT, claim_graph())
        claim = stored.claim
        event_id = repository.add_claim_event(
            ClaimEvent(
                eligibility_id=claim.eligibility_id,
                claim_id=claim.claim_id,
                reference=claim.reference,
                date_added=NOW,
                event="MESSAGE",
                note="hello",
                is_internal=False,
            )
        )
        data = repository.claim_data(
            Schema.INT,
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        expected = [(event_id, "MESSAGE", False)]
        actual = [(e.claim_event_id, e.event, e.is_internal) for e in data.events]
        assert expected == actual

    def test_new_document_ids_fit_an_int_and_never_collide(self, engine, repository):
        """The original's clock-derived ids passed INT's maximum in May 2024."""
        submitted = seed_claim(engine, Schema.EXT, claim_graph())
        claim = submitted.claim
        external = repository.claim_data(
            Schema.EXT,
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        repository.move_to_internal(
            plan_claim_move(external, claim_type="first-time", now=NOW), now=NOW
        )
        ids = {
            repository.add_internal_document(
                claim=claim,
                document_type="income-support",
                document_status="upload-later",
                now=NOW,
            )
            for _ in range(3)
        }
        later = seed_claim(engine, Schema.EXT, claim_graph(reference="LATER01"))
        taken = {d.claim_document_id for d in submitted.documents + later.documents}
        expected = (3, True, set())
        actual = (len(ids), max(ids) <= INT_MAX, ids & taken)
        assert expected == actual

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

    def test_prison_numbers_visited_on_a_uk_day_match_any_time_that_day(
        self, engine, repository
    ):
        """The original matched only journeys stored at exactly midnight."""
        afternoon = datetime(2024, 6, 25, 13, 0, tzinfo=UTC)  # 14:00 BST
        next_day = datetime(2024, 6, 25, 23, 0, tzinfo=UTC)  # 00:00 BST on the 26th
        seed_claim(
            engine,
            Schema.INT,
            evolve_claim(claim_graph(base_id=10), date_of_journey=afternoon),
        )
        other = claim_graph(base_id=20, reference="XYZ9876")
        other = attrs.evolve(
            other, prisoner=attrs.evolve(other.prisoner, prison_number="Z9999ZZ")
        )
        seed_claim(engine, Schema.INT, evolve_claim(other, date_of_journey=next_day))
        expected = ["A1234BC"]
        actual = list(repository.prison_numbers_visited_on(date(2024, 6, 25)))
        assert expected == actual


class TestAutoApprovalRows:
    """The AutoApproval queue and the settings table."""

    def test_queued_approvals_are_listed_oldest_first_and_deleted_by_id(
        self, repository
    ):
        """Insert, list, delete."""
        ids = [
            repository.add_auto_approval(
                AutoApproval(
                    auto_approval_id=None,
                    claim_id=n,
                    reference="ABC1234",
                    email_address="v@example.com",
                    date_added=datetime(2024, 7, n, tzinfo=UTC),
                )
            )
            for n in (2, 1)
        ]
        repository.delete_auto_approval(ids[0])
        expected = [1]
        actual = [a.claim_id for a in repository.auto_approvals()]
        assert expected == actual

    def test_no_settings_row_means_none(self, repository):
        """The caller then falls back to configured defaults."""
        expected = None
        actual = repository.auto_approval_config()
        assert expected == actual
