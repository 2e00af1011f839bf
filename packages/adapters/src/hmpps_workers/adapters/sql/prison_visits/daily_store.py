"""The daily jobs' ports on SQL: SqlDailyJobStore, SqlJobHistory, deferred approvals.

They run §7's selections (`job_queries`) with the guards that make a late or repeated
run safe (`daily_queries`). Archiving needs the archive database; with
none configured, only the archiving job fails, and says which variable to set.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.prison_visits import daily_queries as dq
from hmpps_workers.adapters.sql.prison_visits import follow_up_queries as fq
from hmpps_workers.adapters.sql.prison_visits import internal_queries as q
from hmpps_workers.adapters.sql.prison_visits import job_queries as jq
from hmpps_workers.adapters.sql.prison_visits.archive import SqlClaimArchive
from hmpps_workers.adapters.sql.prison_visits.claim_move import delete_external_claim
from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_row
from hmpps_workers.adapters.sql.prison_visits.internal_tables import int_claim_event
from hmpps_workers.adapters.sql.prison_visits.rows import from_row
from hmpps_workers.adapters.sql.tasks import enqueue_task
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.claims.records import AutoApproval, ClaimEvent
from hmpps_workers.core.prison_visits.daily.ports import (
    ClaimContact,
    ClaimState,
    ExternalClaimKey,
    Overpayment,
)
from hmpps_workers.core.tasks.model import NewTask


def _contact(row: Any) -> ClaimContact:  # noqa: ANN401 - a result row
    return ClaimContact(
        claim_id=row.ClaimId,
        eligibility_id=row.EligibilityId,
        reference=row.Reference,
        email_address=row.VisitorEmail,
    )


@attrs.define
class SqlDailyJobStore:
    """§7's selections and actions on the main database (and the archive)."""

    engine: sa.Engine
    archive: SqlClaimArchive | None = None

    def _contacts(self, statement: sa.Select[Any]) -> list[ClaimContact]:
        with (
            translate_errors("select claims for a daily job"),
            self.engine.connect() as c,
        ):
            return [_contact(row) for row in c.execute(statement)]

    def _keys(self, statement: sa.Select[Any]) -> list[ExternalClaimKey]:
        with translate_errors("select stale external data"), self.engine.connect() as c:
            return [
                ExternalClaimKey(
                    reference=row.Reference,
                    eligibility_id=row.EligibilityId,
                    claim_id=row.ClaimId,
                )
                for row in c.execute(statement)
            ]

    def advance_claims_due_evidence(
        self, *, journey_from: datetime, journey_before: datetime, reminder: str
    ) -> Sequence[ClaimContact]:
        """Approved advance claims journeyed in the window, not yet so reminded."""
        return self._contacts(
            dq.advance_claims_not_reminded(
                journey_from, journey_before, reminder=reminder
            )
        )

    def claims_due_information_reminder(
        self, *, last_updated_before: datetime
    ) -> Sequence[ClaimContact]:
        """Claims waiting on the claimant since the cutoff, no reminder queued."""
        return self._contacts(
            dq.claims_awaiting_information_not_queued(
                last_updated_before=last_updated_before
            )
        )

    def enqueue_task(self, task: NewTask, *, now: datetime) -> None:
        """Insert a PENDING task."""
        with translate_errors("queue a task"), self.engine.begin() as c:
            enqueue_task(c, task, now=now)

    def advance_claims_to_mark_overpaid(
        self, *, journey_on_or_before: datetime
    ) -> Sequence[Overpayment]:
        """Late approved advance claims not yet overpaid, with approved sums."""
        statement = jq.overpayment_candidates(journey_on_or_before=journey_on_or_before)
        with translate_errors("select overpayments"), self.engine.connect() as c:
            return [
                Overpayment(
                    claim_id=row.ClaimId,
                    reference=row.Reference,
                    amount=row.Amount or Decimal("0.00"),
                )
                for row in c.execute(statement)
            ]

    def mark_overpaid(self, overpayment: Overpayment, *, reason: str) -> bool:
        """Flag the claim overpaid; False if it already was."""
        statement = jq.mark_overpaid(overpayment, reason=reason)
        with translate_errors("mark a claim overpaid"), self.engine.begin() as c:
            return bool(c.execute(statement).rowcount)

    def claims_to_auto_reject(
        self, *, reminder_sent_before: datetime
    ) -> Sequence[ClaimContact]:
        """Reminded claims still waiting since before the cutoff."""
        return self._contacts(jq.claims_reminded_before(reminder_sent_before))

    def auto_reject(
        self,
        claim: ClaimContact,
        *,
        event: ClaimEvent,
        notification: NewTask,
        now: datetime,
    ) -> bool:
        """Reject, record the event and queue the email in one transaction."""
        statement = dq.reject_waiting_claim(claim.claim_id, now=now)
        with translate_errors("auto-reject a claim"), self.engine.begin() as c:
            if not c.execute(statement).rowcount:
                return False
            insert_row(c, int_claim_event, event, keep_id=False)
            enqueue_task(c, notification, now=now)
        return True

    def stale_external_claims(
        self, *, created_before: datetime
    ) -> Sequence[ExternalClaimKey]:
        """The three passes of §7 row 5, less claims still being completed."""
        found = [
            *self._keys(jq.stale_external_eligibilities(created_before=created_before)),
            *self._keys(jq.stale_external_claims(created_before=created_before)),
            *self._keys(jq.stale_external_documents(submitted_before=created_before)),
        ]
        with translate_errors("select unfinished claims"), self.engine.connect() as c:
            busy = c.execute(dq.unfinished_complete_claims()).all()
        busy_claims = {row.ClaimId for row in busy if row.ClaimId is not None}
        busy_eligibilities = {row.EligibilityId for row in busy}
        keys = [
            key
            for key in found
            if key.claim_id not in busy_claims
            and key.eligibility_id not in busy_eligibilities
        ]
        return list(dict.fromkeys(keys))

    def external_document_paths(self, key: ExternalClaimKey) -> Sequence[str]:
        """S3 keys of the claim's and its eligibility's enabled documents."""
        statement = fq.external_documents(
            reference=key.reference,
            eligibility_id=key.eligibility_id,
            claim_id=key.claim_id,
        )
        with translate_errors("read external documents"), self.engine.connect() as c:
            return [row.Filepath for row in c.execute(statement) if row.Filepath]

    def delete_external_claim(self, key: ExternalClaimKey) -> None:
        """Delete the claim's (or the eligibility's) ExtSchema rows, atomically."""
        with (
            translate_errors(f"delete external eligibility {key.eligibility_id}"),
            self.engine.begin() as c,
        ):
            delete_external_claim(
                c, eligibility_id=key.eligibility_id, claim_id=key.claim_id
            )

    def claims_to_archive(
        self, *, reviewed_before: datetime, limit: int
    ) -> Sequence[int]:
        """At most `limit` claims reviewed before the cutoff; needs the archive."""
        if limit > 0:
            self._archive()
        statement = dq.claims_to_archive(reviewed_before=reviewed_before, limit=limit)
        with translate_errors("select claims to archive"), self.engine.connect() as c:
            return list(c.execute(statement).scalars())

    def archive_claim(self, claim_id: int) -> bool:
        """Copy to the archive database, then delete; needs that database."""
        return self._archive().archive_claim(claim_id)

    def _archive(self) -> SqlClaimArchive:
        if self.archive is None:
            raise ConfigurationError(
                "no archive database: set APVS_ARCHIVE_DATABASE_URL (or"
                " APVS_ARCHIVE_DATABASE beside the SQL Server settings), or set"
                " APVS_ARCHIVE_CLAIMS_MAX_PER_RUN=0 to stop archiving"
            )
        return self.archive


