"""Taking a submitted claim out of ExtSchema: locked, then deleted, rows returned.

COMPLETE-CLAIM reads the ExtSchema claim in the transaction that moves it, and reads
it by deleting it: each DELETE returns the rows it removed (PostgreSQL and SQLite
`RETURNING`, SQL Server `OUTPUT deleted.*`), so what is deleted is exactly what is
copied, whatever the external site inserts meanwhile. Before that the claim and its
eligibility rows are locked (PostgreSQL `FOR UPDATE`, SQL Server `XLOCK, HOLDLOCK`,
SQLite's writer lock from `BEGIN IMMEDIATE`): an INSERT whose foreign key names
them (a child, expense, escort, visitor, prisoner or eligible child) waits for the
move and then fails its foreign-key check, instead of landing half-way. The tables
without a foreign key to the claim (documents, bank details, benefit, contact
updates) are not blocked; a row of theirs inserted after its DELETE stays in
ExtSchema, where the later-upload steps look for it. Such a table with none of the
claim's rows at the lock is not taken at all (one statement fewer each), so a row it
gains after the lock stays there the same way.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias, TypeVar

import attrs
import sqlalchemy as sa
from sqlalchemy.sql.dml import ReturningDelete

from hmpps_workers.adapters.sql.driver_reads import read
from hmpps_workers.adapters.sql.driver_sql import write
from hmpps_workers.adapters.sql.prison_visits.rows import field_name, from_row
from hmpps_workers.adapters.sql.prison_visits.tables import EXT, INT, ext_contact_update
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
from hmpps_workers.core.prison_visits.claims.move import Submission
from hmpps_workers.core.prison_visits.claims.records import ClaimData, ClaimKey
from hmpps_workers.core.prison_visits.claims.values import same_text

T = TypeVar("T")

# XLOCK, not UPDLOCK: a foreign-key check reads the parent row with a shared lock,
# which an update lock does not block. HOLDLOCK keeps the locks to the commit.
MSSQL_TAKE_HINT = "WITH (ROWLOCK, XLOCK, HOLDLOCK)"
INTERNAL_VISITOR_EMAIL = "InternalVisitorEmail"
Taking: TypeAlias = "ReturningDelete[Any]"


def _locked(table: sa.Table, where: sa.ColumnElement[bool], prefix: str) -> sa.CTE:
    return (
        sa.select(*(c.label(f"{prefix}_{c.name}") for c in table.c))
        .where(where)
        .with_hint(table, MSSQL_TAKE_HINT, "mssql")
        .with_for_update()
        .cte(f"locked_{table.name.lower()}")
    )


_CLAIM_ID: sa.BindParameter[int] = sa.bindparam("claim_id", type_=sa.Integer())
_ELIGIBILITY_ID: sa.BindParameter[int] = sa.bindparam(
    "eligibility_id", type_=sa.Integer()
)


def key_params(key: ClaimKey) -> dict[str, int]:
    """The bound values of every statement here: the claim's and eligibility's ids."""
    return {"claim_id": key.claim_id, "eligibility_id": key.eligibility_id}


@functools.cache
def _unlocked_parts() -> dict[str, tuple[sa.Table, sa.ColumnElement[bool]]]:
    """The claim's rows in tables with no foreign key to the locked rows, by name."""
    document = EXT.claim_document.c
    return {
        "bank_detail": (
            EXT.claim_bank_detail,
            EXT.claim_bank_detail.c.ClaimId == _CLAIM_ID,
        ),
        "documents": (
            EXT.claim_document,
            sa.or_(
                document.ClaimId == _CLAIM_ID,
                sa.and_(
                    document.ClaimId.is_(None),
                    document.EligibilityId == _ELIGIBILITY_ID,
                ),
            ),
        ),
        "contact_updates": (
            ext_contact_update,
            ext_contact_update.c.EligibilityId == _ELIGIBILITY_ID,
        ),
        "benefit": (EXT.benefit, EXT.benefit.c.EligibilityId == _ELIGIBILITY_ID),
    }


