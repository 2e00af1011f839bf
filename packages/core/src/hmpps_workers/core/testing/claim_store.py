"""The rows of an in-memory claims database, with the constraints the real one has.

Primary keys are unique; identities (every ExtSchema key, and IntSchema's own tables)
never hand a value out twice; a claim cannot be deleted while rows reference it; a
failed transaction leaves every table as it was.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import attrs

from hmpps_workers.core.errors import PermanentError
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
    AutoApproval,
    AutoApprovalConfig,
    ClaimData,
    ClaimDeduction,
    ClaimEvent,
    DirectPaymentFile,
    TopUp,
)
from hmpps_workers.core.tasks.model import Schema

T = TypeVar("T")

KEYS: dict[type[Any], str] = {
    Eligibility: "eligibility_id",
    Prisoner: "prisoner_id",
    Visitor: "visitor_id",
    Benefit: "benefit_id",
    EligibleChild: "eligible_child_id",
    Claim: "claim_id",
    ClaimExpense: "claim_expense_id",
    ClaimBankDetail: "claim_bank_detail_id",
    ClaimDocument: "claim_document_id",
    ClaimChild: "claim_child_id",
    ClaimEscort: "claim_escort_id",
    ContactDetailUpdate: "eligibility_visitor_update_contact_detail_id",
    ClaimEvent: "claim_event_id",
    ClaimDeduction: "claim_deduction_id",
    TopUp: "top_up_id",
    AutoApproval: "auto_approval_id",
    AutoApprovalConfig: "auto_approval_config_id",
    DirectPaymentFile: "payment_file_id",
}
INTERNAL_IDENTITIES = frozenset(
    {
        ClaimEvent,
        ClaimDeduction,
        TopUp,
        AutoApproval,
        AutoApprovalConfig,
        DirectPaymentFile,
    }
)
CLAIM_DEPENDENTS = (
    ClaimExpense,
    ClaimBankDetail,
    ClaimDocument,
    ClaimChild,
    ClaimEscort,
    ClaimEvent,
    ClaimDeduction,
    TopUp,
)


class InMemoryConstraintError(PermanentError):
    """The in-memory database refused a write (a key or reference constraint)."""


def key_of(record: object) -> int | None:
    """The primary key value of a row."""
    return getattr(record, KEYS[type(record)])  # type: ignore[no-any-return]


@attrs.define
class ClaimStore:
    """Tables keyed by (schema, row class), each a dict from key to row."""

    tables: dict[tuple[Schema, type[Any]], dict[int, Any]] = attrs.field(factory=dict)
    _counters: dict[tuple[Schema, type[Any]], itertools.count[int]] = attrs.field(
        factory=dict
    )

    def identity(self, schema: Schema, cls: type[Any]) -> bool:
        """True where the database allocates the key."""
        return schema is Schema.EXT or cls in INTERNAL_IDENTITIES

    def draw(self, schema: Schema, cls: type[Any]) -> int:
        """The next value of a table's identity (never handed out again)."""
        if not self.identity(schema, cls):
            raise InMemoryConstraintError(f"{schema}.{cls.__name__} needs a key")
        return next(self._counters.setdefault((schema, cls), itertools.count(1)))

    def insert(self, schema: Schema, record: T, *, keep_id: bool = True) -> T:
        """Insert a row; an identity allocates the key unless `keep_id`."""
        cls = type(record)
        table = self.tables.setdefault((schema, cls), {})
        if not keep_id:
            new_key = self.draw(schema, cls)
            record = attrs.evolve(record, **{KEYS[cls]: new_key})  # type: ignore[misc]
        key = key_of(record)
        if key is None or key in table:
            raise InMemoryConstraintError(f"duplicate key in {schema}.{cls.__name__}")
        table[key] = record
        return record

    def rows(self, schema: Schema, cls: type[T]) -> list[T]:
        """Every row of a table, by key."""
        table = self.tables.get((schema, cls), {})
        return [table[k] for k in sorted(table)]

    def where(
        self, schema: Schema, cls: type[T], predicate: Callable[..., bool]
    ) -> list[T]:
        """The rows of a table matching `predicate`, by key."""
        return [r for r in self.rows(schema, cls) if predicate(r)]

    def put(self, schema: Schema, record: object) -> None:
        """Replace a stored row with a changed copy."""
        key = key_of(record)
        assert key is not None
        self.tables[(schema, type(record))][key] = record

    def delete(
        self, schema: Schema, cls: type[T], predicate: Callable[..., bool]
    ) -> int:
        """Delete matching rows; a referenced IntSchema claim refuses."""
        doomed = self.where(schema, cls, predicate)
        if schema is Schema.INT and cls is Claim:
            ids = {getattr(c, "claim_id") for c in doomed}  # noqa: B009
            for dependent in CLAIM_DEPENDENTS:
                if self.where(schema, dependent, lambda r: r.claim_id in ids):
                    raise InMemoryConstraintError(
                        f"{dependent.__name__} rows reference the claim"
                    )
        table = self.tables.get((schema, cls), {})
        for record in doomed:
            del table[key_of(record)]  # type: ignore[arg-type]
        return len(doomed)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes in the block, or none of them."""
        saved = {name: dict(table) for name, table in self.tables.items()}
        try:
            yield
        except BaseException:
            self.tables = saved
            raise


def insert_graph(store: ClaimStore, schema: Schema, data: ClaimData) -> ClaimData:
    """Insert a claim graph as the SQL graph writer does; returns it as stored.

    Into ExtSchema the identities allocate every key and references are rewired;
    into IntSchema the graph's keys are kept, and events, deductions and top-ups get
    new ones.
    """
    keep = schema is Schema.INT
    changes: dict[str, Any] = {}
    expense_ids: dict[int, int] = {}

    def put(record: T, *, own_key: bool = keep) -> T:
        fields = attrs.asdict(record, recurse=False)  # type: ignore[arg-type]
        wired = {k: v for k, v in changes.items() if fields.get(k) is not None}
        if fields.get("claim_expense_id") in expense_ids and "cost" not in fields:
            wired["claim_expense_id"] = expense_ids[fields["claim_expense_id"]]
        return store.insert(schema, attrs.evolve(record, **wired), keep_id=own_key)  # type: ignore[misc]

    eligibility = data.eligibility and put(data.eligibility)
    if eligibility is not None and not keep:
        changes["eligibility_id"] = eligibility.eligibility_id
    visitor = data.visitor and put(data.visitor)
    prisoner = data.prisoner and put(data.prisoner)
    eligible_children = tuple(put(c) for c in data.eligible_children)
    benefit = data.benefit and put(data.benefit)
    claim = put(data.claim)
    if not keep:
        changes["claim_id"] = claim.claim_id
    bank_detail = data.bank_detail and put(data.bank_detail)
    expenses = []
    for expense in data.expenses:
        stored = put(expense)
        expense_ids[expense.claim_expense_id] = stored.claim_expense_id
        expenses.append(stored)
    return ClaimData(
        claim=claim,
        eligibility=eligibility,
        prisoner=prisoner,
        visitor=visitor,
        benefit=benefit,
        eligible_children=eligible_children,
        bank_detail=bank_detail,
        expenses=tuple(expenses),
        children=tuple(put(c) for c in data.children),
        documents=tuple(put(d) for d in data.documents),
        escorts=tuple(put(e) for e in data.escorts),
        contact_update=(
            put(data.contact_update) if data.contact_update and not keep else None
        ),
        events=tuple(put(e, own_key=False) for e in (data.events if keep else ())),
        deductions=tuple(
            put(d, own_key=False) for d in (data.deductions if keep else ())
        ),
        top_ups=tuple(put(t, own_key=False) for t in (data.top_ups if keep else ())),
    )