@attrs.define
class SqlJobHistory:
    """Last successes in IntSchema.JobHistory."""

    engine: sa.Engine

    def last_success(self, job: str) -> datetime | None:
        """The job's last success, if any."""
        with translate_errors("read job history"), self.engine.connect() as c:
            value: datetime | None = c.execute(dq.last_success(job)).scalar()
        return value

    def record_success(self, job: str, at: datetime) -> None:
        """Update the row, or add it on the first success."""
        with translate_errors("record job history"), self.engine.begin() as c:
            if not c.execute(dq.update_success(job, at)).rowcount:
                c.execute(dq.insert_success(job, at))


@attrs.define
class SqlDeferredApprovalStore:
    """IntSchema.AutoApproval and the state of the claims it names."""

    engine: sa.Engine

    def deferred_approvals(self) -> Sequence[AutoApproval]:
        """Every row, oldest first."""
        with (
            translate_errors("read queued auto-approvals"),
            self.engine.connect() as c,
        ):
            return [
                from_row(AutoApproval, row)
                for row in c.execute(q.queued_auto_approvals())
            ]

    def claim_state(self, claim_id: int) -> ClaimState | None:
        """Status and LastUpdated; None if the claim is gone."""
        with translate_errors("read a claim's state"), self.engine.connect() as c:
            row = c.execute(dq.claim_state(claim_id)).first()
        if row is None:
            return None
        return ClaimState(status=row.Status, last_updated=row.LastUpdated)

    def delete_auto_approval(self, auto_approval_id: int) -> None:
        """Remove a processed row."""
        with translate_errors("delete an auto-approval"), self.engine.begin() as c:
            c.execute(q.delete_auto_approval(auto_approval_id))
