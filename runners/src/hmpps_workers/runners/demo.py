"""`hmpps-workers demo`: the quick start, both services on fresh SQLite files."""

from __future__ import annotations

from pathlib import Path

from hmpps_workers.runners import logging as runner_logging
from hmpps_workers.runners.prison_to_probation.demo import run_p2p_demo
from hmpps_workers.runners.prison_visits.demo import run_visits_demo


def run_demo(database: str) -> int:
    """Run each service's demo; exit 0 when both behaved as expected."""
    runner_logging.configure("WARNING", "text")
    print("== Prison visits worker: the task engine ==\n")
    visits_ok = run_visits_demo(database)
    print("\n== Prison to probation update: the event pipeline ==\n")
    p2p_database = str(Path(database).with_name(f"{Path(database).stem}-p2p.db"))
    Path(p2p_database).unlink(missing_ok=True)
    p2p_status = run_p2p_demo(p2p_database)
    return 0 if visits_ok and p2p_status == 0 else 1
