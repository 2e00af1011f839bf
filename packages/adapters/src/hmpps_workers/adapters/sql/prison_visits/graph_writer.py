"""Insert a claim graph into a schema: keeping its ids (IntSchema, archive) or not.

IntSchema rows keep the ids ExtSchema allocated. Into ExtSchema the identities
allocate fresh ids and the references between rows are rewired, as the external site
does; the graph as stored is returned either way.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.driver_sql import write
from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_claim_deduction,
    int_claim_event,
    int_top_up,
)
from hmpps_workers.adapters.sql.prison_visits.rows import field_name, to_values
from hmpps_workers.adapters.sql.prison_visits.tables import (
    ClaimTables,
    ext_contact_update,
)
from hmpps_workers.core.prison_visits.claims.records import ClaimData
from hmpps_workers.core.tasks.model import Schema

T = TypeVar("T")


def _key(table: sa.Table) -> sa.Column[Any]:
    (column,) = table.primary_key.columns
    return column


def insert_statement(
    table: sa.Table, columns: Sequence[str], *, returning_key: bool
) -> sa.Insert:
    """INSERT one row of `columns`, each a bound parameter of its name.

    With `returning_key` the identity's value comes back. Built once per table,
    columns and shape: building an INSERT costs more than sending it.
    """
    return _insert(table, tuple(columns), returning_key=returning_key, inline=False)


@functools.cache
def _insert(
    table: sa.Table, columns: tuple[str, ...], *, returning_key: bool, inline: bool
) -> sa.Insert:
    statement = sa.insert(table).values({name: sa.bindparam(name) for name in columns})
    if returning_key:
        return statement.returning(_key(table))
    return statement.inline() if inline else statement


def insert_row(
    connection: sa.Connection, table: sa.Table, record: T, *, keep_id: bool
) -> T:
    """Insert `record`, letting the identity choose its id unless `keep_id`."""
    key = _key(table)
    without = frozenset() if keep_id else frozenset({key.name})
    values = to_values(table, record, without=without)
    statement = insert_statement(table, list(values), returning_key=not keep_id)
    if keep_id:
        write(connection, statement, values)
        return record
    new_id = connection.execute(statement, values).scalar_one()
    return attrs.evolve(record, **{field_name(key.name): new_id})  # type: ignore[misc]


def insert_many_statement(table: sa.Table, columns: Sequence[str]) -> sa.Insert:
    """The INSERT an executemany of `columns` sends; no identity is read back."""
    return _insert(table, tuple(columns), returning_key=False, inline=True)


def insert_rows(
    connection: sa.Connection,
    table: sa.Table,
    records: Sequence[object],
    *,
    keep_id: bool = True,
) -> None:
    """Insert `records` with one executemany (nothing when empty); no ids returned."""
    if not records:
        return
    without = frozenset() if keep_id else frozenset({_key(table).name})
    rows = [to_values(table, r, without=without) for r in records]
    write(connection, insert_many_statement(table, list(rows[0])), rows)


def insert_kept_graph(
    connection: sa.Connection, tables: ClaimTables, data: ClaimData
) -> None:
    """Insert a graph keeping its ids (IntSchema), one executemany per table.

    Foreign-key order; the ids are ExtSchema's, so nothing needs rewiring and no
    identity is read back. Events, deductions and top-ups are not part of a move.
    """
    parts: tuple[tuple[sa.Table, Sequence[object]], ...] = (
        (tables.eligibility, _present(data.eligibility)),
        (tables.visitor, _present(data.visitor)),
        (tables.prisoner, _present(data.prisoner)),
        (tables.eligible_child, data.eligible_children),
        (tables.benefit, _present(data.benefit)),
        (tables.claim, (data.claim,)),
        (tables.claim_bank_detail, _present(data.bank_detail)),
        (tables.claim_expense, data.expenses),
        (tables.claim_child, data.children),
        (tables.claim_document, data.documents),
        (tables.claim_escort, data.escorts),
    )
    for table, records in parts:
        insert_rows(connection, table, records)


def _present(record: object | None) -> tuple[object, ...]:
    return () if record is None else (record,)


@attrs.define
class _Rewire:
    eligibility_id: int | None = None
    claim_id: int | None = None
    expense_ids: dict[int, int] = attrs.field(factory=dict)

    def apply(self, record: T) -> T:
        changes: dict[str, Any] = {}
        fields = attrs.asdict(record, recurse=False)  # type: ignore[arg-type]
        if self.eligibility_id is not None and "eligibility_id" in fields:
            changes["eligibility_id"] = self.eligibility_id
        if self.claim_id is not None and fields.get("claim_id") is not None:
            changes["claim_id"] = self.claim_id
        if fields.get("claim_expense_id") in self.expense_ids and "cost" not in fields:
            changes["claim_expense_id"] = self.expense_ids[fields["claim_expense_id"]]
        return attrs.evolve(record, **changes)  # type: ignore[misc]


def insert_graph(
    connection: sa.Connection,
    tables: ClaimTables,
    data: ClaimData,
    *,
    keep_ids: bool | None = None,
) -> ClaimData:
    """Insert every row of `data` in foreign-key order; returns the graph as stored."""
    keep = tables.schema is Schema.INT if keep_ids is None else keep_ids
    rewire = _Rewire()

    def put(table: sa.Table, record: T) -> T:
        return insert_row(connection, table, rewire.apply(record), keep_id=keep)

    eligibility = data.eligibility and put(tables.eligibility, data.eligibility)
    if eligibility is not None and not keep:
        rewire.eligibility_id = eligibility.eligibility_id
    visitor = data.visitor and put(tables.visitor, data.visitor)
    prisoner = data.prisoner and put(tables.prisoner, data.prisoner)
    eligible_children = tuple(
        put(tables.eligible_child, c) for c in data.eligible_children
    )
    benefit = data.benefit and put(tables.benefit, data.benefit)
    claim = put(tables.claim, data.claim)
    if not keep:
        rewire.claim_id = claim.claim_id
    bank_detail = data.bank_detail and put(tables.claim_bank_detail, data.bank_detail)
    expenses = []
    for expense in data.expenses:
        stored = put(tables.claim_expense, expense)
        rewire.expense_ids[expense.claim_expense_id] = stored.claim_expense_id
        expenses.append(stored)
    children = tuple(put(tables.claim_child, c) for c in data.children)
    documents = tuple(put(tables.claim_document, d) for d in data.documents)
    escorts = tuple(put(tables.claim_escort, e) for e in data.escorts)
    contact_update = None
    if data.contact_update is not None and tables.schema is Schema.EXT:
        contact_update = put(ext_contact_update, data.contact_update)
    internal = tables.schema is Schema.INT
    events = tuple(
        insert_row(connection, int_claim_event, rewire.apply(e), keep_id=False)
        for e in (data.events if internal else ())
    )
    deductions = tuple(
        insert_row(connection, int_claim_deduction, rewire.apply(d), keep_id=False)
        for d in (data.deductions if internal else ())
    )
    top_ups = tuple(
        insert_row(connection, int_top_up, rewire.apply(t), keep_id=False)
        for t in (data.top_ups if internal else ())
    )
    return ClaimData(
        claim=claim,
        eligibility=eligibility,
        prisoner=prisoner,
        visitor=visitor,
        benefit=benefit,
        eligible_children=eligible_children,
        children=children,
        expenses=tuple(expenses),
        escorts=escorts,
        documents=documents,
        bank_detail=bank_detail,
        contact_update=contact_update,
        events=events,
        deductions=deductions,
        top_ups=top_ups,
    )
