"""In-memory ClaimRepository, with the SQL adapter's rules (archive: claim_archive).

Text compares as SQL Server's collation does (`same_text`), instants are aware, keys
and references are enforced by `ClaimStore`, and every method is all-or-nothing.
Follow-on tasks go to an `InMemoryTaskStore`, which tests can inspect.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

import attrs

from hmpps_workers.core.clock import UK
from hmpps_workers.core.prison_visits.claims.model import (
    Benefit,
    Claim,
    ClaimBankDetail,
    ClaimChild,
    ClaimDocument,
    ClaimEscort,
    ClaimExpense,
    ContactDetailUpdate,
    Eligibility,
    EligibleChild,
    Prisoner,
    Visitor,
)
from hmpps_workers.core.prison_visits.claims.move import (
    ClaimMove,
    PlanMove,
    Submission,
)
from hmpps_workers.core.prison_visits.claims.records import (
    AutoApprovalConfig,
    ClaimData,
    ClaimDeduction,
    ClaimEvent,
    ClaimKey,
    TopUp,
)
from hmpps_workers.core.prison_visits.claims.values import (
    same_text,
)
from hmpps_workers.core.prison_visits.claims.views import (
    ApprovalHistory,
    ApprovalRows,
    PricingInput,
)
from hmpps_workers.core.prison_visits.pricing import has_unpriced_car_journeys
from hmpps_workers.core.tasks.model import Schema, Task
from hmpps_workers.core.testing.claim_queries import FollowUpFake
from hmpps_workers.core.testing.claim_store import ClaimStore, insert_graph
from hmpps_workers.core.testing.tasks import InMemoryTaskStore

CLAIM_ROWS = (ClaimEscort, ClaimDeduction, ClaimEvent, ClaimChild, ClaimBankDetail)


def first(rows: Sequence[Any]) -> Any:  # noqa: ANN401
    """The first of `rows`, or None."""
    return rows[0] if rows else None


def newest_first(claims: Sequence[Claim]) -> list[Claim]:
    """Latest DateSubmitted first, unsubmitted last, ties by ClaimId descending."""
    ordered = sorted(claims, key=lambda c: c.claim_id, reverse=True)
    submitted = sorted(
        (c for c in ordered if c.date_submitted is not None),
        key=lambda c: c.date_submitted,  # type: ignore[arg-type, return-value]
        reverse=True,
    )
    return submitted + [c for c in ordered if c.date_submitted is None]


def read_graph(
    store: ClaimStore,
    schema: Schema,
    claim: Claim,
    *,
    reference: str,
    everything: bool,
) -> ClaimData:
    """A claim's graph: enabled rows only, or (for archiving) every row."""
    eligibility_id = claim.eligibility_id

    def of_eligibility(cls: type[Any]) -> list[Any]:
        return store.where(
            schema,
            cls,
            lambda r: (
                r.eligibility_id == eligibility_id and same_text(r.reference, reference)
            ),
        )

    def of_claim(cls: type[Any], *, enabled_only: bool = False) -> tuple[Any, ...]:
        return tuple(
            store.where(
                schema,
                cls,
                lambda r: (
                    r.claim_id == claim.claim_id
                    and (everything or not enabled_only or r.is_enabled is True)
                ),
            )
        )

    internal = schema is Schema.INT
    documents = [
        d
        for d in of_eligibility(ClaimDocument)
        if d.claim_id in {claim.claim_id, None} and (everything or d.is_enabled is True)
    ]
    updates = sorted(
        of_eligibility(ContactDetailUpdate),
        key=lambda u: (
            u.date_submitted,
            u.eligibility_visitor_update_contact_detail_id,
        ),
        reverse=True,
    )
    return ClaimData(
        claim=claim,
        eligibility=first(of_eligibility(Eligibility)),
        prisoner=first(of_eligibility(Prisoner)),
        visitor=first(of_eligibility(Visitor)),
        benefit=first(of_eligibility(Benefit)),
        eligible_children=tuple(of_eligibility(EligibleChild)),
        children=of_claim(ClaimChild, enabled_only=True),
        expenses=of_claim(ClaimExpense, enabled_only=True),
        escorts=of_claim(ClaimEscort, enabled_only=True),
        documents=tuple(documents),
        bank_detail=first(of_claim(ClaimBankDetail)),
        contact_update=None if internal else first(updates),
        events=of_claim(ClaimEvent) if internal else (),
        deductions=of_claim(ClaimDeduction, enabled_only=True) if internal else (),
        top_ups=of_claim(TopUp) if internal and everything else (),
    )


