"""The in-memory archive database: copies a claim's rows, then deletes them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from hmpps_workers.core.prison_visits.claims.model import (
    Claim,
    ClaimDocument,
    ClaimExpense,
    Eligibility,
)
from hmpps_workers.core.prison_visits.claims.records import ClaimData, TopUp
from hmpps_workers.core.tasks.model import Schema
from hmpps_workers.core.testing.claim_queries import ELIGIBILITY_ROWS
from hmpps_workers.core.testing.claim_store import ClaimStore, key_of
from hmpps_workers.core.testing.claims import (
    CLAIM_ROWS,
    InMemoryClaimRepository,
    first,
    read_graph,
)


@attrs.define
class InMemoryClaimArchive:
    """The archive database as another `ClaimStore`; copies then deletes, as SQL."""

    repository: InMemoryClaimRepository
    store: ClaimStore = attrs.field(factory=ClaimStore)

    def archived_claim(self, claim_id: int) -> ClaimData | None:
        """Every archived row of a claim."""
        claim = first(
            self.store.where(Schema.INT, Claim, lambda c: c.claim_id == claim_id)
        )
        if claim is None:
            return None
        return read_graph(
            self.store, Schema.INT, claim, reference=claim.reference, everything=True
        )

    def _copy_absent(self, records: Sequence[Any]) -> None:
        for record in records:
            table = self.store.tables.get((Schema.INT, type(record)), {})
            if record is not None and key_of(record) not in table:
                self.store.insert(Schema.INT, record)

    def archive_claim(self, claim_id: int) -> bool:
        """Copy a claim's graph to the archive, then delete it; False if absent."""
        data = self.repository.whole_claim(claim_id)
        if data is None:
            return False
        with self.store.transaction():
            if data.eligibility is not None and not self.store.where(
                Schema.INT,
                Eligibility,
                lambda e: e.eligibility_id == data.claim.eligibility_id,
            ):
                self._copy_absent(
                    [data.eligibility, data.visitor, data.prisoner, data.benefit]
                )
                self._copy_absent(data.eligible_children)
            if self.store.where(Schema.INT, Claim, lambda c: c.claim_id == claim_id):
                self._copy_absent(data.documents)
            else:
                self._copy_absent([data.claim, *data.expenses, *data.documents])
                self._copy_absent([*data.escorts, *data.children])
                self._copy_absent([data.bank_detail])
                for record in (*data.events, *data.deductions, *data.top_ups):
                    self.store.insert(Schema.INT, record, keep_id=False)
        self._delete(data.claim)
        return True

    def _delete(self, claim: Claim) -> None:
        store, internal = self.repository.store, Schema.INT
        with store.transaction():
            last = (
                len(
                    store.where(
                        internal,
                        Claim,
                        lambda c: c.eligibility_id == claim.eligibility_id,
                    )
                )
                == 1
            )
            claim_tables: tuple[type[Any], ...] = (
                *CLAIM_ROWS,
                TopUp,
                ClaimDocument,
                ClaimExpense,
                Claim,
            )
            for cls in claim_tables:
                store.delete(internal, cls, lambda r: r.claim_id == claim.claim_id)
            if last:
                eligibility_tables: tuple[type[Any], ...] = (
                    ClaimDocument,
                    *ELIGIBILITY_ROWS,
                    Eligibility,
                )
                for cls in eligibility_tables:
                    store.delete(
                        internal,
                        cls,
                        lambda r: r.eligibility_id == claim.eligibility_id,
                    )
