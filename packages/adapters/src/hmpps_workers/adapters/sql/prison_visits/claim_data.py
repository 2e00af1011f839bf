"""The "all claim data" read: one claim's whole graph from ExtSchema or IntSchema.

Each part is a named statement (pinned by golden tests); "first row" reads carry an
ORDER BY on the key so SQL Server cannot return an arbitrary row.
"""

from __future__ import annotations

import functools
from typing import Any, TypeVar

import sqlalchemy as sa

from hmpps_workers.adapters.sql.driver_reads import read
from hmpps_workers.adapters.sql.prison_visits.claim_head import (
    CLAIM_ID,
    by_claim,
    by_eligibility,
    claim_rows,
    eligibility_rows,
    head_claim,
    head_parts,
    joined_head,
    key_params,
    read_claim_head,
    where_of,
)
from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_claim_deduction,
    int_claim_event,
)
from hmpps_workers.adapters.sql.prison_visits.rows import from_row
from hmpps_workers.adapters.sql.prison_visits.tables import (
    CLAIM_TABLES,
    ClaimTables,
    ext_contact_update,
)
from hmpps_workers.adapters.sql.prison_visits.text import ci_equal, ci_equal_param
from hmpps_workers.core.prison_visits.claims.model import (
    ClaimChild,
    ClaimDocument,
    ClaimEscort,
    ClaimExpense,
    ContactDetailUpdate,
    EligibleChild,
)
from hmpps_workers.core.prison_visits.claims.records import (
    ClaimData,
    ClaimDeduction,
    ClaimEvent,
    ClaimKey,
)
from hmpps_workers.core.prison_visits.claims.views import PricingInput
from hmpps_workers.core.tasks.model import Schema

T = TypeVar("T")
PRICING_PARTS = ("prisoner", "visitor")


@functools.cache
def claim_documents(tables: ClaimTables, *, include_disabled: bool) -> sa.Select[Any]:
    """The claim's documents and its eligibility's eligibility-level ones.

    Bind `key_params`.
    """
    c = tables.claim_document.c
    statement = sa.select(tables.claim_document).where(
        ci_equal_param(c.Reference, "reference"),
        c.EligibilityId == sa.bindparam("eligibility_id", type_=sa.Integer()),
        sa.or_(
            c.ClaimId == sa.bindparam("claim_id", type_=sa.Integer()),
            c.ClaimId.is_(None),
        ),
    )
    if not include_disabled:
        statement = statement.where(c.IsEnabled == sa.true())
    return statement.order_by(c.ClaimDocumentId)


def documents(
    tables: ClaimTables, key: ClaimKey, *, include_disabled: bool
) -> sa.Select[Any]:
    """The claim's documents and its eligibility's eligibility-level ones."""
    return claim_documents(tables, include_disabled=include_disabled).params(
        key_params(key)
    )


def newest_contact_update(key: ClaimKey) -> sa.Select[Any]:
    """The newest ExtSchema contact-detail update of the eligibility."""
    c = ext_contact_update.c
    return (
        sa.select(ext_contact_update)
        .where(
            ci_equal(c.Reference, key.reference), c.EligibilityId == key.eligibility_id
        )
        .order_by(
            c.DateSubmitted.desc(), c.EligibilityVisitorUpdateContactDetailId.desc()
        )
        .limit(1)
    )


def first_row(
    connection: sa.Connection, cls: type[T], statement: sa.Select[Any]
) -> T | None:
    """The first row of `statement` as a `cls`, or None."""
    row = connection.execute(statement.limit(1)).first()
    return None if row is None else from_row(cls, row)


def all_rows(
    connection: sa.Connection,
    cls: type[T],
    statement: sa.Select[Any],
    params: dict[str, Any] | None = None,
) -> tuple[T, ...]:
    """Every row of `statement` (with `params` bound) as a `cls`."""
    return tuple(from_row(cls, row) for row in connection.execute(statement, params))


def read_claim_data(
    connection: sa.Connection,
    tables: ClaimTables,
    key: ClaimKey,
    *,
    include_disabled_documents: bool = False,
) -> ClaimData | None:
    """Read the whole graph of one claim; None when the claim itself is absent."""
    head = read_claim_head(connection, tables, key)
    params = key_params(key)
    if head is None:
        return None
    internal = tables.schema is Schema.INT
    return ClaimData(
        claim=head.claim,
        eligibility=head.eligibility,
        prisoner=head.prisoner,
        visitor=head.visitor,
        benefit=head.benefit,
        eligible_children=all_rows(
            connection, EligibleChild, eligibility_rows(tables.eligible_child), params
        ),
        children=all_rows(
            connection,
            ClaimChild,
            claim_rows(tables.claim_child, enabled_only=True),
            params,
        ),
        expenses=all_rows(
            connection,
            ClaimExpense,
            claim_rows(tables.claim_expense, enabled_only=True),
            params,
        ),
        escorts=all_rows(
            connection,
            ClaimEscort,
            claim_rows(tables.claim_escort, enabled_only=True),
            params,
        ),
        documents=all_rows(
            connection,
            ClaimDocument,
            claim_documents(tables, include_disabled=include_disabled_documents),
            params,
        ),
        bank_detail=head.bank_detail,
        contact_update=None
        if internal
        else first_row(connection, ContactDetailUpdate, newest_contact_update(key)),
        events=all_rows(
            connection,
            ClaimEvent,
            claim_rows(int_claim_event, enabled_only=False),
            params,
        )
        if internal
        else (),
        deductions=all_rows(
            connection,
            ClaimDeduction,
            claim_rows(int_claim_deduction, enabled_only=True),
            params,
        )
        if internal
        else (),
    )


@functools.cache
def pricing_read() -> sa.Select[Any]:
    """The claim with its visitor and prisoner, a row per enabled expense.

    Bind `key_params`. The expenses are `claim_rows`' (enabled, by key), LEFT JOINed
    so a claim without any still gives its one row.
    """
    tables = CLAIM_TABLES[Schema.INT]
    x = tables.claim_expense
    columns, joined = joined_head(tables, PRICING_PARTS)
    columns += [c.label(f"x_{c.name}") for c in x.c]
    expenses = where_of(claim_rows(x, enabled_only=True))
    return (
        sa.select(*columns)
        .select_from(joined.outerjoin(x, expenses))
        .where(tables.claim.c.ClaimId == CLAIM_ID)
        .order_by(x.c.ClaimExpenseId)
    )


def read_pricing_input(connection: sa.Connection, key: ClaimKey) -> PricingInput | None:
    """The parts of an IntSchema claim mileage pricing reads: one statement."""
    rows = read(connection, pricing_read(), key_params(key)).mappings().all()
    claim = head_claim(rows[0]) if rows else None
    if claim is None:
        return None
    parts = head_parts(CLAIM_TABLES[Schema.INT], rows[0], PRICING_PARTS)
    return PricingInput(
        claim=claim,
        visitor=parts["visitor"],
        prisoner=parts["prisoner"],
        expenses=tuple(
            from_row(ClaimExpense, row, "x_")
            for row in rows
            if row["x_ClaimExpenseId"] is not None
        ),
    )


__all__ = [
    "all_rows",
    "by_claim",
    "by_eligibility",
    "claim_documents",
    "claim_rows",
    "documents",
    "eligibility_rows",
    "first_row",
    "newest_contact_update",
    "pricing_read",
    "read_claim_data",
    "read_pricing_input",
]
