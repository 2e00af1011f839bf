"""ARCHIVE-CLAIM: copy a claim's whole IntSchema graph to the archive, then delete it.

The archive is another database holding a clone of IntSchema. The copy commits in
one archive transaction, then the delete in one main transaction; there is no
distributed transaction, so a retry after a failed delete finds the claim already
archived and only deletes. Unlike the original, escorts, top-ups and disabled rows
are archived too: everything deleted from IntSchema is in the archive first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.metadata import INT_SCHEMA, metadata
from hmpps_workers.adapters.sql.prison_visits import claim_data as cd
from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_row
from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_claim_deduction,
    int_claim_event,
    int_top_up,
)
from hmpps_workers.adapters.sql.prison_visits.rows import field_name
from hmpps_workers.adapters.sql.prison_visits.tables import ARCHIVE_TABLES, INT
from hmpps_workers.core.prison_visits.claims.model import (
    Benefit,
    Claim,
    ClaimBankDetail,
    ClaimChild,
    ClaimDocument,
    ClaimEscort,
    ClaimExpense,
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
    TopUp,
)

CLAIM_CHILD_TABLES = (
    int_claim_event,
    INT.claim_escort,
    int_claim_deduction,
    INT.claim_child,
    INT.claim_bank_detail,
    int_top_up,
)
"""Rows hanging off a claim that nothing else references, deleted first."""

ELIGIBILITY_TABLES = (INT.visitor, INT.prisoner, INT.eligible_child, INT.benefit)


def create_archive_schema(engine: sa.Engine) -> None:
    """Create the archive's IntSchema clone (tests and demos; never SQL Server)."""
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(sa.schema.CreateSchema(INT_SCHEMA, if_not_exists=True))
        metadata.create_all(connection, tables=list(ARCHIVE_TABLES))


def claim_by_id(claim_id: int) -> sa.Select[Any]:
    """One IntSchema claim by id."""
    return sa.select(INT.claim).where(INT.claim.c.ClaimId == claim_id)


def claims_of_eligibility_count(eligibility_id: int) -> sa.Select[Any]:
    """How many IntSchema claims an eligibility has."""
    return (
        sa.select(sa.func.count())
        .select_from(INT.claim)
        .where(INT.claim.c.EligibilityId == eligibility_id)
    )


def existing_ids(table: sa.Table, ids: Sequence[int]) -> sa.Select[Any]:
    """Which of `ids` are already keys of `table`."""
    (key,) = table.primary_key.columns
    return sa.select(key).where(key.in_(ids))


def whole_claim(connection: sa.Connection, claim_id: int) -> ClaimData | None:
    """Every IntSchema row of a claim, disabled ones and top-ups included."""
    claim = cd.first_row(connection, Claim, claim_by_id(claim_id))
    if claim is None:
        return None
    key = ClaimKey(
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim_id,
    )

    def of_claim(cls: type[Any], table: sa.Table) -> tuple[Any, ...]:
        return cd.all_rows(connection, cls, cd.by_claim(table, key, enabled_only=False))

    def of_eligibility(cls: type[Any], table: sa.Table) -> Any:  # noqa: ANN401
        return cd.first_row(connection, cls, cd.by_eligibility(table, key))

    return ClaimData(
        claim=claim,
        eligibility=of_eligibility(Eligibility, INT.eligibility),
        prisoner=of_eligibility(Prisoner, INT.prisoner),
        visitor=of_eligibility(Visitor, INT.visitor),
        benefit=of_eligibility(Benefit, INT.benefit),
        eligible_children=cd.all_rows(
            connection, EligibleChild, cd.by_eligibility(INT.eligible_child, key)
        ),
        children=of_claim(ClaimChild, INT.claim_child),
        expenses=of_claim(ClaimExpense, INT.claim_expense),
        escorts=of_claim(ClaimEscort, INT.claim_escort),
        documents=cd.all_rows(
            connection, ClaimDocument, cd.documents(INT, key, include_disabled=True)
        ),
        bank_detail=cd.first_row(
            connection,
            ClaimBankDetail,
            cd.by_claim(INT.claim_bank_detail, key, enabled_only=False),
        ),
        events=of_claim(ClaimEvent, int_claim_event),
        deductions=of_claim(ClaimDeduction, int_claim_deduction),
        top_ups=of_claim(TopUp, int_top_up),
    )


