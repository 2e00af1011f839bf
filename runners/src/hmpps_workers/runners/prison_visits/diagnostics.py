"""Diagnostic task types: for smoke tests, benchmarks and the demo, never for claims.

`DIAG-NOOP` does nothing; `DIAG-SLEEP` sleeps for AdditionalData seconds; `DIAG-FAIL`
fails permanently; `DIAG-FLAKY` fails retryably until its attempt number exceeds
AdditionalData (default 1). If `HMPPS_WORKERS_DIAGNOSTICS_LOG` names a file, each run
appends `<schema>:<task id>` to it, so tests can count executions.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from hmpps_workers.core.errors import InvalidTaskError, PermanentError, RetryableError
from hmpps_workers.core.tasks import HandlerRegistry, Task
from hmpps_workers.runners.env import Env

NOOP = "DIAG-NOOP"
SLEEP = "DIAG-SLEEP"
FAIL = "DIAG-FAIL"
FLAKY = "DIAG-FLAKY"
MAX_SLEEP_SECONDS = 600.0


def _record(task: Task) -> None:
    path = Env(os.environ).text("HMPPS_WORKERS_DIAGNOSTICS_LOG")
    if path:
        # One short write with O_APPEND is atomic between processes.
        with Path(path).open("a", encoding="ascii") as log:
            log.write(f"{task.schema}:{task.task_id}\n")


def _number(task: Task, default: float) -> float:
    raw = (task.additional_data or "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise InvalidTaskError(
            f"{task.describe()}: AdditionalData must be a number"
        ) from None


def noop(task: Task) -> None:
    """Do nothing but record the run."""
    _record(task)


def sleep(task: Task) -> None:
    """Sleep for AdditionalData seconds, then record the run."""
    time.sleep(min(max(_number(task, 1.0), 0.0), MAX_SLEEP_SECONDS))
    _record(task)


def fail(task: Task) -> None:
    """Always fail permanently."""
    raise PermanentError(f"{task.describe()} was asked to fail")


def flaky(task: Task) -> None:
    """Fail retryably for the first AdditionalData attempts."""
    if task.attempts <= _number(task, 1.0):
        raise RetryableError(f"{task.describe()} fails on attempt {task.attempts}")
    _record(task)


def registry() -> HandlerRegistry:
    """The diagnostic handlers."""
    return HandlerRegistry({NOOP: noop, SLEEP: sleep, FAIL: fail, FLAKY: flaky})
