"""Builders for the eligibility-level tables, one call per schema."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.metadata import metadata
from hmpps_workers.adapters.sql.prison_visits.columns import (
    EXT_OPTIONS,
    address_columns,
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


def eligibility_table(schema: str) -> sa.Table:
    """The Eligibility table of `schema`: one per claimant and prisoner."""
    options, _, internal = schema_parts(schema)
    if not internal:
        return sa.Table(
            "Eligibility",
            metadata,
            identity_column("EligibilityId"),
            reference_column(),
            when_column("DateCreated", nullable=False),
            when_column("DateSubmitted"),
            text_column("Status", 20, nullable=False),
            **options,
        )
    return sa.Table(
        "Eligibility",
        metadata,
        copied_key_column("EligibilityId"),
        int_column("ReferenceDisabled"),
        reference_column(),
        text_column("UntrustedReason", 255),
        text_column("Status", 20, nullable=False),
        text_column("DisabledReason", 2000),
        text_column("ReEnabledReason", 2000),
        when_column("UntrustedDate"),
        when_column("DateCreated", nullable=False),
        when_column("DateSubmitted"),
        bit_column("IsTrusted", default_true=True),
        sa.UniqueConstraint("EligibilityId"),
        **options,
    )


def prisoner_table(schema: str) -> sa.Table:
    """The Prisoner table of `schema`."""
    options, prefix, internal = schema_parts(schema)
    extra: list[sa.Column[Any]] = [
        text_column("NomisCheck", 20),
        bit_column("ReleaseDateIsSet"),
        when_column("ReleaseDate"),
    ]
    return sa.Table(
        "Prisoner",
        metadata,
        copied_key_column("PrisonerId") if internal else identity_column("PrisonerId"),
        fk_column(
            "EligibilityId", f"{prefix}Eligibility.EligibilityId", index=internal
        ),
        reference_column(),
        *names_columns(100),
        birth_column(),
        text_column("PrisonNumber", 10, nullable=False),
        text_column("NameOfPrison", 100, nullable=False),
        *(extra if internal else []),
        **options,
    )


def visitor_table(schema: str) -> sa.Table:
    """The Visitor (claimant) table of `schema`."""
    options, prefix, internal = schema_parts(schema)
    extra: list[sa.Column[Any]] = [
        text_column("DWPBenefitCheckerResult", 100),
        text_column("DWPCheck", 20),
        when_column("BenefitExpiryDate"),
    ]
    return sa.Table(
        "Visitor",
        metadata,
        copied_key_column("VisitorId") if internal else identity_column("VisitorId"),
        fk_column("EligibilityId", f"{prefix}Eligibility.EligibilityId", index=True),
        reference_column(),
        *names_columns(100),
        text_column("NationalInsuranceNumber", 10, nullable=False),
        *address_columns(),
        text_column("EmailAddress", 100, nullable=False),
        text_column("PhoneNumber", 100),
        birth_column(),
        text_column("Relationship", 100, nullable=False),
        text_column("Benefit", 100),
        text_column("BenefitOwner", 100),
        *(extra if internal else []),
        **options,
    )


def benefit_table(schema: str) -> sa.Table:
    """The Benefit table of `schema`: the benefit holder if not the visitor."""
    options, _, internal = schema_parts(schema)
    return sa.Table(
        "Benefit",
        metadata,
        copied_key_column("BenefitId") if internal else identity_column("BenefitId"),
        int_column("EligibilityId", nullable=False, index=True),
        reference_column(),
        *names_columns(100),
        text_column("NationalInsuranceNumber", 10, nullable=False),
        birth_column(),
        **options,
    )


def eligible_child_table(schema: str) -> sa.Table:
    """The EligibleChild table of `schema`."""
    options, prefix, internal = schema_parts(schema)
    return sa.Table(
        "EligibleChild",
        metadata,
        copied_key_column("EligibleChildId")
        if internal
        else identity_column("EligibleChildId"),
        int_column("EligibilityId", nullable=False)
        if internal
        else fk_column("EligibilityId", f"{prefix}Eligibility.EligibilityId"),
        birth_column(),
        reference_column(),
        *names_columns(100),
        text_column("ChildRelationship", 100, nullable=False),
        text_column("ParentFirstName", 100, nullable=False),
        text_column("ParentLastName", 100, nullable=False),
        *address_columns(),
        **options,
    )


def contact_update_table() -> sa.Table:
    """ExtSchema's contact-detail updates: applied to IntSchema.Visitor, not copied."""
    return sa.Table(
        "EligibilityVisitorUpdateContactDetail",
        metadata,
        identity_column("EligibilityVisitorUpdateContactDetailId"),
        reference_column(),
        int_column("EligibilityId", nullable=False),
        text_column("EmailAddress", 100, nullable=False),
        text_column("PhoneNumber", 100),
        when_column("DateSubmitted", nullable=False),
        **EXT_OPTIONS,
    )
