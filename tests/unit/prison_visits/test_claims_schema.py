"""The claims tables match the database project's schema, rendered on SQL Server."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits import tables
from support.claims_ddl import GOLDEN, claims_tables, render_ddl, sql_server

IDENTITY_KEYS = {
    f"ExtSchema.{name}"
    for name in (
        "Eligibility",
        "Prisoner",
        "Visitor",
        "Benefit",
        "EligibleChild",
        "Claim",
        "ClaimExpense",
        "ClaimBankDetail",
        "ClaimDocument",
        "ClaimChild",
        "ClaimEscort",
        "EligibilityVisitorUpdateContactDetail",
    )
} | {
    f"IntSchema.{name}"
    for name in (
        "ClaimEvent",
        "ClaimDeduction",
        "TopUp",
        "DirectPaymentFile",
        "AutoApprovalConfig",
        "AutoApproval",
    )
}

# (table, column, type and nullability as the spec's schema note gives them)
SPEC_COLUMNS = [
    ("ExtSchema.Eligibility", "Reference", "NVARCHAR(10) NOT NULL"),
    ("ExtSchema.Eligibility", "Status", "NVARCHAR(20) NOT NULL"),
    ("ExtSchema.Visitor", "HouseNumberAndStreet", "NVARCHAR(250) NOT NULL"),
    ("ExtSchema.Visitor", "PhoneNumber", "NVARCHAR(100) NULL"),
    ("ExtSchema.Claim", "Status", "NVARCHAR(20) NOT NULL"),
    ("ExtSchema.Claim", "DateOfJourney", "DATETIME2 NOT NULL"),
    ("ExtSchema.ClaimExpense", "Cost", "DECIMAL(8, 2) NOT NULL"),
    ("ExtSchema.ClaimExpense", "From", "NVARCHAR(100) NULL"),
    ("ExtSchema.ClaimBankDetail", "AccountNumber", "NVARCHAR(8) NULL"),
    ("ExtSchema.ClaimBankDetail", "SortCode", "NVARCHAR(6) NULL"),
    ("ExtSchema.ClaimBankDetail", "RollNumber", "NVARCHAR(30) NULL"),
    ("ExtSchema.ClaimChild", "FirstName", "NVARCHAR(50) NOT NULL"),
    ("ExtSchema.ClaimDocument", "ClaimId", "INTEGER NULL"),
    ("ExtSchema.ClaimDocument", "Filepath", "NVARCHAR(250) NULL"),
    ("IntSchema.Eligibility", "IsTrusted", "BIT NULL DEFAULT 1"),
    ("IntSchema.Eligibility", "DisabledReason", "NVARCHAR(2000) NULL"),
    ("IntSchema.Claim", "Status", "NVARCHAR(30) NOT NULL"),
    ("IntSchema.Claim", "TotalAmount", "DECIMAL(8, 2) NULL"),
    ("IntSchema.Claim", "LastUpdated", "DATETIME2 NULL DEFAULT CURRENT_TIMESTAMP"),
    ("IntSchema.Claim", "IsIncludedInAudit", "BIT NULL"),
    ("IntSchema.ClaimExpense", "ApprovedCost", "DECIMAL(8, 2) NULL"),
    ("IntSchema.ClaimEvent", "Note", "NVARCHAR(2000) NULL"),
    ("IntSchema.ClaimEvent", "IsInternal", "BIT NULL DEFAULT 1"),
    ("IntSchema.ClaimDeduction", "Amount", "DECIMAL(8, 2) NOT NULL"),
    ("IntSchema.TopUp", "Reason", "NVARCHAR(2000) NOT NULL"),
    ("IntSchema.DirectPaymentFile", "IsEnabled", "BIT NULL DEFAULT 1"),
    ("IntSchema.AutoApprovalConfig", "RulesDisabled", "NVARCHAR(4000) NULL"),
    ("IntSchema.Task", "AdditionalData", "NVARCHAR(max) NULL"),
]


def _create(table: sa.Table) -> str:
    return str(sa.schema.CreateTable(table).compile(dialect=sql_server()))


def _column_line(table: sa.Table, column: str) -> str:
    match = re.search(rf"^\s*\[{column}\] (.*?),?\s*$", _create(table), re.MULTILINE)
    assert match, f"{column} missing from {table.fullname}"
    return match.group(1)


def _table(fullname: str) -> sa.Table:
    return {
        t.fullname: t for t in [*claims_tables(), tables.EXT.task, tables.INT.task]
    }[fullname]


class TestClaimsSchemaOnSqlServer:
    """The CREATE statements agree with the spec's column types."""

    def test_the_whole_schema_matches_the_reviewed_golden_ddl(self):
        """Any change to a table shows up as a diff of the golden file."""
        expected = GOLDEN.read_text()
        actual = render_ddl()
        assert expected == actual

    @pytest.mark.parametrize(("fullname", "column", "rendered"), SPEC_COLUMNS)
    def test_column_has_the_spec_type(self, fullname, column, rendered):
        """Types, lengths, nullability and defaults are the database project's."""
        expected = rendered
        actual = _column_line(_table(fullname), column)
        assert expected == actual

    @pytest.mark.parametrize("table", claims_tables(), ids=lambda t: t.fullname)
    def test_only_the_spec_identity_keys_are_identities(self, table):
        """IntSchema twins keep ExtSchema ids: their keys are never generated."""
        expected = table.fullname in IDENTITY_KEYS
        actual = "IDENTITY(1,1)" in _create(table)
        assert expected == actual

    def test_claim_has_no_foreign_key_to_eligibility_in_either_schema(self):
        """Repeat claims point at an eligibility that only IntSchema holds."""
        expected: set[object] = set()
        actual = tables.EXT.claim.foreign_keys | tables.INT.claim.foreign_keys
        assert expected == actual

    def test_index_names_are_unique_in_the_whole_database(self):
        """PostgreSQL and SQLite need index names unique per schema or database."""
        names = [str(i.name) for t in claims_tables() for i in t.indexes]
        expected = len(names)
        actual = len(set(names))
        assert expected == actual
