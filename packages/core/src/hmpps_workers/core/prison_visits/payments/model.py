"""Payments as values: what is owed, the batch that pays it, and the files' names."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal

import attrs

from hmpps_workers.core.clock import require_aware, to_uk_wall
from hmpps_workers.core.prison_visits.claims.values import to_money

ZERO = Decimal(0)


class PaymentFileType(enum.StrEnum):
    """IntSchema.DirectPaymentFile.FileType values the bank run writes, in order."""

    ACCESSPAY = "ACCESSPAY_FILE"
    APVU_ACCESSPAY = "APVU_ACCESSPAY_FILE"
    ADI_JOURNAL = "ADI_JOURNAL_FILE"


_FILE_NAMES = {
    PaymentFileType.ACCESSPAY: "apvs-payments-{stamp}.txt",
    PaymentFileType.APVU_ACCESSPAY: "apvu-apvs-payments-{stamp}.txt",
    PaymentFileType.ADI_JOURNAL: "apvs-adi-journal-{stamp}.xlsm",
}


def _money(value: Decimal | int | str) -> Decimal:
    return to_money(value)


@attrs.frozen(kw_only=True)
class Payment:
    """One claim (§8.1) or one top-up (§8.2) awaiting a bank payment.

    For a claim, `approved_total` is the sum of its approved expenses and the other
    two totals are its enabled deductions and manually processed expenses; for a
    top-up, `approved_total` is the top-up amount and the others are zero.
    """

    claim_id: int
    reference: str
    approved_total: Decimal = attrs.field(converter=_money)
    deduction_total: Decimal = attrs.field(default=ZERO, converter=_money)
    manually_processed_total: Decimal = attrs.field(default=ZERO, converter=_money)
    top_up_id: int | None = None
    sort_code: str | None = None
    account_number: str | None = None
    name_on_account: str | None = None
    roll_number: str | None = None
    country: str | None = None

    @property
    def total_amount(self) -> Decimal:
        """What the claim comes to after deductions (Claim.TotalAmount)."""
        return self.approved_total - self.deduction_total

    @property
    def amount(self) -> Decimal:
        """What the bank pays: the total less anything already paid by hand."""
        return self.total_amount - self.manually_processed_total

    @property
    def is_top_up(self) -> bool:
        """True for a top-up row."""
        return self.top_up_id is not None

    @property
    def has_bank_details(self) -> bool:
        """A sort code and an account number are both present."""
        return bool((self.sort_code or "").strip()) and bool(
            (self.account_number or "").strip()
        )

    def describe(self) -> str:
        """Name the payment in logs by ids only."""
        if self.top_up_id is None:
            return f"claim {self.claim_id}"
        return f"top-up {self.top_up_id} (claim {self.claim_id})"

    def sort_key(self) -> tuple[int, int]:
        """Claims first, by claim id; then top-ups, by top-up id (§8.3 step 1)."""
        if self.top_up_id is None:
            return (0, self.claim_id)
        return (1, self.top_up_id)


def _aware(_: object, __: object, value: datetime) -> None:
    require_aware(value)


def _sorted_payments(payments: tuple[Payment, ...]) -> tuple[Payment, ...]:
    return tuple(sorted(payments, key=Payment.sort_key))


@attrs.frozen(kw_only=True)
class PaymentBatch:
    """Payments reserved for one set of files; `created` names the files."""

    created: datetime = attrs.field(validator=_aware)
    payments: tuple[Payment, ...] = attrs.field(
        converter=_sorted_payments, validator=attrs.validators.min_len(1)
    )
    batch_id: int | None = None

    @property
    def stamp(self) -> str:
        """`YYYYMMDDHHmmss` in UK wall-clock time, as in the original file names."""
        return to_uk_wall(self.created).strftime("%Y%m%d%H%M%S")

    @property
    def file_names(self) -> dict[PaymentFileType, str]:
        """The three file names, which are also their S3 keys."""
        return {
            kind: name.format(stamp=self.stamp) for kind, name in _FILE_NAMES.items()
        }

    @property
    def total(self) -> Decimal:
        """The sum of every amount in the batch, to the penny."""
        return to_money(sum((p.amount for p in self.payments), ZERO))

    @property
    def claim_ids(self) -> tuple[int, ...]:
        """The claims paid (not top-ups)."""
        return tuple(p.claim_id for p in self.payments if not p.is_top_up)

    @property
    def top_up_ids(self) -> tuple[int, ...]:
        """The top-ups paid."""
        return tuple(p.top_up_id for p in self.payments if p.top_up_id is not None)


@attrs.frozen(kw_only=True)
class PaymentPlan:
    """Pending payments sorted: to pay, held back, and not due at all."""

    payable: tuple[Payment, ...] = ()
    missing_bank_details: tuple[Payment, ...] = ()
    not_payable: tuple[Payment, ...] = ()


def plan_payments(pending: tuple[Payment, ...] | list[Payment]) -> PaymentPlan:
    """Sort payments: amounts of zero or less are not payable; no bank details waits.

    A missing sort code or account number holds back that payment only (the original
    refused the whole run); it is selected again once the details are fixed.
    """
    ordered = sorted(pending, key=Payment.sort_key)
    not_payable = tuple(p for p in ordered if p.amount <= ZERO)
    due = [p for p in ordered if p.amount > ZERO]
    return PaymentPlan(
        payable=tuple(p for p in due if p.has_bank_details),
        missing_bank_details=tuple(p for p in due if not p.has_bank_details),
        not_payable=not_payable,
    )
