"""The claims database as the prison-visits rules need it: one port per database.

`ClaimRepository` is the main database (ExtSchema and IntSchema); it is composed of
one protocol per concern so a handler's fake can implement only what it uses.
Instants go in and come out timezone-aware; windows are the caller's to choose.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from hmpps_workers.core.prison_visits.claims.model import Claim
from hmpps_workers.core.prison_visits.claims.move import ClaimMove, PlanMove
from hmpps_workers.core.prison_visits.claims.queries import (
    ClaimJobQueries,
    FollowUpQueries,
)
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


class ClaimRecords(Protocol):
    """Reading claims and moving them in; every method is one transaction."""

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
        ...

    def move_to_internal(
        self,
        key: ClaimKey,
        plan: PlanMove,
        *,
        now: datetime,
        completes: Task | None = None,
    ) -> ClaimMove | None:
        """Take the ExtSchema claim, plan its move, carry it out: one transaction.

        The claim is read and deleted from ExtSchema, `plan` decides what goes into
        IntSchema, and the IntSchema rows, events, contact update and follow-on
        tasks are written, all in one transaction: a row the external site attaches
        meanwhile is either taken with the claim or left in ExtSchema, never deleted
        uncopied. Returns the move; None, and nothing written, when the claim is
        not in ExtSchema. `completes` is marked COMPLETE in the same transaction,
        guarded by status and lease owner; LeaseLostError, and nothing written,
        when the lease was lost.
        """
        ...

    def pricing_input(
        self, *, reference: str, eligibility_id: int, claim_id: int
    ) -> PricingInput | None:
        """An IntSchema claim's enabled expenses, visitor and prisoner; None if absent.

        The parts of `claim_data` mileage pricing reads, and no more.
        """
        ...

    def approval_history(
        self, *, reference: str, eligibility_id: int, claim_id: int
    ) -> ApprovalHistory | None:
        """An IntSchema claim and the claims it is judged against; None if absent.

        The eligibility, visitor and prisoner are as `claim_data` has them.
        """
        ...

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
        """The claim's rows the approval rules read, and two more sets.

        The baseline claim's expenses (every one) and, of the prison numbers visited
        on `journey_day` (a UK calendar day), those equal to `prison_number` as the
        database's collation compares text (none when it is None): the only ones
        `prisoner-not-visited-on-this-date` can count, so the read does not grow
        with the day's claims.
        """
        ...

    def claims_for_eligibility(self, eligibility_id: int) -> Sequence[Claim]:
        """Every IntSchema claim of an eligibility, latest DateReviewed first."""
        ...

    def prison_numbers_visited_on(self, day: date) -> Sequence[str]:
        """The prison number of each eligibility with a claim for a UK day (IntSchema).

        Not distinct: a prisoner two eligibilities visited that day appears twice.
        """
        ...

    def auto_approval_config(self) -> AutoApprovalConfig | None:
        """The newest enabled auto-approval settings, if any."""
        ...


class ClaimRepository(ClaimRecords, FollowUpQueries, ClaimJobQueries, Protocol):
    """ExtSchema and IntSchema claims; every method is one transaction."""


class ClaimArchive(Protocol):
    """Moves reviewed IntSchema claims to the archive database."""

    def archive_claim(self, claim_id: int) -> bool:
        """Copy a claim's graph to the archive, then delete it; False if absent."""
        ...
