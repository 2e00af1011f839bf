"""A claim and its one-to-one parts in one statement: fewer round trips per read.

The claim, its eligibility, prisoner, visitor, benefit and bank detail each have at
most one row that a read takes (the lowest key, as the separate "first row" reads
did), so they come back joined in one row: LEFT JOINs on the lowest matching key,
each part labelled with its own prefix, a part absent when its key is NULL.

The per-claim reads are built once per table with named bind parameters
(`claim_id`, `eligibility_id`, `reference`) and executed with `key_params`: building
a statement and its cache key cost more Python time than the database spent on it.
"""

from __future__ import annotations

import functools
from typing import Any, TypeVar

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.driver_reads import read
from hmpps_workers.adapters.sql.prison_visits.rows import from_row
from hmpps_workers.adapters.sql.prison_visits.tables import ClaimTables
from hmpps_workers.adapters.sql.prison_visits.text import ci_equal_param
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


CLAIM_ID = sa.bindparam("claim_id", type_=sa.Integer())
ELIGIBILITY_ID = sa.bindparam("eligibility_id", type_=sa.Integer())


def key_params(key: ClaimKey) -> dict[str, Any]:
    """The bind parameters of the per-claim reads for `key`."""
    return {
        "claim_id": key.claim_id,
        "eligibility_id": key.eligibility_id,
        "reference": key.reference,
    }


def _of_eligibility(table: sa.FromClause) -> list[sa.ColumnElement[bool]]:
    return [
        ci_equal_param(table.c.Reference, "reference"),
        table.c.EligibilityId == ELIGIBILITY_ID,
    ]


@functools.cache
def eligibility_rows(table: sa.Table) -> sa.Select[Any]:
    """Rows of an eligibility-level table: bind `key_params`."""
    return sa.select(table).where(*_of_eligibility(table)).order_by(_key_column(table))


@functools.cache
def claim_rows(table: sa.Table, *, enabled_only: bool) -> sa.Select[Any]:
    """Rows of a claim-level table: bind `key_params`."""
    statement = sa.select(table).where(table.c.ClaimId == CLAIM_ID)
    if enabled_only:
        statement = statement.where(table.c.IsEnabled == sa.true())
    return statement.order_by(_key_column(table))


def where_of(statement: sa.Select[Any]) -> sa.ColumnElement[bool]:
    """The WHERE of a named statement, to reuse its conditions in another."""
    clause = statement.whereclause
    assert clause is not None  # noqa: S101 - only statements with a WHERE come here
    return clause


def by_eligibility(table: sa.Table, key: ClaimKey) -> sa.Select[Any]:
    """Rows of an eligibility-level table for the key's reference and eligibility."""
    return eligibility_rows(table).params(key_params(key))


def by_claim(table: sa.Table, key: ClaimKey, *, enabled_only: bool) -> sa.Select[Any]:
    """Rows of a claim-level table for the key's claim."""
    return claim_rows(table, enabled_only=enabled_only).params(key_params(key))


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


def _lowest_key(table: sa.Table, *, per_claim: bool) -> sa.ScalarSelect[Any]:
    """The lowest key of the rows a "first row" read would take."""
    inner = table.alias(f"first_{table.name}")
    where = [inner.c.ClaimId == CLAIM_ID] if per_claim else _of_eligibility(inner)
    column = inner.c[_key_column(table).name]
    return sa.select(sa.func.min(column)).where(*where).scalar_subquery()


def joined_head(
    tables: ClaimTables,
    attributes: tuple[str, ...] | None = None,
    *,
    only_where: sa.ColumnElement[bool] | None = None,
) -> tuple[list[sa.ColumnElement[Any]], sa.FromClause]:
    """The claim table's columns and its parts' (all, or those named), labelled.

    Bind `key_params`. With `only_where`, a row gets its parts only where that holds
    (the other rows' part columns are NULL).
    """
    claim = tables.claim
    columns: list[sa.ColumnElement[Any]] = [c.label(f"c_{c.name}") for c in claim.c]
    joined: sa.FromClause = claim
    for part in _PARTS:
        if attributes is not None and part.attribute not in attributes:
            continue
        table: sa.Table = getattr(tables, part.attribute)
        columns += [c.label(f"{part.prefix}_{c.name}") for c in table.c]
        lowest = _lowest_key(table, per_claim=part.per_claim)
        on = _key_column(table) == lowest
        if only_where is not None:
            on = sa.and_(on, only_where)
        joined = joined.outerjoin(table, on)
    return columns, joined


@functools.cache
def claim_head(tables: ClaimTables) -> sa.Select[Any]:
    """One row: the claim and its one-to-one parts, each column labelled by part.

    Bind `key_params`.
    """
    columns, joined = joined_head(tables)
    return (
        sa.select(*columns)
        .select_from(joined)
        .where(tables.claim.c.ClaimId == CLAIM_ID)
    )


def _part(cls: type[T], prefix: str, row: sa.RowMapping, key: str) -> T | None:
    start = f"{prefix}_"
    if row[start + key] is None:
        return None
    return from_row(cls, row, start)


def head_parts(
    tables: ClaimTables, row: sa.RowMapping, attributes: tuple[str, ...]
) -> dict[str, Any]:
    """The named parts in a `joined_head` row, each None when it has no row."""
    return {
        part.attribute: _part(
            part.cls,
            part.prefix,
            row,
            _key_column(getattr(tables, part.attribute)).name,
        )
        for part in _PARTS
        if part.attribute in attributes
    }


def head_claim(row: sa.RowMapping) -> Claim | None:
    """The claim in a `joined_head` row."""
    return _part(Claim, "c", row, "ClaimId")


def read_claim_head(
    connection: sa.Connection, tables: ClaimTables, key: ClaimKey
) -> ClaimHead | None:
    """The claim and its one-to-one parts; None when the claim is absent."""
    row = read(connection, claim_head(tables), key_params(key)).mappings().first()
    if row is None:
        return None
    parts = head_parts(tables, row, tuple(part.attribute for part in _PARTS))
    claim = head_claim(row)
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
