"""What COMPLETE-CLAIM alone sends to the database, statement by statement.

A first-time claim (every ExtSchema table has rows) and an approvable repeat claim
(claim-level rows only; the claimant's email comes from IntSchema) are submitted,
their COMPLETE-CLAIM tasks claimed, and the handler run with a listener on the
engine that records each statement's first line and each commit. Seeding and the
claim are not counted. `python -m benchmarks.complete_claim [URL]` prints them.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import attrs
import sqlalchemy as sa
from sqlalchemy import event

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import (
    seed_journey,
    submit_claim,
)
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.prison_visits.handlers.complete_claim import CompleteClaim
from hmpps_workers.core.prison_visits.pricing import PricingSettings
from hmpps_workers.core.tasks import Schema
from hmpps_workers.core.testing.claim_builders import claim_graph
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.handler_world import OFFICE_HOURS


@attrs.define
class StatementLog:
    """The first line of every statement sent, and the commits, while recording."""

    statements: list[str] = attrs.field(factory=list)
    commits: int = 0
    recording: bool = False

    def attach(self, engine: sa.Engine) -> None:
        """Listen on `engine`."""
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)

    def _statement(self, _conn: object, _cursor: object, sql: str, *_: object) -> None:
        if self.recording:
            self.statements.append(" ".join(sql.split())[:110])

    def _commit(self, *_args: object) -> None:
        if self.recording:
            self.commits += 1


@attrs.frozen(kw_only=True)
class Counted:
    """One COMPLETE-CLAIM run: its statements (first lines) and commits."""

    claim: str
    statements: tuple[str, ...]
    commits: int


def count_complete_claim(engine: sa.Engine) -> list[Counted]:
    """Run COMPLETE-CLAIM on a first-time and on a repeat claim, recording both."""
    clock = FakeClock(OFFICE_HOURS)
    now = clock.now()
    submit_claim(
        engine, claim_graph(reference="FIRST01"), claim_type="first-time", now=now
    )
    seed_journey(engine, approvable_journey(now, reference="REPEAT1"), now=now)
    store = SqlTaskStore(engine)
    handler = CompleteClaim(
        claims=SqlClaimRepository(engine), clock=clock, pricing=PricingSettings()
    )
    log = StatementLog()
    log.attach(engine)
    counted = []
    for name in ("first-time", "repeat"):
        (task,) = store.claim(
            Schema.EXT, limit=1, now=now, lease=timedelta(minutes=5), owner="count"
        )
        log.statements.clear()
        log.commits = 0
        log.recording = True
        handler(task)
        log.recording = False
        counted.append(
            Counted(claim=name, statements=tuple(log.statements), commits=log.commits)
        )
    return counted


@contextmanager
def _engine(url: str | None) -> Iterator[sa.Engine]:
    with tempfile.TemporaryDirectory() as directory:
        engine = create_database_engine(url or f"sqlite:///{Path(directory) / 'c.db'}")
        create_schema(engine)
        try:
            yield engine
        finally:
            engine.dispose()


def main(argv: list[str]) -> int:
    """Print COMPLETE-CLAIM's statements on SQLite, or on the URL given."""
    with _engine(argv[0] if argv else None) as engine:
        for run in count_complete_claim(engine):
            print(
                f"COMPLETE-CLAIM, {run.claim} claim ({engine.dialect.name}):"
                f" {len(run.statements)} statements, {run.commits} commits"
            )
            for line in run.statements:
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