def _has(name: str) -> str:
    return f"has_{name}"


@functools.cache
def lock_claim() -> sa.Select[Any]:
    """One row: the ExtSchema claim and its eligibility (if any), both locked.

    Each is locked in its own CTE (PostgreSQL cannot lock the nullable side of an
    outer join), and the eligibility's IntSchema visitor email comes along, with
    `has_<part>` (1 or 0) for each part whose table nothing locks: a part without
    rows is not taken. Like every statement here it is built once and bound with
    `key_params`.
    """
    claim, eligibility, visitor = EXT.claim, EXT.eligibility, INT.visitor
    locked_claim = _locked(claim, claim.c.ClaimId == _CLAIM_ID, "c")
    locked_eligibility = _locked(
        eligibility, eligibility.c.EligibilityId == _ELIGIBILITY_ID, "e"
    )
    email = (
        sa.select(visitor.c.EmailAddress)
        .where(visitor.c.EligibilityId == _ELIGIBILITY_ID)
        .order_by(visitor.c.VisitorId)
        .limit(1)
        .scalar_subquery()
        .label(INTERNAL_VISITOR_EMAIL)
    )
    one: sa.ColumnElement[int] = sa.literal_column("1", sa.Integer())
    zero: sa.ColumnElement[int] = sa.literal_column("0", sa.Integer())
    present = [
        sa.case((sa.exists().where(where), one), else_=zero).label(_has(name))
        for name, (_, where) in _unlocked_parts().items()
    ]
    return sa.select(locked_claim, locked_eligibility, email, *present).select_from(
        locked_claim.outerjoin(locked_eligibility, sa.true())
    )


def _prefixed(row: sa.RowMapping, prefix: str) -> dict[str, Any]:
    start = f"{prefix}_"
    return {k[len(start) :]: v for k, v in row.items() if k.startswith(start)}


def _taking(table: sa.Table, where: sa.ColumnElement[bool]) -> Taking:
    return sa.delete(table).where(where).returning(*table.c)


@functools.cache
def claim_takes() -> dict[str, Taking]:
    """The DELETE ... RETURNING of the claim's own rows, children first."""
    parts = _unlocked_parts() | {
        name: (table, table.c.ClaimId == _CLAIM_ID)
        for name, table in (
            ("expenses", EXT.claim_expense),
            ("children", EXT.claim_child),
            ("escorts", EXT.claim_escort),
        )
    }
    order = ("bank_detail", "expenses", "children", "escorts", "documents")
    return {name: _taking(*parts[name]) for name in (*order, "contact_updates")}


@functools.cache
def delete_claim() -> sa.Delete:
    """The ExtSchema claim row itself, once its children are gone."""
    return sa.delete(EXT.claim).where(EXT.claim.c.ClaimId == _CLAIM_ID)


@functools.cache
def eligibility_takes(*, with_eligibility: bool) -> dict[str, Taking]:
    """DELETE ... RETURNING of the eligibility's rows; its FK children need the row."""
    tables = (
        [
            ("visitor", EXT.visitor),
            ("prisoner", EXT.prisoner),
            ("eligible_children", EXT.eligible_child),
        ]
        if with_eligibility
        else []
    )
    return {"benefit": _taking(*_unlocked_parts()["benefit"])} | {
        name: _taking(table, table.c.EligibilityId == _ELIGIBILITY_ID)
        for name, table in tables
    }


@functools.cache
def delete_eligibility() -> sa.Delete:
    """The ExtSchema eligibility row, last."""
    table = EXT.eligibility
    return sa.delete(table).where(table.c.EligibilityId == _ELIGIBILITY_ID)


