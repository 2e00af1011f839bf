"""The follow-up queries of the in-memory claim repository.

Joins behave as the SQL ones do: an inner join drops a claim without the joined row,
a left join keeps it with None, and a claim with two visitors would come out twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any

import attrs

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
from hmpps_workers.core.prison_visits.claims.records import (
    ClaimDeduction,
)
from hmpps_workers.core.prison_visits.claims.values import (
    same_text,
    to_money,
)
from hmpps_workers.core.prison_visits.claims.views import (
    AcceptedClaimInput,
    BenefitPerson,
    ClaimantSummary,
    DwpCheckInput,
    RecoveredReference,
)
from hmpps_workers.core.tasks.model import Schema
from hmpps_workers.core.testing.claim_store import ClaimStore
from hmpps_workers.core.testing.tasks import InMemoryTaskStore

INT, EXT = Schema.INT, Schema.EXT
ELIGIBILITY_ROWS = (Visitor, Prisoner, Benefit, EligibleChild)
AWAITING = ("PENDING", "REQUEST-INFORMATION", "REQUEST-INFO-PAYMENT")
PAYABLE = ("APPROVED", "APPROVED-DIFF-AMOUNT", "MANUALLY-PROCESSED")


def in_texts(value: str | None, options: Iterable[str]) -> bool:
    """`value IN (options)` as SQL Server's collation compares text."""
    return any(same_text(value, o) for o in options)


def total(amounts: Iterable[Decimal | None]) -> Decimal | None:
    """SQL's SUM: None over no values, NULLs skipped."""
    present = [a for a in amounts if a is not None]
    return to_money(sum(present, Decimal(0))) if present else None


class FakeBase:
    """What every query half needs: the rows, the task queue, shared writes."""

    store: ClaimStore
    tasks: InMemoryTaskStore

    def _int(self, cls: type[Any], predicate: Callable[..., bool]) -> list[Any]:
        return self.store.where(INT, cls, predicate)

    def _update_claim(self, claim_id: int, **changes: Any) -> bool:  # noqa: ANN401
        claims = self._int(Claim, lambda c: c.claim_id == claim_id)
        for claim in claims:
            self.store.put(INT, attrs.evolve(claim, **changes))
        return bool(claims)

    def _delete_external(self, eligibility_id: int, claim_id: int | None) -> None:
        self.store.delete(
            EXT,
            ClaimDocument,
            lambda d: (
                (claim_id is not None and d.claim_id == claim_id)
                or (d.claim_id is None and d.eligibility_id == eligibility_id)
            ),
        )
        claim_tables: tuple[type[Any], ...] = (
            ClaimBankDetail,
            ClaimExpense,
            ClaimChild,
            ClaimEscort,
            Claim,
        )
        for cls in claim_tables:
            self.store.delete(EXT, cls, lambda r: r.claim_id == claim_id)
        eligibility_tables: tuple[type[Any], ...] = (
            ContactDetailUpdate,
            *ELIGIBILITY_ROWS,
            Eligibility,
        )
        for cls in eligibility_tables:
            self.store.delete(EXT, cls, lambda r: r.eligibility_id == eligibility_id)

    def _visitors(self, eligibility_id: int) -> list[Visitor]:
        return self._int(Visitor, lambda v: v.eligibility_id == eligibility_id)

    def _bank(self, claim_id: int) -> ClaimBankDetail | None:
        rows = self._int(ClaimBankDetail, lambda b: b.claim_id == claim_id)
        return rows[0] if rows else None


