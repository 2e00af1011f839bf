"""The HwPV claim tables of ExtSchema and IntSchema, as the database project has them.

ExtSchema keys are identities and are the only id allocator for claim data: the claim
move copies rows into IntSchema keeping their ids, so IntSchema twins take explicit
keys (`autoincrement=False`). ExtSchema tables use SQLite's AUTOINCREMENT so that, as
on SQL Server, an id is never handed out twice even after its row is deleted.
The archive database is a clone of IntSchema: the same Table objects on another engine.
Indexes that only duplicate a key or another index are not repeated here.
"""

from __future__ import annotations

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.metadata import EXT_SCHEMA, INT_SCHEMA
from hmpps_workers.adapters.sql.prison_visits.claim_tables import (
    claim_bank_detail_table,
    claim_document_table,
    claim_expense_table,
    claim_person_table,
    claim_table,
)
from hmpps_workers.adapters.sql.prison_visits.eligibility_tables import (
    benefit_table,
    contact_update_table,
    eligibility_table,
    eligible_child_table,
    prisoner_table,
    visitor_table,
)
from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_auto_approval,
    int_auto_approval_config,
    int_claim_deduction,
    int_claim_event,
    int_direct_payment_file,
    int_top_up,
)
from hmpps_workers.adapters.sql.task_tables import ext_task, int_task
from hmpps_workers.core.tasks.model import Schema


@attrs.frozen(kw_only=True)
class ClaimTables:
    """One schema's claim-graph tables, so a query is written once for both schemas."""

    schema: Schema
    task: sa.Table
    eligibility: sa.Table
    prisoner: sa.Table
    visitor: sa.Table
    benefit: sa.Table
    eligible_child: sa.Table
    claim: sa.Table
    claim_expense: sa.Table
    claim_bank_detail: sa.Table
    claim_document: sa.Table
    claim_child: sa.Table
    claim_escort: sa.Table


def _claim_tables(schema: Schema, name: str, task: sa.Table) -> ClaimTables:
    return ClaimTables(
        schema=schema,
        task=task,
        eligibility=eligibility_table(name),
        prisoner=prisoner_table(name),
        visitor=visitor_table(name),
        benefit=benefit_table(name),
        eligible_child=eligible_child_table(name),
        claim=claim_table(name),
        claim_expense=claim_expense_table(name),
        claim_bank_detail=claim_bank_detail_table(name),
        claim_document=claim_document_table(name),
        claim_child=claim_person_table(name, "ClaimChild", child=True),
        claim_escort=claim_person_table(name, "ClaimEscort", child=False),
    )


EXT = _claim_tables(Schema.EXT, EXT_SCHEMA, ext_task)
INT = _claim_tables(Schema.INT, INT_SCHEMA, int_task)
CLAIM_TABLES: dict[Schema, ClaimTables] = {Schema.EXT: EXT, Schema.INT: INT}

ext_contact_update = contact_update_table()

ARCHIVE_TABLES: tuple[sa.Table, ...] = (
    INT.eligibility,
    INT.prisoner,
    INT.visitor,
    INT.benefit,
    INT.eligible_child,
    INT.claim,
    INT.claim_expense,
    INT.claim_bank_detail,
    INT.claim_document,
    INT.claim_child,
    INT.claim_escort,
    int_claim_event,
    int_claim_deduction,
    int_top_up,
)
"""What the archive database holds: the IntSchema claim graph and its top-ups."""

__all__ = [
    "ARCHIVE_TABLES",
    "CLAIM_TABLES",
    "EXT",
    "INT",
    "ClaimTables",
    "ext_contact_update",
    "int_auto_approval",
    "int_auto_approval_config",
    "int_claim_deduction",
    "int_claim_event",
    "int_direct_payment_file",
    "int_top_up",
]
