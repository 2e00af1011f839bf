"""A claim and its one-to-one parts in one statement: fewer round trips per read.

The claim, its eligibility, prisoner, visitor, benefit and bank detail each have at
most one row that a read takes (the lowest key, as the separate "first row" reads
did), so they come back joined in one row: LEFT JOINs on the lowest matching key,
each part labelled with its own prefix, a part absent when its key is NULL.
"""

from __future__ import annotations

from typing import Any, TypeVar

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.rows import from_row
from hmpps_workers.adapters.sql.prison_visits.tables import ClaimTables
from hmpps_workers.adapters.sql.prison_visits.text import ci_equal
from hmpps_workers.core.prison_visits.claims.model import (
    Benefit,
    Claim,
    ClaimBankDetail,
    Eligibility,
    Prisoner,
    Visitor,
)
from hmpps_workers.core.prison_visits.claims.records import ClaimKey

T = TypeVar("T")


def _key_column(table: sa.Table) -> sa.Column[Any]:
    (column,) = table.primary_key.columns
    return column


def by_eligibility(table: sa.Table, key: ClaimKey) -> sa.Select[Any]:
    """Rows of an eligibility-level table for the key's reference and eligibility."""
    return (
        sa.select(table)
        .where(
            ci_equal(table.c.Reference, key.reference),
            table.c.EligibilityId == key.eligibility_id,
        )
        .order_by(_key_column(table))
    )


def by_claim(table: sa.Table, key: ClaimKey, *, enabled_only: bool) -> sa.Select[Any]:
    """Rows of a claim-level table for the key's claim."""
    statement = sa.select(table).where(table.c.ClaimId == key.claim_id)
    if enabled_only:
        statement = statement.where(table.c.IsEnabled == sa.true())
    return statement.order_by(_key_column(table))


@attrs.frozen(kw_only=True)
class ClaimHead:
    """A claim with its one-to-one parts, each None when it has no row."""

    claim: Claim
    eligibility: Eligibility | None
    prisoner: Prisoner | None
    visitor: Visitor | None
    benefit: Benefit | None
    bank_detail: ClaimBankDetail | None


@attrs.frozen
class _Part:
    prefix: str
    attribute: str
    cls: type[Any]
    per_claim: bool = False


_PARTS = (
    _Part("e", "eligibility", Eligibility),
    _Part("p", "prisoner", Prisoner),
    _Part("v", "visitor", Visitor),
    _Part("b", "benefit", Benefit),
    _Part("k", "claim_bank_detail", ClaimBankDetail, per_claim=True),
)


def _lowest_key(
    table: sa.Table, key: ClaimKey, *, per_claim: bool
) -> sa.ScalarSelect[Any]:
    """The lowest key of the rows a "first row" read would take."""
    inner = table.alias(f"first_{table.name}")
    where = (
        [inner.c.ClaimId == key.claim_id]
        if per_claim
        else [
            ci_equal(inner.c.Reference, key.reference),
            inner.c.EligibilityId == key.eligibility_id,
        ]
    )
    column = inner.c[_key_column(table).name]
    return sa.select(sa.func.min(column)).where(*where).scalar_subquery()


def claim_head(tables: ClaimTables, key: ClaimKey) -> sa.Select[Any]:
    """One row: the claim and its one-to-one parts, each column labelled by part."""
    claim = tables.claim
    columns: list[sa.ColumnElement[Any]] = [c.label(f"c_{c.name}") for c in claim.c]
    joined: sa.FromClause = claim
    for part in _PARTS:
        table: sa.Table = getattr(tables, part.attribute)
        columns += [c.label(f"{part.prefix}_{c.name}") for c in table.c]
        lowest = _lowest_key(table, key, per_claim=part.per_claim)
        joined = joined.outerjoin(table, _key_column(table) == lowest)
    return (
        sa.select(*columns).select_from(joined).where(claim.c.ClaimId == key.claim_id)
    )


def _part(cls: type[T], prefix: str, row: sa.RowMapping, key: str) -> T | None:
    start = f"{prefix}_"
    if row[start + key] is None:
        return None
    return from_row(
        cls, {k[len(start) :]: v for k, v in row.items() if k.startswith(start)}
    )


def read_claim_head(
    connection: sa.Connection, tables: ClaimTables, key: ClaimKey
) -> ClaimHead | None:
    """The claim and its one-to-one parts; None when the claim is absent."""
    row = connection.execute(claim_head(tables, key)).mappings().first()
    if row is None:
        return None
    parts = {
        part.attribute: _part(
            part.cls,
            part.prefix,
            row,
            _key_column(getattr(tables, part.attribute)).name,
        )
        for part in _PARTS
    }
    claim = _part(Claim, "c", row, "ClaimId")
    if claim is None:  # pragma: no cover - the WHERE makes the key non-null
        return None
    return ClaimHead(
        claim=claim,
        eligibility=parts["eligibility"],
        prisoner=parts["prisoner"],
        visitor=parts["visitor"],
        benefit=parts["benefit"],
        bank_detail=parts["claim_bank_detail"],
    )
