"""The claim vocabulary: statuses, event names, and text compared as SQL Server does.

The HwPV database compares text case-insensitively and ignores trailing spaces (its
default collation); `same_text` is that comparison, for code that holds the values.
"""

from __future__ import annotations

import enum
from decimal import Decimal

PENNY = Decimal("0.01")


def same_text(left: str | None, right: str | None) -> bool:
    """Equal as SQL Server's default collation sees it: any case, trailing spaces."""
    if left is None or right is None:
        return False
    return left.rstrip(" ").casefold() == right.rstrip(" ").casefold()


def text_key(value: str) -> str:
    """A value normalised the way `same_text` compares it, for dictionary keys."""
    return value.rstrip(" ").casefold()


def to_money(value: Decimal | int | str) -> Decimal:
    """Quantise to pence; floats are refused because they cannot hold pence exactly."""
    if isinstance(value, float):
        raise TypeError("money is Decimal, never float")
    return Decimal(value).quantize(PENNY)


class ClaimStatus(enum.StrEnum):
    """IntSchema.Claim.Status values."""

    NEW = "NEW"
    PENDING = "PENDING"
    UPDATED = "UPDATED"
    REQUEST_INFORMATION = "REQUEST-INFORMATION"
    REQUEST_INFO_PAYMENT = "REQUEST-INFO-PAYMENT"
    APPROVED = "APPROVED"
    AUTO_APPROVED = "AUTO-APPROVED"
    REJECTED = "REJECTED"
    APPROVED_ADVANCE_CLOSED = "APPROVED-ADVANCE-CLOSED"
    APPROVED_PAYOUT_BARCODE_EXPIRED = "APPROVED-PAYOUT-BARCODE-EX"


STATUSES_KEEPING_LAST_UPDATED = frozenset(
    {ClaimStatus.PENDING, ClaimStatus.REQUEST_INFORMATION}
)
"""A move to these does not restart the 35-day reminder clock (LastUpdated)."""


class ClaimEventType(enum.StrEnum):
    """IntSchema.ClaimEvent.Event values the worker writes."""

    CLAIM_SUBMITTED = "CLAIM-SUBMITTED"
    CONTACT_DETAILS_UPDATED = "CONTACT-DETAILS-UPDATED"
    REPLACED_PREVIOUS_DOCUMENT = "REPLACED-PREVIOUS-DOCUMENT"
    CLAIM_UPDATED = "CLAIM-UPDATED"
    MESSAGE = "MESSAGE"
    BANK_DETAILS_UPDATED = "BANK-DETAILS-UPDATED"
    CLAIM_AUTO_APPROVED = "CLAIM-AUTO-APPROVED"
    AUTO_APPROVAL_FAILURE = "AUTO-APPROVAL-FAILURE"
    FORCED_MANUAL_CHECK = "FORCED-MANUAL-CHECK"
    CLAIM_REQUEST_INFORMATION = "CLAIM-REQUEST-INFORMATION"
    CLAIM_REJECTED = "CLAIM-REJECTED"


class DocumentStatus(enum.StrEnum):
    """ClaimDocument.DocumentStatus values."""

    UPLOADED = "uploaded"
    POST_LATER = "post-later"
    UPLOAD_LATER = "upload-later"


class PaymentMethod(enum.StrEnum):
    """Claim.PaymentMethod values."""

    BANK = "bank"
    PAYOUT = "payout"
    MANUAL = "manual"
