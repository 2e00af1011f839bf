"""The IntSchema tables with no ExtSchema twin: events, deductions, top-ups, payments.

Their keys are identities, including in the archive database, where archived events
and deductions are given new ids.
"""

from __future__ import annotations

import sqlalchemy as sa

from hmpps_workers.adapters.sql.metadata import INT_SCHEMA, metadata
from hmpps_workers.adapters.sql.prison_visits.column_types import Money
from hmpps_workers.adapters.sql.types import UkWallClock


def _identity(name: str) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer, sa.Identity(start=1, increment=1), primary_key=True
    )


def _fk(name: str, target: str, *, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(
        name, sa.Integer, sa.ForeignKey(f"IntSchema.{target}"), nullable=nullable
    )


def _reference() -> sa.Column[str]:
    return sa.Column("Reference", sa.Unicode(10), nullable=False, index=True)


int_claim_event = sa.Table(
    "ClaimEvent",
    metadata,
    _identity("ClaimEventId"),
    _fk("EligibilityId", "Eligibility.EligibilityId"),
    _fk("ClaimId", "Claim.ClaimId"),
    _fk("ClaimDocumentId", "ClaimDocument.ClaimDocumentId", nullable=True),
    sa.Column("DateAdded", UkWallClock, nullable=False),
    _reference(),
    sa.Column("Event", sa.Unicode(100), nullable=False),
    sa.Column("AdditionalData", sa.Unicode(100)),
    sa.Column("Note", sa.Unicode(2000)),
    sa.Column("Caseworker", sa.Unicode(100)),
    sa.Column("IsInternal", sa.Boolean, server_default=sa.true()),
    schema=INT_SCHEMA,
)

int_claim_deduction = sa.Table(
    "ClaimDeduction",
    metadata,
    _identity("ClaimDeductionId"),
    _fk("EligibilityId", "Eligibility.EligibilityId"),
    _fk("ClaimId", "Claim.ClaimId"),
    _reference(),
    sa.Column("DeductionType", sa.Unicode(100), nullable=False),
    sa.Column("Amount", Money, nullable=False),
    sa.Column("IsEnabled", sa.Boolean),
    schema=INT_SCHEMA,
)

int_top_up = sa.Table(
    "TopUp",
    metadata,
    _identity("TopUpId"),
    _fk("ClaimId", "Claim.ClaimId"),
    sa.Column("PaymentStatus", sa.Unicode(100), nullable=False),
    sa.Column("Caseworker", sa.Unicode(100), nullable=False),
    sa.Column("Reason", sa.Unicode(2000), nullable=False),
    sa.Column("TopUpAmount", Money, nullable=False),
    sa.Column("DateAdded", UkWallClock),
    sa.Column("PaymentDate", UkWallClock),
    schema=INT_SCHEMA,
)

int_direct_payment_file = sa.Table(
    "DirectPaymentFile",
    metadata,
    _identity("PaymentFileId"),
    sa.Column("FileType", sa.Unicode(20), nullable=False),
    sa.Column("Filepath", sa.Unicode(250), nullable=False),
    sa.Column("DateCreated", UkWallClock, nullable=False),
    sa.Column("IsEnabled", sa.Boolean, server_default=sa.true()),
    schema=INT_SCHEMA,
)

int_auto_approval_config = sa.Table(
    "AutoApprovalConfig",
    metadata,
    _identity("AutoApprovalConfigId"),
    sa.Column("MaxDaysAfterAPVUVisit", sa.Integer),
    sa.Column("MaxNumberOfClaimsPerYear", sa.Integer),
    sa.Column("MaxNumberOfClaimsPerMonth", sa.Integer),
    sa.Column("Caseworker", sa.Unicode(100)),
    sa.Column("RulesDisabled", sa.Unicode(4000)),
    sa.Column("DateCreated", UkWallClock),
    sa.Column("CostVariancePercentage", Money),
    sa.Column("MaxClaimTotal", Money),
    sa.Column("AutoApprovalEnabled", sa.Boolean),
    sa.Column("IsEnabled", sa.Boolean),
    sa.Column("NumberOfConsecutiveAutoApprovals", sa.Integer),
    sa.Column("CostPerMile", Money),
    schema=INT_SCHEMA,
)

int_auto_approval = sa.Table(
    "AutoApproval",
    metadata,
    _identity("AutoApprovalId"),
    sa.Column("EligibilityId", sa.Integer),
    sa.Column("ClaimId", sa.Integer, nullable=False),
    sa.Column("Reference", sa.Unicode(10), nullable=False),
    sa.Column("EmailAddress", sa.Unicode(100), nullable=False),
    sa.Column("DateAdded", UkWallClock, nullable=False),
    schema=INT_SCHEMA,
)
