"""ARCHIVE-OLD-CLAIMS and ARCHIVE-CLAIM: move long-reviewed claims to the archive."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Protocol

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.claims.ports import ClaimArchive
from hmpps_workers.core.prison_visits.claims.queries import ClaimJobQueries
from hmpps_workers.core.prison_visits.handlers.common import require_claim_id
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks.model import NewTask, Schema, Task

log = logging.getLogger(__name__)


class TaskQueue(Protocol):
    """Where follow-on tasks go (the task store's enqueue)."""

    def enqueue(self, task: NewTask, *, now: datetime) -> int:
        """Insert a PENDING task and return its id."""
        ...


@attrs.define(kw_only=True)
class ArchiveOldClaims:
    """Queues one ARCHIVE-CLAIM per claim reviewed before the cutoff."""

    claims: ClaimJobQueries
    tasks: TaskQueue
    clock: Clock
    archive_after: timedelta = timedelta(days=365)

    def __call__(self, task: Task) -> None:
        """Find the claims and queue them (a repeat queues them again, harmlessly)."""
        now = self.clock.now()
        claim_ids = self.claims.claims_reviewed_before(now - self.archive_after)
        for claim_id in claim_ids:
            self.tasks.enqueue(
                NewTask(
                    task=TaskType.ARCHIVE_CLAIM, schema=Schema.INT, claim_id=claim_id
                ),
                now=now,
            )
        log.info(
            "claims queued for archiving",
            extra={"task": task.describe(), "count": len(claim_ids)},
        )


@attrs.define(kw_only=True)
class ArchiveClaim:
    """Copies one claim to the archive database and deletes it from IntSchema."""

    archive: ClaimArchive | None

    def __call__(self, task: Task) -> None:
        """Archive the claim; one already archived (or gone) is nothing to do."""
        claim_id = require_claim_id(task)
        if self.archive is None:
            raise ConfigurationError(
                "ARCHIVE-CLAIM needs the archive database:"
                " set APVS_ARCHIVE_DATABASE_URL"
            )
        archived = self.archive.archive_claim(claim_id)
        log.info(
            "claim archived" if archived else "claim already archived or absent",
            extra={"task": task.describe(), "claim": claim_id},
        )