def _rows(
    cls: type[T], taken: Sequence[sa.Row[Any]], keep: Callable[[Any], bool]
) -> tuple[T, ...]:
    """Rows as `cls` that the old read would have returned, in key order."""
    if not taken:
        return ()
    key = field_name(next(iter(taken[0]._mapping)))  # noqa: SLF001 - the key is first
    records = [r for r in (from_row(cls, row) for row in taken) if keep(r)]
    records.sort(key=lambda r: getattr(r, key))
    return tuple(records)


@attrs.frozen(kw_only=True)
class Taken:
    """A claim taken: its submission, and whether its ExtSchema eligibility row exists.

    The claim's and eligibility's own rows are still there, locked: the caller
    deletes them (`delete_taken`) with its writes.
    """

    submission: Submission
    with_eligibility: bool


def delete_taken(connection: sa.Connection, key: ClaimKey, taken: Taken) -> None:
    """Delete the taken claim's own row, then its eligibility's; nothing is read."""
    params = key_params(key)
    write(connection, delete_claim(), params)
    if taken.with_eligibility:
        write(connection, delete_eligibility(), params)


def take_external_claim(connection: sa.Connection, key: ClaimKey) -> Taken | None:
    """Lock, read and delete the ExtSchema claim graph; None if the claim is absent.

    Every row but the claim's and the eligibility's own, which `delete_taken`
    deletes after. The graph returned is what "get all claim data" reads (enabled
    rows, matching reference, the first row of the one-to-one parts); every row the
    DELETEs take beyond it was deleted without a copy before too.
    """
    params = key_params(key)
    locked = read(connection, lock_claim(), params).mappings().first()
    if locked is None:
        return None
    claim = from_row(Claim, _prefixed(locked, "c"))
    eligibility_values = _prefixed(locked, "e")
    eligibility = (
        None
        if eligibility_values["EligibilityId"] is None
        else from_row(Eligibility, eligibility_values)
    )
    with_eligibility = eligibility is not None
    takes = claim_takes() | eligibility_takes(with_eligibility=with_eligibility)
    # A part without rows at the lock is not taken: one its table gains since (no
    # foreign key waits on the locks) stays in ExtSchema, as one inserted after
    # its DELETE always did.
    taken: dict[str, Sequence[sa.Row[Any]]] = {
        name: read(connection, statement, params).all()
        for name, statement in takes.items()
        if locked.get(_has(name), 1)
    }

    def ours(record: Any) -> bool:  # noqa: ANN401 - any claim record
        return same_text(record.reference, key.reference)

    def enabled(record: Any) -> bool:  # noqa: ANN401 - any claim record
        return record.is_enabled is True

    def first(cls: type[T], name: str, keep: Callable[[Any], bool] = ours) -> T | None:
        rows = _rows(cls, taken.get(name, []), keep)
        return rows[0] if rows else None

    updates = _rows(ContactDetailUpdate, taken.get("contact_updates", []), ours)
    data = ClaimData(
        claim=claim,
        eligibility=eligibility if eligibility and ours(eligibility) else None,
        prisoner=first(Prisoner, "prisoner"),
        visitor=first(Visitor, "visitor"),
        benefit=first(Benefit, "benefit"),
        eligible_children=_rows(
            EligibleChild, taken.get("eligible_children", []), ours
        ),
        children=_rows(ClaimChild, taken["children"], enabled),
        expenses=_rows(ClaimExpense, taken["expenses"], enabled),
        escorts=_rows(ClaimEscort, taken["escorts"], enabled),
        documents=_rows(
            ClaimDocument,
            taken.get("documents", []),
            lambda d: ours(d) and enabled(d) and d.eligibility_id == key.eligibility_id,
        ),
        bank_detail=first(ClaimBankDetail, "bank_detail", lambda _: True),
        contact_update=max(
            updates,
            key=lambda u: (
                u.date_submitted,
                u.eligibility_visitor_update_contact_detail_id,
            ),
            default=None,
        ),
    )
    email = locked[INTERNAL_VISITOR_EMAIL]
    return Taken(
        submission=Submission(external=data, internal_visitor_email=email),
        with_eligibility=with_eligibility,
    )
