"""The deferred auto-approval run (§5.5): approve queued claims nobody has touched.

A row is deleted only after its claim is approved, so a killed run approves the rest
next time; a claim a caseworker changed after deferral (no longer NEW, or updated
since) is never approved, and its row is dropped rather than left to pile up.
"""

from __future__ import annotations

import logging

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.errors import WorkerError
from hmpps_workers.core.prison_visits.daily.ports import (
    ApproveClaim,
    DeferredApprovalStore,
)
from hmpps_workers.core.prison_visits.daily.rules import changed_since_deferral
from hmpps_workers.core.progress import NoProgress, Progress

log = logging.getLogger(__name__)


class DeferredApprovalError(WorkerError):
    """Some deferred approvals failed; their rows stay for the next run."""


@attrs.define(kw_only=True)
class DeferredApprovals:
    """Works through the AutoApproval table once."""

    store: DeferredApprovalStore
    approve: ApproveClaim
    clock: Clock
    progress: Progress = attrs.field(factory=NoProgress)

    def run(self) -> dict[str, int]:
        """Approve, skip or fail each row; return the counts."""
        rows = self.store.deferred_approvals()
        counts = {"approved": 0, "changed": 0, "missing": 0, "failed": 0}
        self.progress.start("deferred approvals", len(rows))
        for row in rows:
            self.progress.advance()
            if row.auto_approval_id is None:
                continue
            state = self.store.claim_state(row.claim_id)
            if state is None or changed_since_deferral(state, row.date_added):
                outcome = "missing" if state is None else "changed"
                log.info(
                    "deferred approval dropped: claim %s since deferral",
                    "gone" if state is None else "changed",
                    extra={
                        "claim": row.claim_id,
                        "auto_approval": row.auto_approval_id,
                    },
                )
                self.store.delete_auto_approval(row.auto_approval_id)
                counts[outcome] += 1
                continue
            try:
                self.approve(row, now=self.clock.now())
            except WorkerError as error:
                counts["failed"] += 1
                log.warning(
                    "deferred approval failed",
                    extra={"claim": row.claim_id, "reason": str(error)},
                )
                continue
            self.store.delete_auto_approval(row.auto_approval_id)
            counts["approved"] += 1
        self.progress.finish()
        if counts["failed"]:
            raise DeferredApprovalError(
                f"{counts['failed']} of {len(rows)} deferred approvals failed"
            )
        return counts
