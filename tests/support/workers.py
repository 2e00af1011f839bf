"""Worker process targets for multi-process tests (importable by spawned children)."""

from __future__ import annotations

import os

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.clock import SystemClock
from hmpps_workers.core.tasks import TaskWorker
from hmpps_workers.runners.prison_visits import diagnostics


def drain(url: str, log_path: str, worker_number: int, batch_size: int = 50) -> None:
    """One worker process: its own engine, the diagnostics handlers, one drain."""
    os.environ["HMPPS_WORKERS_DIAGNOSTICS_LOG"] = log_path
    engine = create_database_engine(url)
    worker = TaskWorker(
        store=SqlTaskStore(engine),
        registry=diagnostics.registry(),
        clock=SystemClock(),
        owner=f"test-{worker_number}",
        batch_size=batch_size,
    )
    report = worker.drain()
    engine.dispose()
    if not report.ok:
        raise SystemExit(1)
