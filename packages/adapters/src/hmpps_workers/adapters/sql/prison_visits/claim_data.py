"""The "all claim data" read: one claim's whole graph from ExtSchema or IntSchema.

Each part is a named statement (pinned by golden tests); "first row" reads carry an
ORDER BY on the key so SQL Server cannot return an arbitrary row.
"""

from __future__ import annotations

from typing import Any, TypeVar

import sqlalchemy as sa

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
from hmpps_workers.adapters.sql.prison_visits.text import ci_equal
from hmpps_workers.core.prison_visits.claims.model import (
    Benefit,
    Claim,
    ClaimBankDetail,
    ClaimChild,
    ClaimDocument,
    ClaimEscort,
    ClaimExpense,
    ContactDetailUpdate,
    Eligibility,
    EligibleChild,
    Prisoner,
    Visitor,
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


def documents(
    tables: ClaimTables, key: ClaimKey, *, include_disabled: bool
) -> sa.Select[Any]:
    """The claim's documents and its eligibility's eligibility-level ones."""
    c = tables.claim_document.c
    statement = sa.select(tables.claim_document).where(
        ci_equal(c.Reference, key.reference),
        c.EligibilityId == key.eligibility_id,
        sa.or_(c.ClaimId == key.claim_id, c.ClaimId.is_(None)),
    )
    if not include_disabled:
        statement = statement.where(c.IsEnabled == sa.true())
    return statement.order_by(c.ClaimDocumentId)


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
    connection: sa.Connection, cls: type[T], statement: sa.Select[Any]
) -> tuple[T, ...]:
    """Every row of `statement` as a `cls`."""
    return tuple(from_row(cls, row) for row in connection.execute(statement))


def read_claim_data(
    connection: sa.Connection,
    tables: ClaimTables,
    key: ClaimKey,
    *,
    include_disabled_documents: bool = False,
) -> ClaimData | None:
    """Read the whole graph of one claim; None when the claim itself is absent."""
    claim = first_row(
        connection, Claim, by_claim(tables.claim, key, enabled_only=False)
    )
    if claim is None:
        return None
    internal = tables.schema is Schema.INT
    return ClaimData(
        claim=claim,
        eligibility=first_row(
            connection, Eligibility, by_eligibility(tables.eligibility, key)
        ),
        prisoner=first_row(connection, Prisoner, by_eligibility(tables.prisoner, key)),
        visitor=first_row(connection, Visitor, by_eligibility(tables.visitor, key)),
        benefit=first_row(connection, Benefit, by_eligibility(tables.benefit, key)),
        eligible_children=all_rows(
            connection, EligibleChild, by_eligibility(tables.eligible_child, key)
        ),
        children=all_rows(
            connection, ClaimChild, by_claim(tables.claim_child, key, enabled_only=True)
        ),
        expenses=all_rows(
            connection,
            ClaimExpense,
            by_claim(tables.claim_expense, key, enabled_only=True),
        ),
        escorts=all_rows(
            connection,
            ClaimEscort,
            by_claim(tables.claim_escort, key, enabled_only=True),
        ),
        documents=all_rows(
            connection,
            ClaimDocument,
            documents(tables, key, include_disabled=include_disabled_documents),
        ),
        bank_detail=first_row(
            connection,
            ClaimBankDetail,
            by_claim(tables.claim_bank_detail, key, enabled_only=False),
        ),
        contact_update=None
        if internal
        else first_row(connection, ContactDetailUpdate, newest_contact_update(key)),
        events=all_rows(
            connection, ClaimEvent, by_claim(int_claim_event, key, enabled_only=False)
        )
        if internal
        else (),
        deductions=all_rows(
            connection,
            ClaimDeduction,
            by_claim(int_claim_deduction, key, enabled_only=True),
        )
        if internal
        else (),
    )


def read_pricing_input(connection: sa.Connection, key: ClaimKey) -> PricingInput | None:
    """The parts of an IntSchema claim mileage pricing reads: four statements."""
    tables = CLAIM_TABLES[Schema.INT]
    claim = first_row(
        connection, Claim, by_claim(tables.claim, key, enabled_only=False)
    )
    if claim is None:
        return None
    return PricingInput(
        claim=claim,
        visitor=first_row(connection, Visitor, by_eligibility(tables.visitor, key)),
        prisoner=first_row(connection, Prisoner, by_eligibility(tables.prisoner, key)),
        expenses=all_rows(
            connection,
            ClaimExpense,
            by_claim(tables.claim_expense, key, enabled_only=True),
        ),
    )