class FollowUpFake(FakeBase):
    """Uploads, bank details, DWP input, auto-approval and notification reads."""

    def external_documents(
        self, *, reference: str, eligibility_id: int, claim_id: int | None
    ) -> Sequence[ClaimDocument]:
        """Enabled ExtSchema documents: the claim's and its eligibility-level ones."""
        return self.store.where(
            EXT,
            ClaimDocument,
            lambda d: (
                same_text(d.reference, reference)
                and d.eligibility_id == eligibility_id
                and d.claim_id in {claim_id, None}
                and d.is_enabled is True
            ),
        )

    def external_bank_detail(self, claim_id: int) -> ClaimBankDetail | None:
        """The new bank details a claimant sent for an IntSchema claim."""
        rows = self.store.where(EXT, ClaimBankDetail, lambda b: b.claim_id == claim_id)
        return rows[-1] if rows else None

    def dwp_check_input(
        self, *, reference: str, eligibility_id: int, claim_id: int
    ) -> DwpCheckInput | None:
        """Whom to ask the DWP checker about, for a claim."""
        found = self._int(
            Eligibility,
            lambda e: (
                e.eligibility_id == eligibility_id and same_text(e.reference, reference)
            ),
        ) and self._int(
            Claim,
            lambda c: c.claim_id == claim_id and c.eligibility_id == eligibility_id,
        )
        visitors = self._visitors(eligibility_id)
        if not found or not visitors:
            return None
        visitor = visitors[0]
        holders = self._int(Benefit, lambda b: b.eligibility_id == eligibility_id)

        def person(row: Visitor | Benefit) -> BenefitPerson:
            return BenefitPerson(
                last_name=row.last_name,
                national_insurance_number=row.national_insurance_number,
                date_of_birth=row.date_of_birth,
            )

        return DwpCheckInput(
            visitor_id=visitor.visitor_id,
            email_address=visitor.email_address,
            benefit=visitor.benefit,
            benefit_owner=visitor.benefit_owner,
            visitor=person(visitor),
            benefit_holder=person(holders[0]) if holders else None,
        )

    def claim_expenses(self, claim_id: int) -> Sequence[ClaimExpense]:
        """Every expense of a claim, disabled and rejected ones included."""
        return self._int(ClaimExpense, lambda e: e.claim_id == claim_id)

    def latest_claim_statuses(
        self, reference: str, *, excluding_claim_id: int, limit: int
    ) -> Sequence[str]:
        """Statuses of a reference's other claims, newest submission first."""
        claims = self._int(
            Claim,
            lambda c: (
                same_text(c.reference, reference) and c.claim_id != excluding_claim_id
            ),
        )
        claims.sort(key=lambda c: c.claim_id, reverse=True)
        submitted = sorted(
            (c for c in claims if c.date_submitted is not None),
            key=lambda c: c.date_submitted,
            reverse=True,
        )
        ordered = submitted + [c for c in claims if c.date_submitted is None]
        return [c.status for c in ordered[:limit]]

    def recover_reference(
        self, *, email_address: str, prison_number: str
    ) -> RecoveredReference | None:
        """The newest reference whose visitor and prisoner match, if any."""
        matches: list[tuple[Eligibility, Visitor]] = [
            (eligibility, visitor)
            for visitor in self._int(
                Visitor, lambda v: same_text(v.email_address, email_address)
            )
            for _ in self._int(
                Prisoner,
                lambda p, v=visitor: (
                    p.eligibility_id == v.eligibility_id
                    and same_text(p.prison_number, prison_number)
                ),
            )
            for eligibility in self._int(
                Eligibility, lambda e, v=visitor: e.eligibility_id == v.eligibility_id
            )
        ]
        if not matches:
            return None
        matches.sort(key=lambda m: m[0].eligibility_id, reverse=True)
        dated = [m for m in matches if m[0].date_submitted is not None]
        dated.sort(key=lambda m: m[0].date_submitted, reverse=True)  # type: ignore[arg-type, return-value]
        _, visitor = (dated or matches)[0]
        return RecoveredReference(
            reference=visitor.reference, first_name=visitor.first_name
        )

    def claimant_summary(self, claim_id: int) -> ClaimantSummary | None:
        """What the notification emails need about a claim and its visitor."""
        claims = self._int(Claim, lambda c: c.claim_id == claim_id)
        if not claims or not self._visitors(claims[0].eligibility_id):
            return None
        claim = claims[0]
        visitor = self._visitors(claim.eligibility_id)[0]
        prisoners = self._int(
            Prisoner, lambda p: p.eligibility_id == claim.eligibility_id
        )
        return ClaimantSummary(
            claim_id=claim.claim_id,
            eligibility_id=claim.eligibility_id,
            reference=claim.reference,
            first_name=visitor.first_name,
            email_address=visitor.email_address,
            town=visitor.town,
            date_of_journey=claim.date_of_journey,
            note=claim.note,
            payment_method=claim.payment_method,
            is_advance_claim=claim.is_advance_claim,
            name_of_prison=prisoners[0].name_of_prison if prisoners else None,
            account_number=bank.account_number
            if (bank := self._bank(claim.claim_id))
            else None,
        )

    def accepted_claim_input(self, claim_id: int) -> AcceptedClaimInput | None:
        """The claimant summary, every expense and the enabled deductions."""
        summary = self.claimant_summary(claim_id)
        if summary is None:
            return None
        return AcceptedClaimInput(
            summary=summary,
            expenses=tuple(self.claim_expenses(claim_id)),
            deductions=tuple(self.enabled_deductions(claim_id)),
        )

    def bank_detail(self, claim_id: int) -> ClaimBankDetail | None:
        """An IntSchema claim's bank details."""
        return self._bank(claim_id)

    def enabled_deductions(self, claim_id: int) -> Sequence[ClaimDeduction]:
        """The deductions taken off a claim's payment."""
        return self._int(
            ClaimDeduction, lambda d: d.claim_id == claim_id and d.is_enabled is True
        )
