"""In-memory ClaimUpdates over an InMemoryClaimRepository: all of an update, or none."""

from __future__ import annotations

from typing import Any

import attrs

from hmpps_workers.core.prison_visits.claims.follow_up import DocumentReplacement
from hmpps_workers.core.prison_visits.claims.model import (
    Claim,
    ClaimBankDetail,
    ClaimDocument,
    ClaimExpense,
    Visitor,
)
from hmpps_workers.core.prison_visits.claims.values import (
    STATUSES_KEEPING_LAST_UPDATED,
    ClaimStatus,
    same_text,
)
from hmpps_workers.core.prison_visits.handlers.ports import (
    BenefitResult,
    ClaimUpdate,
    PricedJourney,
)
from hmpps_workers.core.tasks.model import Schema
from hmpps_workers.core.testing.claims import InMemoryClaimRepository

INT, EXT = Schema.INT, Schema.EXT


class _MovedOnError(Exception):
    """The claim was absent or not in an expected status: roll everything back."""


@attrs.define
class InMemoryClaimUpdates:
    """Applies updates to the repository's rows and queues tasks on its task store."""

    claims: InMemoryClaimRepository
    applied: list[ClaimUpdate] = attrs.field(factory=list)

    def apply(self, update: ClaimUpdate) -> bool:
        """Write everything in one transaction; False if the claim moved on."""
        store = self.claims.store
        if update.completes is not None:
            self.claims.tasks.check_lease(update.completes)
        try:
            with store.transaction():
                self._write(update)
        except _MovedOnError:
            return False
        for task in update.follow_on_tasks:
            self.claims.tasks.enqueue(task, now=update.now)
        if update.completes is not None:
            self.claims.tasks.complete_in_transaction(update.completes, now=update.now)
        self.applied.append(update)
        return True

    def _write(self, update: ClaimUpdate) -> None:
        claims = self.claims
        store = claims.store
        found = store.where(INT, Claim, lambda c: c.claim_id == update.claim_id)
        if not found:
            raise _MovedOnError
        if update.expected_statuses and not any(
            same_text(found[0].status, s) for s in update.expected_statuses
        ):
            raise _MovedOnError
        if update.documents is not None:
            self._replace_documents(update.documents)
        if update.bank_detail is not None:
            self._replace_bank_detail(update.bank_detail)
        if update.placeholder is not None:
            self._add_placeholder(update)
        if update.benefit_result is not None:
            self._record_benefit_result(update.benefit_result)
        prices = {p.claim_expense_id: p for p in update.prices}
        for expense in store.where(
            INT, ClaimExpense, lambda e: e.claim_expense_id in prices
        ):
            store.put(INT, _priced(expense, prices[expense.claim_expense_id]))
        self._write_approval(update)
        if update.new_status is not None:
            self._set_status(update)
        for event in update.events:
            store.insert(INT, event, keep_id=False)

    def _replace_documents(self, replacement: DocumentReplacement) -> None:
        store = self.claims.store
        moved = {d.claim_document_id for d in replacement.incoming}
        for old in store.where(
            INT,
            ClaimDocument,
            lambda d: d.claim_document_id in replacement.disabled_document_ids,
        ):
            store.put(INT, attrs.evolve(old, is_enabled=False))
        for document in replacement.incoming:
            store.insert(INT, document)
        for event in replacement.events:
            store.insert(INT, event, keep_id=False)
        store.delete(EXT, ClaimDocument, lambda d: d.claim_document_id in moved)

    def _add_placeholder(self, update: ClaimUpdate) -> None:
        """An IntSchema document, its id drawn from the ExtSchema identity."""
        placeholder = update.placeholder
        assert placeholder is not None
        store = self.claims.store
        store.insert(
            INT,
            ClaimDocument(
                claim_document_id=store.draw(EXT, ClaimDocument),
                eligibility_id=update.eligibility_id,
                claim_id=update.claim_id,
                reference=update.reference,
                document_type=placeholder.document_type,
                document_status=placeholder.document_status,
                date_submitted=update.now,
                is_enabled=True,
            ),
        )

    def _write_approval(self, update: ClaimUpdate) -> None:
        """The auto-approval check's and the reminder's parts of an update."""
        if update.auto_approved:
            self._auto_approve(update)
        if update.deferred_approval is not None:
            self.claims.store.insert(INT, update.deferred_approval, keep_id=False)
        if update.reminder_sent:
            self.claims._update_claim(  # noqa: SLF001
                update.claim_id, reminder_sent=True, date_reminder_sent=update.now
            )

    def _auto_approve(self, update: ClaimUpdate) -> None:
        """AUTO-APPROVED, reviewed and approved now; every expense at its cost."""
        store = self.claims.store
        self.claims._update_claim(  # noqa: SLF001
            update.claim_id,
            status=ClaimStatus.AUTO_APPROVED.value,
            visit_confirmation_check="APPROVED",
            date_reviewed=update.now,
            date_approved=update.now,
        )
        for expense in store.where(
            INT, ClaimExpense, lambda e: e.claim_id == update.claim_id
        ):
            store.put(
                INT,
                attrs.evolve(expense, status="APPROVED", approved_cost=expense.cost),
            )

    def _set_status(self, update: ClaimUpdate) -> None:
        """Set the status, clearing the reminder; LastUpdated too, except for some."""
        status = update.new_status
        changes: dict[str, Any] = {
            "status": status,
            "reminder_sent": False,
            "date_reminder_sent": None,
        }
        if not any(same_text(status, s) for s in STATUSES_KEEPING_LAST_UPDATED):
            changes["last_updated"] = update.now
        self.claims._update_claim(update.claim_id, **changes)  # noqa: SLF001

    def _record_benefit_result(self, result: BenefitResult) -> None:
        store = self.claims.store
        for visitor in store.where(
            INT, Visitor, lambda v: v.visitor_id == result.visitor_id
        ):
            store.put(
                INT,
                attrs.evolve(
                    visitor,
                    dwp_benefit_checker_result=result.result,
                    dwp_check=result.dwp_check,
                ),
            )

    def _replace_bank_detail(self, detail: ClaimBankDetail) -> None:
        store = self.claims.store
        current = store.where(
            INT,
            ClaimBankDetail,
            lambda b: (
                b.claim_bank_detail_id == detail.claim_bank_detail_id
                and b.claim_id == detail.claim_id
            ),
        )
        if not current:
            raise _MovedOnError
        store.put(
            INT,
            attrs.evolve(
                current[0],
                sort_code=detail.sort_code,
                account_number=detail.account_number,
                name_on_account=detail.name_on_account,
                roll_number=detail.roll_number,
            ),
        )
        self.claims._delete_external(detail.eligibility_id, detail.claim_id)  # noqa: SLF001


def _priced(expense: ClaimExpense, price: PricedJourney) -> ClaimExpense:
    return attrs.evolve(
        expense,
        from_post_code=price.from_post_code,
        to_post_code=price.to_post_code,
        distance=price.distance,
        cost=price.cost,
    )
