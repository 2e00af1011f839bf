"""The ClaimArchive contract: everything is copied to the archive, then deleted.

Subclass in a pytest module with the `claims_env` fixture of `contracts.claims`.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from hmpps_workers.core.prison_visits.claims.model import ClaimDocument
from hmpps_workers.core.prison_visits.claims.records import ClaimData, TopUp
from hmpps_workers.core.tasks.model import Schema
from hmpps_workers.core.testing.claim_builders import (
    claim_graph,
    internal_extras,
    repeat_claim,
)
from hmpps_workers.core.testing.contracts.claims import ClaimsEnvironment, top_up


def archivable(base_id: int = 1000, reference: str = "ABC1234") -> ClaimData:
    """An IntSchema claim with events, deductions, a top-up and a disabled child."""
    graph = internal_extras(claim_graph(base_id=base_id, reference=reference))
    extra_child = attrs.evolve(
        graph.children[0], claim_child_id=base_id + 1, is_enabled=False
    )
    return attrs.evolve(
        graph,
        children=(*graph.children, extra_child),
        top_ups=(top_up(base_id),),
    )


class ClaimArchiveContract:
    """ARCHIVE-CLAIM: copy everything to the archive, then delete it."""

    def test_archives_every_row_and_removes_the_claim_from_internal(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Disabled rows, events, deductions; a sole claim takes its eligibility."""
        stored = claims_env.seed(Schema.INT, archivable())
        assert claims_env.archive.archive_claim(1000) is True
        archived = claims_env.archived_claim(1000)
        assert archived is not None
        assert (archived.claim, archived.expenses, archived.documents) == (
            stored.claim,
            stored.expenses,
            stored.documents,
        )
        assert (archived.visitor, archived.eligible_children, archived.bank_detail) == (
            stored.visitor,
            stored.eligible_children,
            stored.bank_detail,
        )
        assert len(archived.children) == 2
        assert [e.event for e in archived.events] == ["CLAIM-SUBMITTED"]
        assert [d.amount for d in archived.deductions] == [Decimal("10.00")]
        assert claims_env.whole_claim(1000) is None
        assert claims_env.count(Schema.INT, ClaimDocument) == 0

    def test_escorts_are_archived(self, claims_env: ClaimsEnvironment) -> None:
        """The original read them under the wrong key and deleted them unarchived."""
        stored = claims_env.seed(Schema.INT, archivable())
        claims_env.archive.archive_claim(1000)
        archived = claims_env.archived_claim(1000)
        assert archived is not None
        assert archived.escorts == stored.escorts

    def test_a_claim_with_top_ups_is_archived_with_them(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The original left TopUp rows, whose foreign key then refused the delete."""
        claims_env.seed(Schema.INT, archivable())
        assert claims_env.archive.archive_claim(1000) is True
        archived = claims_env.archived_claim(1000)
        assert archived is not None
        assert [t.top_up_amount for t in archived.top_ups] == [Decimal("22.66")]
        assert claims_env.count(Schema.INT, TopUp) == 0

    def test_the_eligibility_stays_until_its_last_claim_is_archived(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Eligibility-level rows go with the eligibility's last claim, not before."""
        first = claims_env.seed(Schema.INT, claim_graph())
        claims_env.seed(Schema.INT, repeat_claim(first, base_id=2000))
        claims_env.archive.archive_claim(1000)
        remaining = claims_env.whole_claim(2000)
        assert remaining is not None
        assert remaining.visitor == first.visitor
        assert [d.document_type for d in remaining.documents] == [
            "BENEFIT",
            "VISIT-CONFIRMATION",
        ]
        claims_env.archive.archive_claim(2000)
        archived = claims_env.archived_claim(2000)
        assert archived is not None
        assert archived.visitor == first.visitor
        assert claims_env.count(Schema.INT, ClaimDocument) == 0

    def test_an_absent_claim_is_not_archived(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Already archived (or never there): nothing to do."""
        assert claims_env.archive.archive_claim(404) is False
