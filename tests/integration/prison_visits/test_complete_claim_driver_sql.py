"""COMPLETE-CLAIM's statements reach the driver unchanged when sent as compiled text."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from hmpps_workers.adapters.sql import driver_reads, driver_sql
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import seed_journey
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.prison_visits.handlers.complete_claim import CompleteClaim
from hmpps_workers.core.prison_visits.pricing import PricingSettings
from hmpps_workers.core.tasks import Schema
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.handler_world import OFFICE_HOURS
from support.databases import SQL_BACKENDS, backend_url, fresh_engine

NOW = OFFICE_HOURS


def _sent(engine: sa.Engine) -> tuple[list[tuple[str, Any, bool]], int]:
    """COMPLETE-CLAIM on a seeded claim: statements, parameters, executemany; texts.

    The count is of the statements sent as compiled text (BEGIN and COMMIT aside).
    """
    seed_journey(engine, approvable_journey(NOW), now=NOW)
    (task,) = SqlTaskStore(engine).claim(
        Schema.EXT, limit=1, now=NOW, lease=timedelta(minutes=5), owner="w1"
    )
    handler = CompleteClaim(
        claims=SqlClaimRepository(engine),
        clock=FakeClock(NOW),
        pricing=PricingSettings(),
    )
    sent: list[tuple[str, Any, bool]] = []
    texts: list[str] = []

    def record(_conn, _cursor, statement, parameters, context, many) -> None:
        sent.append((statement, list(parameters) if many else parameters, many))
        if context.compiled is None and not statement.startswith(("BEGIN", "COMMIT")):
            texts.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        handler(task)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return sent, len(texts)


@pytest.mark.parametrize("backend", SQL_BACKENDS)
def test_the_claim_move_sends_what_execute_sent(
    backend, request, tmp_path, monkeypatch
):
    """Same statements, in order, with the same parameters, as `execute` sends them."""
    for folder in ("text", "execute"):
        (tmp_path / folder).mkdir()
    with fresh_engine(backend_url(backend, request, tmp_path / "text")) as engine:
        as_text = _sent(engine)
    with monkeypatch.context() as patch:
        patch.setattr(driver_sql, "render", lambda *_args, **_kw: None)
        patch.setattr(driver_reads, "render_read", lambda *_args, **_kw: None)
        with fresh_engine(
            backend_url(backend, request, tmp_path / "execute")
        ) as engine:
            as_before = _sent(engine)
    # the claim's DELETE, the IntSchema INSERTs (one an executemany), the follow-on
    # task and the task's COMPLETE; through driver_reads the lock and the five
    # DELETE ... RETURNING takes
    texts = 16 if engine.dialect.name in driver_sql.DIALECTS else 0
    statements = [s for s in as_text[0] if not s[0].startswith(("BEGIN", "COMMIT"))]
    expected = (as_before[0], (0, 16, texts))
    actual = (as_text[0], (as_before[1], len(statements), as_text[1]))
    assert expected == actual
