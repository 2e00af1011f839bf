"""The claim move and the external clean-up, against SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import attrs
import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.errors import DatabaseError
from hmpps_workers.adapters.sql.prison_visits.seed import seed_claim
from hmpps_workers.adapters.sql.prison_visits.tables import EXT, INT, ext_contact_update
from hmpps_workers.core.prison_visits.claims.move import plan_claim_move
from hmpps_workers.core.tasks.model import NewTask, Schema
from hmpps_workers.core.testing.claim_builders import claim_graph, with_contact_update

NOW = datetime(2024, 7, 2, 10, 0, tzinfo=UTC)
EXT_TABLES = [
    EXT.eligibility,
    EXT.prisoner,
    EXT.visitor,
    EXT.benefit,
    EXT.eligible_child,
    EXT.claim,
    EXT.claim_expense,
    EXT.claim_bank_detail,
    EXT.claim_document,
    EXT.claim_child,
    EXT.claim_escort,
    ext_contact_update,
]


def _counts(engine, tables):
    with engine.connect() as conn:
        return {
            t.fullname: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
            for t in tables
        }


def _read(repository, schema, stored):
    claim = stored.claim
    return repository.claim_data(
        schema,
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
    )


class TestClaimData:
    """The "all claim data" read."""

    def test_reads_back_every_row_of_a_seeded_external_claim(self, engine, repository):
        """Identities assign the ids, and every part comes back as stored."""
        stored = seed_claim(engine, Schema.EXT, with_contact_update(claim_graph()))
        expected = stored
        actual = _read(repository, Schema.EXT, stored)
        assert expected == actual

    def test_reference_matches_ignoring_case_and_trailing_spaces(
        self, engine, repository
    ):
        """As SQL Server's collation does."""
        stored = seed_claim(engine, Schema.INT, claim_graph(reference="ABC1234"))
        claim = stored.claim
        data = repository.claim_data(
            Schema.INT,
            reference="abc1234 ",
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        expected = stored.visitor
        actual = data.visitor
        assert expected == actual

    def test_disabled_rows_are_left_out_unless_documents_are_asked_for(
        self, engine, repository
    ):
        """Disabled children and documents stay out; disabled documents on request."""
        graph = claim_graph()
        graph = attrs.evolve(
            graph,
            children=(attrs.evolve(graph.children[0], is_enabled=False),),
            documents=(attrs.evolve(graph.documents[0], is_enabled=False),),
        )
        stored = seed_claim(engine, Schema.INT, graph)
        claim = stored.claim
        with_disabled = repository.claim_data(
            Schema.INT,
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
            include_disabled_documents=True,
        )
        expected = ((), (), 1)
        actual = (
            _read(repository, Schema.INT, stored).children,
            _read(repository, Schema.INT, stored).documents,
            len(with_disabled.documents),
        )
        assert expected == actual

    def test_external_ids_are_never_handed_out_twice(self, engine):
        """Ids are copied to IntSchema, so a deleted ExtSchema id must not come back."""
        first = seed_claim(engine, Schema.EXT, claim_graph())
        with engine.begin() as conn:
            conn.execute(sa.delete(EXT.claim_child))
            conn.execute(sa.delete(EXT.claim_escort))
        second = seed_claim(engine, Schema.EXT, claim_graph())
        assert second.children[0].claim_child_id > first.children[0].claim_child_id


class TestClaimMove:
    """COMPLETE-CLAIM's move from ExtSchema to IntSchema."""

    def test_moves_the_whole_claim_and_removes_every_external_row(
        self, engine, repository
    ):
        """The IntSchema graph keeps the ids; ExtSchema is left empty."""
        stored = seed_claim(engine, Schema.EXT, with_contact_update(claim_graph()))
        task = NewTask(
            task="DWP-CHECK", schema=Schema.INT, claim_id=stored.claim.claim_id
        )
        move = plan_claim_move(
            _read(repository, Schema.EXT, stored),
            claim_type="first-time",
            now=NOW,
            follow_on_tasks=(task,),
        )
        repository.move_to_internal(move, now=NOW)
        moved = _read(repository, Schema.INT, stored)
        expected = (
            move.internal.claim,
            move.internal.expenses,
            move.internal.documents,
            move.internal.escorts,
            ["CLAIM-SUBMITTED", "CONTACT-DETAILS-UPDATED"],
            "new@example.com",
            {t.fullname: 0 for t in EXT_TABLES},
            1,
        )
        actual = (
            moved.claim,
            moved.expenses,
            moved.documents,
            moved.escorts,
            [e.event for e in moved.events],
            moved.visitor.email_address,
            _counts(engine, EXT_TABLES),
            _counts(engine, [INT.task])[INT.task.fullname],
        )
        assert expected == actual

    def test_a_move_interrupted_half_way_leaves_both_schemas_as_they_were(
        self, engine, repository
    ):
        """A failure after some IntSchema inserts rolls everything back."""
        stored = seed_claim(engine, Schema.EXT, claim_graph())
        clash = claim_graph(reference="ZZZ9999", base_id=5000)
        clash = attrs.evolve(
            clash,
            documents=(
                attrs.evolve(
                    clash.documents[0],
                    claim_document_id=stored.documents[0].claim_document_id,
                ),
            ),
        )
        seed_claim(engine, Schema.INT, clash)
        before = _counts(engine, [*EXT_TABLES, INT.claim, INT.claim_expense])
        move = plan_claim_move(
            _read(repository, Schema.EXT, stored), claim_type=None, now=NOW
        )
        with pytest.raises(DatabaseError):
            repository.move_to_internal(move, now=NOW)
        expected = before
        actual = _counts(engine, [*EXT_TABLES, INT.claim, INT.claim_expense])
        assert expected == actual


class TestExternalCleanUp:
    """Deleting abandoned ExtSchema claims and eligibilities."""

    def test_an_eligibility_without_a_claim_keeps_other_eligibilities_documents(
        self, engine, repository
    ):
        """The original deleted every eligibility-level document of every applicant."""
        mine = seed_claim(engine, Schema.EXT, claim_graph(reference="MINE001"))
        theirs = seed_claim(engine, Schema.EXT, claim_graph(reference="THEM001"))
        with engine.begin() as conn:
            conn.execute(
                sa.delete(EXT.claim_document).where(
                    EXT.claim_document.c.ClaimId.is_not(None)
                )
            )
            for table in (
                EXT.claim_bank_detail,
                EXT.claim_expense,
                EXT.claim_child,
                EXT.claim_escort,
                EXT.claim,
            ):
                conn.execute(
                    sa.delete(table).where(table.c.ClaimId == mine.claim.claim_id)
                )
        repository.delete_external_claim(
            reference="MINE001",
            eligibility_id=mine.eligibility.eligibility_id,
            claim_id=None,
        )
        with engine.connect() as conn:
            left = (
                conn.execute(sa.select(EXT.claim_document.c.Reference)).scalars().all()
            )
        expected = (["THEM001"], theirs.eligibility.eligibility_id)
        actual = (
            left,
            _read(repository, Schema.EXT, theirs).eligibility.eligibility_id,
        )
        assert expected == actual
