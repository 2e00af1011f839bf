"""The accepted-claim email: one of five templates, with the claim's details.

Lines are joined with CRLF exactly as the original built them, double spaces and
trailing spaces included, because the Notify templates were written around them.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from hmpps_workers.core.prison_visits.claims.model import ClaimExpense
from hmpps_workers.core.prison_visits.claims.records import ClaimDeduction
from hmpps_workers.core.prison_visits.email.templates import Template
from hmpps_workers.core.prison_visits.expense_types import (
    DEDUCTION_TYPES,
    EXPENSE_TYPES,
)
from hmpps_workers.core.prison_visits.notifications.content import (
    EmailContent,
    NotificationDataError,
    pounds,
)
from hmpps_workers.core.prison_visits.prisons import PrisonDirectory

CRLF = "\r\n"
MANUALLY_PROCESSED = "MANUALLY-PROCESSED"
REJECTED = "REJECTED"


@attrs.frozen(kw_only=True)
class AcceptedClaim:
    """What the accepted-claim email reads: claimant, claim, bank, expenses, deductions.

    `expenses` may be every row of the claim; only enabled, non-rejected ones are
    listed. `deductions` are the enabled ones.
    """

    reference: str
    first_name: str = attrs.field(repr=False)
    town: str | None = attrs.field(default=None, repr=False)
    name_of_prison: str | None = None
    note: str | None = attrs.field(default=None, repr=False)
    payment_method: str | None = None
    is_advance_claim: bool | None = None
    account_number: str | None = attrs.field(default=None, repr=False)
    expenses: tuple[ClaimExpense, ...] = ()
    deductions: tuple[ClaimDeduction, ...] = ()


def listed_expenses(expenses: Iterable[ClaimExpense]) -> tuple[ClaimExpense, ...]:
    """The expenses the email shows and adds up: enabled and not rejected."""
    return tuple(
        expense
        for expense in expenses
        if expense.is_enabled is not False and expense.status != REJECTED
    )


def caseworker_note(note: str | None) -> str:
    """The caseworker's note set off by blank lines, or nothing."""
    if not note:
        return ""
    return CRLF.join([CRLF, "Note from case worker:", f'"{note}"', CRLF])


def approved_amount(
    expenses: Iterable[ClaimExpense], deductions: Iterable[ClaimDeduction]
) -> str:
    """Approved costs (null as 0) less the deductions, as "£x.xx"."""
    approved = sum((e.approved_cost or Decimal(0) for e in expenses), Decimal(0))
    deducted = sum((d.amount for d in deductions), Decimal(0))
    return pounds(approved - deducted)


def _header(expense: ClaimExpense) -> str:
    kind = EXPENSE_TYPES.get(expense.expense_type)
    if kind is None:
        raise NotificationDataError(
            f"Invalid Claim Expense Type on claim expense {expense.claim_expense_id}"
        )
    if not kind.is_journey:
        return kind.display_value
    route = f"{kind.display_value} - {expense.travel_from or ''} to "
    route += f"{expense.travel_to or ''} "
    return route + (" - Return" if expense.is_return else "")


def claim_details(
    expenses: Iterable[ClaimExpense], deductions: Iterable[ClaimDeduction]
) -> str:
    """The expense lines, then the deduction lines, as the original laid them out."""
    expenses = tuple(expenses)
    deductions = tuple(deductions)
    expense_section = ""
    if expenses:
        parts = ["Your claim details", CRLF]
        for expense in expenses:
            parts.append(_header(expense))
            if expense.status != MANUALLY_PROCESSED:
                parts.append(f"Claimed: {pounds(expense.cost)}")
                parts.append(f"Approved: {pounds(expense.approved_cost or Decimal(0))}")
            parts.append(CRLF)
        parts.append(CRLF)
        expense_section = CRLF.join(parts)
    deduction_section = ""
    if deductions:
        parts = [CRLF, "Deductions", CRLF]
        for deduction in deductions:
            name = DEDUCTION_TYPES.get(deduction.deduction_type)
            if name is None:
                raise NotificationDataError("Invalid deduction type on the claim")
            parts += [f"Type: {name}", f"Amount: {pounds(deduction.amount)}", CRLF]
        parts.append(CRLF)
        deduction_section = CRLF.join(parts)
    return expense_section + deduction_section


def _details(claim: AcceptedClaim) -> dict[str, str]:
    expenses = listed_expenses(claim.expenses)
    return {
        "claim_details": claim_details(expenses, claim.deductions),
        "approved_amount": approved_amount(expenses, claim.deductions),
    }


def accepted_claim_email(
    claim: AcceptedClaim, prisons: PrisonDirectory
) -> EmailContent:
    """The template for the payment method and advance flag, and its values."""
    personalisation = {
        "first_name": claim.first_name,
        "reference": claim.reference,
        "start_town": claim.town or "",
        "prison": prisons.display_name(claim.name_of_prison),
        "caseworker_note": caseworker_note(claim.note),
    }
    advance = bool(claim.is_advance_claim)
    if claim.payment_method == "bank":
        personalisation["account_last_four_digits"] = (claim.account_number or "")[-4:]
        if advance:
            return EmailContent(
                template=Template.ACCEPTED_CLAIM_ADVANCE_BANK,
                personalisation=personalisation,
            )
        return EmailContent(
            template=Template.ACCEPTED_CLAIM_BANK,
            personalisation=personalisation | _details(claim),
        )
    if claim.payment_method == "payout":
        if advance:
            return EmailContent(
                template=Template.ACCEPTED_CLAIM_ADVANCE_PAYOUT,
                personalisation=personalisation,
            )
        return EmailContent(
            template=Template.ACCEPTED_CLAIM_PAYOUT,
            personalisation=personalisation | _details(claim),
        )
    if claim.payment_method == "manual":
        return EmailContent(
            template=Template.ACCEPTED_CLAIM_MANUAL, personalisation=personalisation
        )
    raise NotificationDataError("No payment method found")
