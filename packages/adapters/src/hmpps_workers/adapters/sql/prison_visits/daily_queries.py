"""Named statements the daily jobs and deferred approvals add to `job_queries`.

Reminders skip claims whose reminder task is already queued, so a catch-up window
can overlap a day already covered without sending twice; auto-rejection only
rejects a claim still waiting on the claimant; the clean-up spares claims whose
COMPLETE-CLAIM task has not finished.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits import job_queries as jq
from hmpps_workers.adapters.sql.prison_visits.run_tables import job_history
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.adapters.sql.prison_visits.text import ci_equal, ci_in
from hmpps_workers.adapters.sql.task_tables import ext_task, int_task
from hmpps_workers.core.prison_visits.claims.values import ClaimStatus
from hmpps_workers.core.tasks.model import TaskStatus

ADVANCE_REMINDER_TASK = "ADVANCE-CLAIM-EVIDENCE-REMINDER-NOTIFICATION"
INFORMATION_REMINDER_TASK = "SEND-REQUEST-INFORMATION-REMINDER-NOTIFICATION"
COMPLETE_CLAIM_TASK = "COMPLETE-CLAIM"
QUEUED = (TaskStatus.PENDING.value, TaskStatus.IN_PROGRESS.value)


def _task_for_claim(kind: str) -> sa.ColumnElement[bool]:
    t = int_task.c
    return sa.and_(t.ClaimId == INT.claim.c.ClaimId, ci_equal(t.Task, kind))


def advance_claims_not_reminded(
    start: datetime, end: datetime, *, reminder: str
) -> sa.Select[Any]:
    """§7 row 2 in [start, end), less claims already given this reminder."""
    suffix = int_task.c.AdditionalData.endswith(f"~~{reminder}", autoescape=True)
    reminded = sa.exists().where(_task_for_claim(ADVANCE_REMINDER_TASK), suffix)
    return jq.advance_claims_journeyed_between(start, end).where(~reminded)


def claims_awaiting_information_not_queued(
    *, last_updated_before: datetime
) -> sa.Select[Any]:
    """§7 row 3, less claims whose reminder task is waiting to run."""
    queued = sa.exists().where(
        _task_for_claim(INFORMATION_REMINDER_TASK), ci_in(int_task.c.Status, QUEUED)
    )
    return jq.claims_awaiting_information(
        last_updated_before=last_updated_before
    ).where(~queued)


def reject_waiting_claim(claim_id: int, *, now: datetime) -> sa.Update:
    """REJECTED as §3.14 sets it, only if still reminded and waiting on the claimant."""
    c = INT.claim.c
    return (
        sa.update(INT.claim)
        .where(
            c.ClaimId == claim_id,
            c.ReminderSent == sa.true(),
            ci_in(c.Status, jq.AWAITING_CLAIMANT),
        )
        .values(
            Status=ClaimStatus.REJECTED.value,
            LastUpdated=now,
            ReminderSent=False,
            DateReminderSent=None,
        )
    )


def unfinished_complete_claims() -> sa.Select[Any]:
    """ExtSchema claims and eligibilities whose COMPLETE-CLAIM has not completed."""
    t = ext_task.c
    return (
        sa.select(t.EligibilityId, t.ClaimId)
        .where(
            ci_equal(t.Task, COMPLETE_CLAIM_TASK),
            sa.not_(ci_equal(t.Status, TaskStatus.COMPLETE.value)),
        )
        .distinct()
    )


def claims_to_archive(*, reviewed_before: datetime, limit: int) -> sa.Select[Any]:
    """At most `limit` claims reviewed before the cutoff, lowest id first."""
    return jq.claims_reviewed_before(reviewed_before).limit(limit)


def claim_state(claim_id: int) -> sa.Select[Any]:
    """What a caseworker may have changed: Status and LastUpdated."""
    c = INT.claim.c
    return sa.select(c.Status, c.LastUpdated).where(c.ClaimId == claim_id)


def last_success(job: str) -> sa.Select[Any]:
    """When a job last succeeded."""
    h = job_history.c
    return sa.select(h.LastSuccessDate).where(h.JobName == job)


def update_success(job: str, at: datetime) -> sa.Update:
    """Move a job's last success on (0 rows: never run)."""
    h = job_history.c
    return sa.update(job_history).where(h.JobName == job).values(LastSuccessDate=at)


def insert_success(job: str, at: datetime) -> sa.Insert:
    """A job's first success."""
    return sa.insert(job_history).values(JobName=job, LastSuccessDate=at)
