"""SqlClaimRepository: the ClaimRepository port on the main HwPV database.

The handlers' follow-up reads live in a mixin of their own (`repository_follow_up`).

The auto-approval settings row is kept for `config_freshness` (30 seconds) after it
is read: PRICE-CAR-JOURNEYS and AUTO-APPROVAL-CHECK read it for every claim, and the
original read it per claim, so a caseworker's change now applies to the claims a
worker process checks from at most 30 seconds later (docs/differences.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import reader
from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.prison_visits import internal_queries as q
from hmpps_workers.adapters.sql.prison_visits import job_queries as jq
from hmpps_workers.adapters.sql.prison_visits.approval_reads import (
    read_approval_history,
    read_approval_rows,
)
from hmpps_workers.adapters.sql.prison_visits.claim_data import (
    read_claim_data,
    read_pricing_input,
)
from hmpps_workers.adapters.sql.prison_visits.claim_move import take_and_move
from hmpps_workers.adapters.sql.prison_visits.repository_follow_up import (
    FollowUpMixin,
)
from hmpps_workers.adapters.sql.prison_visits.rows import from_row
from hmpps_workers.adapters.sql.prison_visits.tables import CLAIM_TABLES
from hmpps_workers.core.prison_visits.claims.model import Claim
from hmpps_workers.core.prison_visits.claims.move import ClaimMove, PlanMove
from hmpps_workers.core.prison_visits.claims.records import (
    AutoApprovalConfig,
    ClaimData,
    ClaimKey,
)
from hmpps_workers.core.prison_visits.claims.views import (
    ApprovalHistory,
    ApprovalRows,
    PricingInput,
)
from hmpps_workers.core.tasks.model import Schema, Task

CONFIG_FRESHNESS = timedelta(seconds=30)


@attrs.define
class SqlClaimRepository(FollowUpMixin):
    """ExtSchema and IntSchema claims, each method in its own transaction."""

    engine: sa.Engine
    config_freshness: timedelta = CONFIG_FRESHNESS
    monotonic: Callable[[], float] = attrs.field(default=time.monotonic, repr=False)
    _config: tuple[float, AutoApprovalConfig | None] | None = attrs.field(
        default=None, init=False, repr=False
    )
    reads: sa.Engine = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Reads go through `reader(engine)`: no write lock, no BEGIN/ROLLBACK."""
        self.reads = reader(self.engine)

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
            self.reads.connect() as conn,
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
            self.reads.connect() as conn,
        ):
            return read_pricing_input(conn, key)

    def approval_history(
        self, *, reference: str, eligibility_id: int, claim_id: int
    ) -> ApprovalHistory | None:
        """The claim, its parts, and the claims it is judged against: one read."""
        key = ClaimKey(
            reference=reference, eligibility_id=eligibility_id, claim_id=claim_id
        )
        with (
            translate_errors(f"read claim {claim_id} for auto-approval"),
            self.reads.connect() as conn,
        ):
            return read_approval_history(conn, key)

    def approval_rows(
        self,
        *,
        reference: str,
        eligibility_id: int,
        claim_id: int,
        baseline_claim_id: int | None,
        journey_day: date,
        prison_number: str | None,
    ) -> ApprovalRows:
        """The claim's rows, the baseline's expenses, the day's prison numbers."""
        key = ClaimKey(
            reference=reference, eligibility_id=eligibility_id, claim_id=claim_id
        )
        with (
            translate_errors(f"read rows of claim {claim_id} for auto-approval"),
            self.reads.connect() as conn,
        ):
            return read_approval_rows(
                conn,
                key,
                baseline_claim_id=baseline_claim_id,
                journey_day=journey_day,
                prison_number=prison_number,
            )

    def move_to_internal(
        self,
        key: ClaimKey,
        plan: PlanMove,
        *,
        now: datetime,
        completes: Task | None = None,
    ) -> ClaimMove | None:
        """Take the ExtSchema claim, plan, move it, complete: one transaction."""
        with (
            translate_errors(f"move claim {key.claim_id}"),
            self.engine.connect() as conn,
        ):
            return take_and_move(conn, key, plan, now=now, completes=completes)

    def claims_for_eligibility(self, eligibility_id: int) -> Sequence[Claim]:
        """Every IntSchema claim of an eligibility, latest DateReviewed first."""
        with (
            translate_errors("read claims of an eligibility"),
            self.reads.connect() as conn,
        ):
            rows = conn.execute(
                q.claims_for_eligibility(), {"eligibility_id": eligibility_id}
            )
            return [from_row(Claim, row) for row in rows]

    def prison_numbers_visited_on(self, day: date) -> Sequence[str]:
        """The prison number of each eligibility with a claim for a UK day."""
        with translate_errors("read same-day visits"), self.reads.connect() as conn:
            start, end = q.uk_day_bounds(day)
            statement = q.prison_numbers_visited_on()
            rows = conn.execute(statement, {"start": start, "end": end})
            return list(rows.scalars())

    def auto_approval_config(self) -> AutoApprovalConfig | None:
        """The newest enabled auto-approval settings, if any (kept for a while)."""
        now = self.monotonic()
        if self._config is not None:
            read_at, config = self._config
            if now - read_at < self.config_freshness.total_seconds():
                return config
        with (
            translate_errors("read auto-approval settings"),
            self.reads.connect() as conn,
        ):
            row = conn.execute(q.newest_auto_approval_config()).first()
        config = None if row is None else from_row(AutoApprovalConfig, row)
        self._config = (now, config)
        return config

    def claims_reviewed_before(self, cutoff: datetime) -> Sequence[int]:
        """Ids of IntSchema claims reviewed before the cutoff: archive candidates."""
        with translate_errors("select claims to archive"), self.reads.connect() as c:
            return list(c.execute(jq.claims_reviewed_before(cutoff)).scalars())
