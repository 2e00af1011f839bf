"""SqlClaimRepository: the ClaimRepository port on the main HwPV database.

The handlers', jobs' and payment run's queries live in mixins, one module each.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.prison_visits import internal_queries as q
from hmpps_workers.adapters.sql.prison_visits.claim_data import (
    ClaimKey,
    read_claim_data,
    read_pricing_input,
)
from hmpps_workers.adapters.sql.prison_visits.claim_move import (
    delete_external_claim,
    move_claim,
)
from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_row
from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_auto_approval,
    int_claim_event,
)
from hmpps_workers.adapters.sql.prison_visits.repository_follow_up import (
    FollowUpMixin,
)
from hmpps_workers.adapters.sql.prison_visits.repository_jobs import (
    JobsMixin,
    PaymentsMixin,
)
from hmpps_workers.adapters.sql.prison_visits.rows import from_row
from hmpps_workers.adapters.sql.prison_visits.tables import CLAIM_TABLES, INT
from hmpps_workers.adapters.sql.tasks import complete_task
from hmpps_workers.core.prison_visits.claims.model import Claim, ClaimDocument
from hmpps_workers.core.prison_visits.claims.move import ClaimMove
from hmpps_workers.core.prison_visits.claims.records import (
    AutoApproval,
    AutoApprovalConfig,
    ClaimData,
    ClaimEvent,
)
from hmpps_workers.core.prison_visits.claims.views import PricingInput
from hmpps_workers.core.tasks.model import Schema, Task


@attrs.define
class SqlClaimRepository(FollowUpMixin, JobsMixin, PaymentsMixin):
    """ExtSchema and IntSchema claims, each method in its own transaction."""

    engine: sa.Engine

    def claim_data(
        self,
        schema: Schema,
        *,
        reference: str,
        eligibility_id: int,
        claim_id: int,
        include_disabled_documents: bool = False,
    ) -> ClaimData | None:
        """Everything about a claim ("get all claim data"); None if no such claim."""
        key = ClaimKey(
            reference=reference, eligibility_id=eligibility_id, claim_id=claim_id
        )
        with (
            translate_errors(f"read {schema} claim {claim_id}"),
            self.engine.connect() as conn,
        ):
            return read_claim_data(
                conn,
                CLAIM_TABLES[schema],
                key,
                include_disabled_documents=include_disabled_documents,
            )

    def pricing_input(
        self, *, reference: str, eligibility_id: int, claim_id: int
    ) -> PricingInput | None:
        """An IntSchema claim's enabled expenses, visitor, prisoner; None if absent."""
        key = ClaimKey(
            reference=reference, eligibility_id=eligibility_id, claim_id=claim_id
        )
        with (
            translate_errors(f"read claim {claim_id} for pricing"),
            self.engine.connect() as conn,
        ):
            return read_pricing_input(conn, key)

    def move_to_internal(
        self, move: ClaimMove, *, now: datetime, completes: Task | None = None
    ) -> None:
        """Insert the IntSchema rows, delete the ExtSchema claim, complete; at once."""
        with (
            translate_errors(f"move claim {move.claim_id}"),
            self.engine.begin() as conn,
        ):
            if completes is not None:
                complete_task(conn, completes, now=now)
            move_claim(conn, move, now=now)

    def delete_external_claim(
        self, *, reference: str, eligibility_id: int, claim_id: int | None
    ) -> None:
        """Delete an ExtSchema claim and its eligibility's rows (no claim: None)."""
        del reference  # rows are keyed by id; kept for the port's symmetry
        with (
            translate_errors(f"delete external eligibility {eligibility_id}"),
            self.engine.begin() as conn,
        ):
            delete_external_claim(
                conn, eligibility_id=eligibility_id, claim_id=claim_id
            )

    def update_claim_status(self, claim_id: int, status: str, *, now: datetime) -> None:
        """Set a status, clearing the reminder; LastUpdated too, except for some."""
        with translate_errors(f"update claim {claim_id}"), self.engine.begin() as conn:
            conn.execute(q.update_claim_status(claim_id, status, now=now))

    def add_claim_event(self, event: ClaimEvent) -> int:
        """Append an event to a claim's audit trail; returns its id."""
        with (
            translate_errors(f"add an event to claim {event.claim_id}"),
            self.engine.begin() as conn,
        ):
            stored = insert_row(conn, int_claim_event, event, keep_id=False)
        return int(stored.claim_event_id or 0)

    def add_internal_document(
        self,
        *,
        claim: Claim,
        document_type: str,
        document_status: str,
        now: datetime,
    ) -> int:
        """Add an IntSchema document, its id drawn from the ExtSchema identity."""
        with (
            translate_errors(f"add a document to claim {claim.claim_id}"),
            self.engine.begin() as conn,
        ):
            document_id = int(
                conn.execute(
                    q.draw_document_id(
                        eligibility_id=claim.eligibility_id, reference=claim.reference
                    )
                ).scalar_one()
            )
            conn.execute(q.delete_drawn_document(document_id))
            document = ClaimDocument(
                claim_document_id=document_id,
                eligibility_id=claim.eligibility_id,
                claim_id=claim.claim_id,
                reference=claim.reference,
                document_type=document_type,
                document_status=document_status,
                date_submitted=now,
                is_enabled=True,
            )
            insert_row(conn, INT.claim_document, document, keep_id=True)
        return document_id

    def claims_for_eligibility(self, eligibility_id: int) -> Sequence[Claim]:
        """Every IntSchema claim of an eligibility, latest DateReviewed first."""
        with (
            translate_errors("read claims of an eligibility"),
            self.engine.connect() as conn,
        ):
            rows = conn.execute(q.claims_for_eligibility(eligibility_id))
            return [from_row(Claim, row) for row in rows]

    def prison_numbers_visited_on(self, day: date) -> Sequence[str]:
        """Prison numbers of the prisoners with an IntSchema claim for a UK day."""
        with translate_errors("read same-day visits"), self.engine.connect() as conn:
            return list(conn.execute(q.prison_numbers_visited_on(day)).scalars())

    def auto_approval_config(self) -> AutoApprovalConfig | None:
        """The newest enabled auto-approval settings, if any."""
        with (
            translate_errors("read auto-approval settings"),
            self.engine.connect() as conn,
        ):
            row = conn.execute(q.newest_auto_approval_config()).first()
        return None if row is None else from_row(AutoApprovalConfig, row)

    def add_auto_approval(self, approval: AutoApproval) -> int:
        """Queue a claim approved outside business hours; returns its id."""
        with translate_errors("queue an auto-approval"), self.engine.begin() as conn:
            stored = insert_row(conn, int_auto_approval, approval, keep_id=False)
        return int(stored.auto_approval_id or 0)

    def auto_approvals(self) -> Sequence[AutoApproval]:
        """Every queued approval, oldest first."""
        with (
            translate_errors("read queued auto-approvals"),
            self.engine.connect() as conn,
        ):
            return [
                from_row(AutoApproval, r)
                for r in conn.execute(q.queued_auto_approvals())
            ]

    def delete_auto_approval(self, auto_approval_id: int) -> None:
        """Remove a processed approval."""
        with translate_errors("delete an auto-approval"), self.engine.begin() as conn:
            conn.execute(q.delete_auto_approval(auto_approval_id))
