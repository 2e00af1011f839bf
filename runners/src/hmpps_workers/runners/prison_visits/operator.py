"""Output for the operator commands: tables on a terminal, JSON lines for scripts."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime

from hmpps_workers.core.tasks import Schema, Task
from hmpps_workers.runners.tables import print_table


def _age(now: datetime, then: datetime) -> str:
    seconds = int((now - then).total_seconds())
    for unit, size in (("d", 86_400), ("h", 3_600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{max(seconds, 0)}s"


def task_record(task: Task) -> dict[str, object]:
    """A task as plain data, without its payload (which can hold personal data)."""
    return {
        "schema": str(task.schema),
        "task_id": task.task_id,
        "task": task.task,
        "status": str(task.status),
        "reference": task.reference,
        "claim_id": task.claim_id,
        "date_created": task.date_created.isoformat(),
        "date_processed": task.date_processed.isoformat()
        if task.date_processed
        else None,
        "attempts": task.attempts,
        "next_attempt": task.next_attempt.isoformat() if task.next_attempt else None,
        "last_error": task.last_error,
    }


def print_tasks(tasks: Sequence[Task], *, now: datetime, as_json: bool) -> None:
    """Print tasks as a table or JSON lines."""
    if as_json:
        for task in tasks:
            print(json.dumps(task_record(task)))
        return
    rows = [
        (
            f"{task.schema}:{task.task_id}",
            task.task,
            str(task.status),
            str(task.attempts),
            _age(now, task.date_created),
            (task.last_error or "")[:70],
        )
        for task in tasks
    ]
    print_table(("TASK", "TYPE", "STATUS", "ATTEMPTS", "AGE", "LAST ERROR"), rows)
    print(f"{len(tasks)} task(s)")


def stalled_claim_record(task: Task) -> dict[str, object]:
    """A FAILED task as the claim it stopped: ids, type and reason, no payload."""
    return {
        "reference": task.reference,
        "claim_id": task.claim_id,
        "schema": str(task.schema),
        "task_id": task.task_id,
        "task": task.task,
        "reason": task.last_error,
        "retry": ["--schema", str(task.schema), "--id", str(task.task_id)],
    }


def print_stalled_claims(
    tasks: Sequence[Task], *, now: datetime, as_json: bool
) -> None:
    """Print the FAILED tasks that name a claim, with the arguments to retry each."""
    stalled = [t for t in tasks if t.claim_id is not None or t.reference]
    if as_json:
        for task in stalled:
            print(json.dumps(stalled_claim_record(task)))
        return
    rows = [
        (
            task.reference or "",
            str(task.claim_id or ""),
            task.task,
            _age(now, task.date_created),
            f"--schema {task.schema} --id {task.task_id}",
            (task.last_error or "")[:90],
        )
        for task in stalled
    ]
    header = ("REFERENCE", "CLAIM", "TYPE", "AGE", "RETRY WITH", "REASON")
    print_table(header, rows)
    print(f"{len(stalled)} claim task(s) stopped; re-run with: tasks retry RETRY WITH")


def print_counts(counts: Mapping[tuple[Schema, str], int], *, as_json: bool) -> None:
    """Print counts per schema and status."""
    ordered = sorted(counts.items(), key=lambda item: (item[0][0], item[0][1]))
    if as_json:
        print(
            json.dumps(
                [{"schema": str(s), "status": st, "count": n} for (s, st), n in ordered]
            )
        )
        return
    print_table(
        ("SCHEMA", "STATUS", "COUNT"),
        [(str(s), st, str(n)) for (s, st), n in ordered],
    )


def print_migration_script(dialect_name: str) -> None:
    """Print the idempotent migration script for a DBA."""
    from sqlalchemy.dialects import mssql, postgresql, sqlite  # noqa: PLC0415

    from hmpps_workers.adapters.sql import migrations  # noqa: PLC0415

    dialect = {"mssql": mssql, "postgresql": postgresql, "sqlite": sqlite}[dialect_name]
    print(migrations.script(dialect.dialect()), end="")