@attrs.define
class InMemoryClaimRepository(FollowUpFake):
    """The main claims database (ExtSchema and IntSchema) in dictionaries."""

    store: ClaimStore = attrs.field(factory=ClaimStore)
    tasks: InMemoryTaskStore = attrs.field(factory=InMemoryTaskStore)

    def seed(self, schema: Schema, data: ClaimData) -> ClaimData:
        """Insert a built graph, as `seed_claim` does for SQL; returns it as stored."""
        with self.store.transaction():
            return insert_graph(self.store, schema, data)

    def whole_claim(self, claim_id: int) -> ClaimData | None:
        """Every IntSchema row of a claim, disabled ones and top-ups included."""
        claim = first(
            self.store.where(Schema.INT, Claim, lambda c: c.claim_id == claim_id)
        )
        if claim is None:
            return None
        return read_graph(
            self.store, Schema.INT, claim, reference=claim.reference, everything=True
        )

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
        claim = first(self.store.where(schema, Claim, lambda c: c.claim_id == claim_id))
        if claim is None:
            return None
        key = attrs.evolve(claim, eligibility_id=eligibility_id)
        data = read_graph(
            self.store, schema, key, reference=reference, everything=False
        )
        if include_disabled_documents:
            data = attrs.evolve(
                data,
                documents=tuple(
                    d
                    for d in self.store.rows(schema, ClaimDocument)
                    if d.eligibility_id == eligibility_id
                    and same_text(d.reference, reference)
                    and d.claim_id in {claim_id, None}
                ),
            )
        return attrs.evolve(data, claim=claim)

    def pricing_input(
        self, *, reference: str, eligibility_id: int, claim_id: int
    ) -> PricingInput | None:
        """An IntSchema claim's enabled expenses, visitor, prisoner; None if absent."""
        data = self.claim_data(
            Schema.INT,
            reference=reference,
            eligibility_id=eligibility_id,
            claim_id=claim_id,
        )
        if data is None:
            return None
        return PricingInput(
            claim=data.claim,
            visitor=data.visitor,
            prisoner=data.prisoner,
            expenses=data.expenses,
        )

    def approval_history(
        self, *, reference: str, eligibility_id: int, claim_id: int
    ) -> ApprovalHistory | None:
        """The claim, its parts, and the claims it is judged against."""
        data = self.claim_data(
            Schema.INT,
            reference=reference,
            eligibility_id=eligibility_id,
            claim_id=claim_id,
        )
        if data is None:
            return None
        others = self.store.where(
            Schema.INT,
            Claim,
            lambda c: c.claim_id != claim_id and same_text(c.reference, reference),
        )
        return ApprovalHistory(
            claim=data.claim,
            eligibility=data.eligibility,
            visitor=data.visitor,
            prisoner=data.prisoner,
            previous_claims=tuple(
                c
                for c in self.claims_for_eligibility(eligibility_id)
                if c.claim_id != claim_id
            ),
            reference_claim_statuses=tuple(c.status for c in newest_first(others)),
        )

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
        midnight = datetime.combine(journey_day, time(), tzinfo=UK)
        # read_graph reads by the claim's ids only: the other fields are not used
        claim = Claim(
            claim_id=claim_id,
            eligibility_id=eligibility_id,
            reference=reference,
            status="",
            date_of_journey=midnight,
            date_created=midnight,
        )
        data = read_graph(
            self.store, Schema.INT, claim, reference=reference, everything=False
        )
        baseline = self.store.where(
            Schema.INT, ClaimExpense, lambda e: e.claim_id == baseline_claim_id
        )
        return ApprovalRows(
            expenses=data.expenses,
            children=data.children,
            documents=data.documents,
            baseline_expenses=tuple(sorted(baseline, key=lambda e: e.claim_expense_id)),
            prison_numbers_on_journey_date=tuple(
                number
                for number in self.prison_numbers_visited_on(journey_day)
                if prison_number is not None and same_text(number, prison_number)
            ),
            unpriced_car_journeys=has_unpriced_car_journeys(data.events, data.expenses),
        )

    def move_to_internal(
        self,
        key: ClaimKey,
        plan: PlanMove,
        *,
        now: datetime,
        completes: Task | None = None,
    ) -> ClaimMove | None:
        """Take the ExtSchema claim, plan its move, carry it out: all at once."""
        external = self.claim_data(
            Schema.EXT,
            reference=key.reference,
            eligibility_id=key.eligibility_id,
            claim_id=key.claim_id,
        )
        if external is None:
            return None
        if completes is not None:
            self.tasks.check_lease(completes)
        visitors = self.store.where(
            Schema.INT, Visitor, lambda v: v.eligibility_id == key.eligibility_id
        )
        visitors.sort(key=lambda v: v.visitor_id)
        move = plan(
            Submission(
                external=external,
                internal_visitor_email=visitors[0].email_address if visitors else None,
            )
        )
        with self.store.transaction():
            insert_graph(self.store, Schema.INT, move.internal)
            for event in move.events:
                self.store.insert(Schema.INT, event, keep_id=False)
            update = move.contact_update
            if update is not None:
                for visitor in self.store.where(
                    Schema.INT,
                    Visitor,
                    lambda v: (
                        v.eligibility_id == update.eligibility_id
                        and same_text(v.reference, update.reference)
                    ),
                ):
                    self.store.put(
                        Schema.INT,
                        attrs.evolve(
                            visitor,
                            email_address=update.email_address,
                            phone_number=update.phone_number,
                        ),
                    )
            self._delete_external(move.eligibility_id, move.claim_id)
        if completes is not None:
            self.tasks.complete_in_transaction(completes, now=now)
        for task in move.follow_on_tasks:
            self.tasks.enqueue(task, now=now)
        return move

    def claims_for_eligibility(self, eligibility_id: int) -> Sequence[Claim]:
        """Every IntSchema claim of an eligibility, latest DateReviewed first."""
        claims = self.store.where(
            Schema.INT, Claim, lambda c: c.eligibility_id == eligibility_id
        )
        claims.sort(key=lambda c: c.claim_id, reverse=True)
        reviewed = [c for c in claims if c.date_reviewed is not None]
        reviewed.sort(key=lambda c: c.date_reviewed, reverse=True)  # type: ignore[arg-type, return-value]
        return reviewed + [c for c in claims if c.date_reviewed is None]

    def prison_numbers_visited_on(self, day: date) -> Sequence[str]:
        """The prison number of each eligibility with a claim for a UK day."""
        start = datetime.combine(day, time(), tzinfo=UK)
        end = datetime.combine(day + timedelta(days=1), time(), tzinfo=UK)
        eligibilities = {
            c.eligibility_id
            for c in self.store.rows(Schema.INT, Claim)
            if start <= c.date_of_journey < end
        }
        # one per Prisoner row, not a set: the rule counts the other eligibilities
        return sorted(
            p.prison_number
            for p in self.store.rows(Schema.INT, Prisoner)
            if p.eligibility_id in eligibilities
        )

    def auto_approval_config(self) -> AutoApprovalConfig | None:
        """The newest enabled auto-approval settings, if any."""
        enabled = [
            c for c in self.store.rows(Schema.INT, AutoApprovalConfig) if c.is_enabled
        ]
        enabled.sort(key=lambda c: (c.date_created is not None, c.date_created or 0))
        return enabled[-1] if enabled else None

    def claims_reviewed_before(self, cutoff: datetime) -> Sequence[int]:
        """Ids of IntSchema claims reviewed before the cutoff: archive candidates."""
        return [
            c.claim_id
            for c in self._int(
                Claim,
                lambda c: c.date_reviewed is not None and c.date_reviewed < cutoff,
            )
        ]