def internal_claim_deletes(
    *, claim_id: int, eligibility_id: int, with_eligibility: bool
) -> list[sa.Delete]:
    """The DELETEs that remove an archived claim from IntSchema, in FK order.

    Top-ups go too: the original left them, and their foreign key then refused the
    Claim delete, after the copy, on every retry.
    """
    statements = [
        sa.delete(table).where(table.c.ClaimId == claim_id)
        for table in (*CLAIM_CHILD_TABLES, INT.claim_document, INT.claim_expense)
    ]
    statements.append(sa.delete(INT.claim).where(INT.claim.c.ClaimId == claim_id))
    if with_eligibility:
        statements += [
            sa.delete(table).where(table.c.EligibilityId == eligibility_id)
            for table in (INT.claim_document, *ELIGIBILITY_TABLES, INT.eligibility)
        ]
    return statements


def _copy_absent(
    connection: sa.Connection, table: sa.Table, records: Sequence[Any]
) -> None:
    if not records:
        return
    (key,) = table.primary_key.columns
    name = field_name(key.name)
    ids = [getattr(r, name) for r in records]
    present = set(connection.execute(existing_ids(table, ids)).scalars())
    for record in records:
        if getattr(record, name) not in present:
            insert_row(connection, table, record, keep_id=True)


def copy_to_archive(connection: sa.Connection, data: ClaimData) -> None:
    """Insert the graph's rows the archive lacks, inside the caller's transaction."""
    claim = data.claim
    if data.eligibility is not None:
        eligibility_present = connection.execute(
            existing_ids(INT.eligibility, [claim.eligibility_id])
        ).first()
        if eligibility_present is None:
            _copy_absent(connection, INT.eligibility, [data.eligibility])
            for table, rows in (
                (INT.visitor, [data.visitor]),
                (INT.prisoner, [data.prisoner]),
                (INT.eligible_child, list(data.eligible_children)),
                (INT.benefit, [data.benefit]),
            ):
                _copy_absent(connection, table, [r for r in rows if r is not None])
    if connection.execute(existing_ids(INT.claim, [claim.claim_id])).first():
        # The claim's own rows were committed with it; only new eligibility-level
        # documents can be missing.
        _copy_absent(connection, INT.claim_document, data.documents)
        return
    _copy_absent(connection, INT.claim, [claim])
    _copy_absent(connection, INT.claim_expense, data.expenses)
    _copy_absent(connection, INT.claim_document, data.documents)
    for table, records in (
        (INT.claim_escort, data.escorts),
        (INT.claim_child, data.children),
        (INT.claim_bank_detail, [data.bank_detail] if data.bank_detail else []),
    ):
        _copy_absent(connection, table, records)
    for table, fresh in (
        (int_claim_event, data.events),
        (int_claim_deduction, data.deductions),
        (int_top_up, data.top_ups),
    ):
        for record in fresh:
            insert_row(connection, table, record, keep_id=False)


@attrs.define
class SqlClaimArchive:
    """The ClaimArchive port: IntSchema on `engine`, its clone on `archive_engine`."""

    engine: sa.Engine
    archive_engine: sa.Engine

    def archive_claim(self, claim_id: int) -> bool:
        """Copy a claim's graph to the archive, then delete it; False if absent."""
        with (
            translate_errors(f"read claim {claim_id} to archive"),
            self.engine.connect() as connection,
        ):
            data = whole_claim(connection, claim_id)
        if data is None:
            return False
        with (
            translate_errors(f"copy claim {claim_id} to the archive"),
            self.archive_engine.begin() as connection,
        ):
            copy_to_archive(connection, data)
        eligibility_id = data.claim.eligibility_id
        with (
            translate_errors(f"delete archived claim {claim_id}"),
            self.engine.begin() as connection,
        ):
            count = connection.execute(
                claims_of_eligibility_count(eligibility_id)
            ).scalar_one()
            for statement in internal_claim_deletes(
                claim_id=claim_id,
                eligibility_id=eligibility_id,
                with_eligibility=count == 1,
            ):
                connection.execute(statement)
        return True
