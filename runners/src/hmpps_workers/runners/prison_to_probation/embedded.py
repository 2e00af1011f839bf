"""The embedded pipeline: SQLite store and lock, events from a JSON-lines file.

No AWS is needed: each line of the file is one SQS body (an SNS envelope), replayed
through validation, then the held-back processing run and the retry tiers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.p2p_lock import SqlLock
from hmpps_workers.adapters.sql.prison_to_probation import (
    SqlMessageStore,
    create_p2p_tables,
)
from hmpps_workers.core.clock import Clock
from hmpps_workers.core.errors import WorkerError
from hmpps_workers.core.prison_to_probation import (
    MessageProcessor,
    Pipeline,
    PipelineSettings,
    Received,
)
from hmpps_workers.core.prison_to_probation.ports import (
    CommunityApi,
    OffenderSearch,
    PrisonApi,
    Telemetry,
)
from hmpps_workers.runners.process import worker_id

log = logging.getLogger(__name__)


def read_envelopes(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line number, SQS body) for each non-blank line of a JSON-lines file."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if line.strip():
                yield number, line


@attrs.frozen(kw_only=True)
class Rejected:
    """A line the pipeline refused: where, and the reason (no message content)."""

    line: int
    reason: str


def sqlite_engine(database: str | None) -> sa.Engine:
    """A SQLite engine (in memory when `database` is None) with the tables created."""
    url = "sqlite://" if database is None else f"sqlite:///{database}"
    engine = create_database_engine(url, schemas=())
    create_p2p_tables(engine)
    return engine


def embedded_pipeline(
    engine: sa.Engine,
    *,
    prison_api: PrisonApi,
    search: OffenderSearch,
    community_api: CommunityApi,
    telemetry: Telemetry,
    clock: Clock,
    settings: PipelineSettings,
) -> Pipeline:
    """Wire the pipeline to the SQL store and lock and the given APIs."""
    return Pipeline(
        store=SqlMessageStore(engine),
        lock=SqlLock(engine),
        prison_api=prison_api,
        processor=MessageProcessor.build(
            prison_api=prison_api,
            search=search,
            community_api=community_api,
            telemetry=telemetry,
            prisons=settings.prisons,
        ),
        clock=clock,
        owner=worker_id(),
        settings=settings,
    )


def replay(
    pipeline: Pipeline, path: Path, *, between: Callable[[], object] | None = None
) -> tuple[list[Received], list[Rejected]]:
    """Receive every envelope of the file; refused lines are reported, not fatal.

    `between` runs between lines (the demo moves its clock on a second).
    """
    received: list[Received] = []
    rejected: list[Rejected] = []
    for number, body in read_envelopes(path):
        if between is not None and (received or rejected):
            between()
        try:
            received.append(pipeline.receive(body))
        except WorkerError as error:
            log.info("event refused", extra={"line": number, "error": str(error)})
            rejected.append(Rejected(line=number, reason=str(error)))
    return received, rejected
