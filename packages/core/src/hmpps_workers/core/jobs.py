"""Run several independent jobs so that one failing never stops the others."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

import attrs

from hmpps_workers.core.errors import WorkerError

log = logging.getLogger(__name__)


@attrs.frozen(kw_only=True)
class JobOutcome:
    """How one job ended: its summary, or the kind of error that stopped it."""

    name: str
    ok: bool
    summary: Mapping[str, int] = attrs.field(factory=dict)
    error: str | None = None


@attrs.frozen(kw_only=True)
class JobsReport:
    """Every job's outcome, in the order they ran."""

    outcomes: tuple[JobOutcome, ...]

    @property
    def ok(self) -> bool:
        """True when every job succeeded."""
        return all(outcome.ok for outcome in self.outcomes)

    @property
    def failed(self) -> tuple[str, ...]:
        """The names of the jobs that failed."""
        return tuple(outcome.name for outcome in self.outcomes if not outcome.ok)


def describe_error(error: BaseException) -> str:
    """Say what went wrong without personal data.

    Our own errors carry safe text by design; anything else (a driver error may quote
    SQL parameters) is named by its type only. The traceback goes to the redacted log.
    """
    if isinstance(error, WorkerError):
        return f"{type(error).__name__}: {error}"
    return type(error).__name__


def run_jobs(jobs: Mapping[str, Callable[[], Mapping[str, int]]]) -> JobsReport:
    """Run each job in turn, catching its failure so the next one still runs."""
    outcomes = []
    for name, job in jobs.items():
        log.info("job starting", extra={"job": name})
        try:
            summary = dict(job())
        except Exception as error:
            reason = describe_error(error)
            log.exception("job failed", extra={"job": name, "reason": reason})
            outcomes.append(JobOutcome(name=name, ok=False, error=reason))
            continue
        log.info("job finished", extra={"job": name, **summary})
        outcomes.append(JobOutcome(name=name, ok=True, summary=summary))
    return JobsReport(outcomes=tuple(outcomes))
