"""COMPLETE-CLAIM against the external site writing to the same claim at the same time.

A second connection (the external web app) attaches a row to the claim while the
handler is moving it. Whatever the interleaving, the row ends in IntSchema or stays
in ExtSchema: it is never deleted without being copied.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import submit_claim
from hmpps_workers.adapters.sql.prison_visits.tables import EXT, INT
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.prison_visits.handlers.complete_claim import CompleteClaim
from hmpps_workers.core.prison_visits.pricing import PricingSettings
from hmpps_workers.core.tasks import Schema
from hmpps_workers.core.testing.claim_builders import claim_graph
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.handler_world import OFFICE_HOURS

NOW = OFFICE_HOURS
LATE_DOCUMENT = "LATE-UPLOAD"


class ConcurrentWriter:
    """Runs one INSERT on its own engine, in a thread, the first time a hook fires."""

    def __init__(self, url: sa.URL, table: sa.Table, values: dict[str, object]):
        self.engine = create_database_engine(url)
        self.table = table
        self.values = values
        self.thread: threading.Thread | None = None
        self.error: BaseException | None = None

    def _insert(self) -> None:
        try:
            with self.engine.begin() as connection:
                connection.execute(sa.insert(self.table).values(self.values))
        except sa.exc.DBAPIError as error:
            self.error = error

    def start(self, wait: float) -> None:
        """Start the insert once; give it `wait` seconds to finish before going on."""
        if self.thread is not None:
            return
        self.thread = threading.Thread(target=self._insert)
        self.thread.start()
        self.thread.join(wait)

    def finish(self) -> None:
        """Wait for the insert to end and release the engine."""
        if self.thread is not None:
            self.thread.join(30)
        self.engine.dispose()


def _after_statement_on(engine: sa.Engine, table_name: str, hook) -> None:
    """Call `hook` after the first statement that names ExtSchema's `table_name`."""
    name = f'"ExtSchema"."{table_name}"'

    def after(_conn, _cursor, statement, *_args) -> None:
        if name in statement:
            hook()

    event.listen(engine, "after_cursor_execute", after)


def _complete_claim(engine: sa.Engine) -> None:
    store = SqlTaskStore(engine)
    (task,) = store.claim(
        Schema.EXT, limit=1, now=NOW, lease=timedelta(minutes=5), owner="w1"
    )
    handler = CompleteClaim(
        claims=SqlClaimRepository(engine),
        clock=FakeClock(NOW),
        pricing=PricingSettings(),
    )
    handler(task)


def _documents(engine: sa.Engine, table: sa.Table) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                sa.select(table.c.DocumentType).where(
                    table.c.DocumentType == LATE_DOCUMENT
                )
            ).scalars()
        )


@pytest.fixture
def submitted(engine):
    """A first-time claim in ExtSchema with its COMPLETE-CLAIM task."""
    return submit_claim(
        engine, claim_graph(reference="RACE001"), claim_type="first-time", now=NOW
    )


class TestDocumentAttachedDuringTheMove:
    """ExtSchema.ClaimDocument has no foreign key: nothing blocks its insert."""

    def test_a_document_attached_after_the_read_is_never_lost(self, engine, submitted):
        """The late document is in IntSchema or still in ExtSchema after the task."""
        claim = submitted.claim
        writer = ConcurrentWriter(
            engine.url,
            EXT.claim_document,
            {
                "EligibilityId": claim.eligibility_id,
                "ClaimId": claim.claim_id,
                "Reference": claim.reference,
                "DocumentType": LATE_DOCUMENT,
                "DocumentStatus": "uploaded",
                "IsEnabled": True,
            },
        )
        _after_statement_on(engine, "ClaimDocument", lambda: writer.start(wait=2))
        try:
            _complete_claim(engine)
        finally:
            writer.finish()
        assert writer.error is None
        found = _documents(engine, INT.claim_document) + _documents(
            engine, EXT.claim_document
        )
        assert found == [LATE_DOCUMENT]


def _waits_on_a_lock(engine: sa.Engine) -> bool:
    """True once another session of this database waits on a lock (PostgreSQL)."""
    query = sa.text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE datname = current_database() AND wait_event_type = 'Lock'"
    )
    probe = create_database_engine(engine.url)
    try:
        for _ in range(200):
            with probe.connect() as connection:
                if connection.execute(query).scalar_one():
                    return True
            threading.Event().wait(0.05)
        return False
    finally:
        probe.dispose()


def _late_child(submitted) -> dict[str, object]:
    claim = submitted.claim
    return {
        "EligibilityId": claim.eligibility_id,
        "ClaimId": claim.claim_id,
        "Reference": claim.reference,
        "FirstName": "Late",
        "LastName": "Child",
        "DateOfBirth": submitted.children[0].date_of_birth,
        "Relationship": "son",
        "IsEnabled": True,
    }


def _late_visitor(submitted) -> dict[str, object]:
    visitor = submitted.visitor
    return {
        "EligibilityId": submitted.claim.eligibility_id,
        "Reference": submitted.claim.reference,
        **{
            column: getattr(visitor, name)
            for column, name in (
                ("FirstName", "first_name"),
                ("LastName", "last_name"),
                ("NationalInsuranceNumber", "national_insurance_number"),
                ("HouseNumberAndStreet", "house_number_and_street"),
                ("Town", "town"),
                ("County", "county"),
                ("Country", "country"),
                ("PostCode", "post_code"),
                ("EmailAddress", "email_address"),
                ("DateOfBirth", "date_of_birth"),
                ("Relationship", "relationship"),
            )
        },
    }


LATE_ROWS = {
    "child of the claim": (EXT.claim_child, INT.claim_child, _late_child),
    "visitor of the eligibility": (EXT.visitor, INT.visitor, _late_visitor),
}


class TestChildAttachedDuringTheMove:
    """A row naming the claim or eligibility by foreign key: its insert must wait."""

    @pytest.mark.parametrize("late", sorted(LATE_ROWS))
    def test_an_insert_waits_for_the_move_then_fails_its_foreign_key(
        self, engine, submitted, late
    ):
        """The insert blocks on the locked parent, then finds it gone; nothing lost."""
        external_table, internal_table, values = LATE_ROWS[late]
        writer = ConcurrentWriter(engine.url, external_table, values(submitted))
        seen: dict[str, bool] = {}

        def hook() -> None:
            if "blocked" in seen:
                return
            writer.start(wait=0.5)
            seen["blocked"] = writer.thread is not None and writer.thread.is_alive()
            if engine.dialect.name == "postgresql":
                seen["waits on a lock"] = _waits_on_a_lock(engine)

        _after_statement_on(engine, "Eligibility", hook)
        try:
            _complete_claim(engine)
        finally:
            writer.finish()
        expected_seen = {"blocked": True} | (
            {"waits on a lock": True} if engine.dialect.name == "postgresql" else {}
        )
        assert expected_seen == seen
        assert isinstance(writer.error, sa.exc.IntegrityError)
        eligibility_id = submitted.claim.eligibility_id
        with engine.connect() as connection:
            internal = connection.execute(
                sa.select(sa.func.count()).where(
                    internal_table.c.EligibilityId == eligibility_id
                )
            ).scalar_one()
            external = connection.execute(
                sa.select(sa.func.count()).select_from(external_table)
            ).scalar_one()
        moved = len(submitted.children) if late.startswith("child") else 1
        assert (internal, external) == (moved, 0)
