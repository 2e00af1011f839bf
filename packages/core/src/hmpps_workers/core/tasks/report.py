"""What a run of the task engine came to: counts per batch and run, failures kept."""

from __future__ import annotations

import attrs

from hmpps_workers.core.tasks.model import Schema

MAX_FAILURES_KEPT = 100
_COUNTERS = (
    "claimed",
    "completed",
    "failed",
    "retried",
    "released",
    "lease_lost",
    "store_errors",
)


@attrs.frozen(kw_only=True)
class TaskFailure:
    """A task that ended FAILED in this run, for the run's summary."""

    schema: Schema
    task_id: int
    task_type: str
    reason: str


@attrs.define(kw_only=True)
class BatchOutcome:
    """What one claimed batch came to."""

    schema: Schema
    claimed: int = 0
    completed: int = 0
    failed: int = 0
    retried: int = 0
    released: int = 0
    lease_lost: int = 0
    store_errors: int = 0


@attrs.define(kw_only=True)
class RunReport:
    """Totals for a drain or a polling run; `ok` is False if anything failed."""

    batches: int = 0
    claimed: int = 0
    completed: int = 0
    failed: int = 0
    retried: int = 0
    released: int = 0
    lease_lost: int = 0
    store_errors: int = 0
    failures: list[TaskFailure] = attrs.field(factory=list)

    @property
    def ok(self) -> bool:
        """True when no task failed and the store never failed us."""
        return self.failed == 0 and self.store_errors == 0

    def add(self, outcome: BatchOutcome) -> None:
        """Fold one batch into the totals."""
        self.batches += 1
        for name in _COUNTERS:
            setattr(self, name, getattr(self, name) + getattr(outcome, name))

    def settle(self, outcome: BatchOutcome) -> None:
        """Fold in outcomes recorded after their batch was counted: not a batch."""
        for name in _COUNTERS:
            setattr(self, name, getattr(self, name) + getattr(outcome, name))

    def merge(self, other: RunReport) -> None:
        """Fold another run's totals into these, keeping the newest failures."""
        self.batches += other.batches
        for name in _COUNTERS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failures = (self.failures + other.failures)[-MAX_FAILURES_KEPT:]
