"""Builders for the claim-level tables, one call per schema."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.metadata import metadata
from hmpps_workers.adapters.sql.prison_visits.column_types import Money
from hmpps_workers.adapters.sql.prison_visits.columns import (
    birth_column,
    bit_column,
    copied_key_column,
    fk_column,
    identity_column,
    int_column,
    names_columns,
    reference_column,
    schema_parts,
    text_column,
    when_column,
)
from hmpps_workers.adapters.sql.types import UkWallClock


def claim_table(schema: str) -> sa.Table:
    """The Claim table of `schema`."""
    options, _, internal = schema_parts(schema)
    common: list[sa.Column[Any]] = [
        int_column("EligibilityId", nullable=False),
        reference_column(),
        text_column("AssistedDigitalCaseworker", 100),
        text_column("ClaimType", 50),
        bit_column("IsAdvanceClaim"),
        when_column("DateOfJourney", nullable=False),
        when_column("DateCreated", nullable=False),
        when_column("DateSubmitted"),
        text_column("PaymentMethod", 10),
    ]
    if not internal:
        table = sa.Table(
            "Claim",
            metadata,
            identity_column("ClaimId"),
            *common,
            text_column("Status", 20, nullable=False),
            **options,
        )
    else:
        table = sa.Table(
            "Claim",
            metadata,
            copied_key_column("ClaimId"),
            *common,
            int_column("RejectionReasonId", index=True),
            bit_column("IsOverpaid"),
            bit_column("ReminderSent"),
            text_column("VisitConfirmationCheck", 20),
            text_column("Caseworker", 100),
            text_column("PaymentStatus", 20),
            text_column("Status", 30, nullable=False),
            text_column("Reason", 100),
            text_column("Note", 250),
            text_column("OverpaymentReason", 250),
            text_column("AssignedTo", 100),
            *(
                sa.Column(name, Money)
                for name in (
                    "PaymentAmount",
                    "TotalAmount",
                    "ManuallyProcessedAmount",
                    "OverpaymentAmount",
                    "RemainingOverpaymentAmount",
                )
            ),
            when_column("DateReviewed"),
            when_column("PaymentDate"),
            when_column("DateApproved"),
            when_column("AssignmentExpiry"),
            when_column("DateReminderSent"),
            sa.Column(
                "LastUpdated", UkWallClock, server_default=sa.func.current_timestamp()
            ),
            bit_column("IsIncludedInAudit"),
            sa.UniqueConstraint("ClaimId"),
            **options,
        )
    sa.Index(None, table.c.EligibilityId, table.c.ClaimId)
    return table


def claim_child_columns(schema: str) -> list[sa.Column[int]]:
    """EligibilityId and ClaimId of a claim's child row (FKs in IntSchema only)."""
    _, prefix, internal = schema_parts(schema)
    if internal:
        return [
            fk_column("EligibilityId", f"{prefix}Eligibility.EligibilityId"),
            fk_column("ClaimId", f"{prefix}Claim.ClaimId"),
        ]
    return [
        int_column("EligibilityId", nullable=False),
        fk_column("ClaimId", f"{prefix}Claim.ClaimId"),
    ]


def claim_expense_table(schema: str) -> sa.Table:
    """The ClaimExpense table of `schema`."""
    options, _, internal = schema_parts(schema)
    extra: list[sa.Column[Any]] = [
        sa.Column("ApprovedCost", Money),
        text_column("Status", 20),
    ]
    return sa.Table(
        "ClaimExpense",
        metadata,
        copied_key_column("ClaimExpenseId")
        if internal
        else identity_column("ClaimExpenseId"),
        *claim_child_columns(schema),
        reference_column(),
        text_column("ExpenseType", 100, nullable=False),
        sa.Column("Cost", Money, nullable=False),
        *(
            text_column(name, 100)
            for name in ("TravelTime", "From", "To", "TicketType")
        ),
        text_column("ReturnTime", 100),
        bit_column("IsReturn"),
        int_column("DurationOfTravel"),
        text_column("TicketOwner", 10),
        bit_column("IsEnabled"),
        text_column("FromPostCode", 10),
        text_column("ToPostCode", 10),
        sa.Column("Distance", Money),
        *(extra if internal else []),
        **options,
    )


def claim_bank_detail_table(schema: str) -> sa.Table:
    """The ClaimBankDetail table of `schema`."""
    options, _, internal = schema_parts(schema)
    keys: list[sa.Column[Any]] = (
        claim_child_columns(schema)
        if internal
        else [
            int_column("EligibilityId", nullable=False),
            int_column("ClaimId", nullable=False),
        ]
    )
    return sa.Table(
        "ClaimBankDetail",
        metadata,
        copied_key_column("ClaimBankDetailId")
        if internal
        else identity_column("ClaimBankDetailId"),
        *keys,
        reference_column(),
        text_column("AccountNumber", 8),
        text_column("SortCode", 6),
        text_column("NameOnAccount", 100, nullable=False),
        text_column("RollNumber", 30),
        **options,
    )


def claim_document_table(schema: str) -> sa.Table:
    """The ClaimDocument table of `schema`; a NULL ClaimId is eligibility-level."""
    options, prefix, internal = schema_parts(schema)
    if internal:
        keys: list[sa.Column[Any]] = [
            copied_key_column("ClaimDocumentId"),
            fk_column("EligibilityId", f"{prefix}Eligibility.EligibilityId"),
            fk_column("ClaimId", f"{prefix}Claim.ClaimId", nullable=True),
            fk_column(
                "ClaimExpenseId", f"{prefix}ClaimExpense.ClaimExpenseId", nullable=True
            ),
        ]
        extra: list[sa.Column[Any]] = [
            text_column("Caseworker", 100),
            text_column("Status", 20),
        ]
    else:
        keys = [
            identity_column("ClaimDocumentId"),
            int_column("EligibilityId", nullable=False),
            int_column("ClaimId"),
            int_column("ClaimExpenseId"),
        ]
        extra = []
    table = sa.Table(
        "ClaimDocument",
        metadata,
        *keys,
        reference_column(),
        text_column("DocumentType", 20, nullable=False),
        text_column("DocumentStatus", 20, nullable=False),
        text_column("Filepath", 250),
        when_column("DateSubmitted"),
        bit_column("IsEnabled"),
        *extra,
        **options,
    )
    sa.Index(None, table.c.ClaimId, table.c.IsEnabled, table.c.ClaimExpenseId)
    return table


def claim_person_table(schema: str, name: str, *, child: bool) -> sa.Table:
    """ClaimChild (`child`) or ClaimEscort of `schema`."""
    options, _, internal = schema_parts(schema)
    key = f"{name}Id"
    return sa.Table(
        name,
        metadata,
        copied_key_column(key) if internal else identity_column(key),
        *claim_child_columns(schema),
        reference_column(),
        *names_columns(50 if child else 100),
        birth_column(),
        *([text_column("Relationship", 100, nullable=False)] if child else []),
        bit_column("IsEnabled"),
        **options,
    )
