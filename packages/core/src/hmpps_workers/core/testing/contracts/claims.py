"""The ClaimRepository and ClaimArchive contracts: reads, the move, archiving.

Subclass in a pytest module and provide a `claims_env` fixture (a ClaimsEnvironment).
The follow-up queries have their own suite in `claim_queries`, writes theirs in
`claim_updates`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

import attrs

from hmpps_workers.core.errors import PermanentError
from hmpps_workers.core.prison_visits.claims.model import Claim, ClaimDocument
from hmpps_workers.core.prison_visits.claims.move import ClaimMove, plan_claim_move
from hmpps_workers.core.prison_visits.claims.ports import ClaimArchive, ClaimRepository
from hmpps_workers.core.prison_visits.claims.records import (
    ClaimData,
    ClaimEvent,
    ClaimKey,
    TopUp,
)
from hmpps_workers.core.prison_visits.handlers.ports import ClaimUpdates
from hmpps_workers.core.tasks.model import NewTask, Schema
from hmpps_workers.core.testing.claim_builders import (
    claim_graph,
    evolve_claim,
    repeat_claim,
    with_contact_update,
)
from hmpps_workers.core.testing.contracts.expect import raises

NOW = datetime(2024, 7, 2, 10, 0, tzinfo=UTC)
INT_MAX = 2_147_483_647
DAY = timedelta(days=1)


class ClaimsEnvironment(Protocol):
    """A repository, its updates, an archive, and ways to seed and inspect them."""

    repository: ClaimRepository
    updates: ClaimUpdates
    archive: ClaimArchive

    def seed(self, schema: Schema, data: ClaimData) -> ClaimData:
        """Insert a built graph (fresh ids in ExtSchema); returns it as stored."""
        ...

    def add_external(self, record: Any) -> Any:  # noqa: ANN401
        """Insert one ExtSchema row, its key allocated, its references kept."""
        ...

    def whole_claim(self, claim_id: int) -> ClaimData | None:
        """Every IntSchema row of a claim, disabled ones and top-ups included."""
        ...

    def archived_claim(self, claim_id: int) -> ClaimData | None:
        """Every archived row of a claim."""
        ...

    def count(self, schema: Schema, cls: type[Any]) -> int:
        """How many rows a table (named by its row class) holds."""
        ...

    def task_types(self) -> Sequence[str]:
        """The types of the IntSchema tasks enqueued so far, oldest first."""
        ...


def read(env: ClaimsEnvironment, schema: Schema, stored: ClaimData) -> ClaimData:
    """The "all claim data" read of a stored graph."""
    claim = stored.claim
    data = env.repository.claim_data(
        schema,
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
    )
    assert data is not None
    return data


def move_in(
    env: ClaimsEnvironment,
    stored: ClaimData,
    *,
    claim_type: str | None = None,
    follow_on_tasks: tuple[NewTask, ...] = (),
) -> ClaimMove:
    """Move a stored ExtSchema claim into IntSchema, planned by the core's rules."""
    claim = stored.claim
    key = ClaimKey(
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
    )
    move = env.repository.move_to_internal(
        key,
        lambda submission: plan_claim_move(
            submission.external,
            claim_type=claim_type,
            now=NOW,
            follow_on_tasks=follow_on_tasks,
        ),
        now=NOW,
    )
    assert move is not None
    return move


def event(claim: Claim, kind: str, **fields: Any) -> ClaimEvent:  # noqa: ANN401
    """An event on `claim`."""
    return ClaimEvent(
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
        reference=claim.reference,
        date_added=NOW,
        event=kind,
        **fields,
    )


def top_up(claim_id: int, amount: str = "22.66") -> TopUp:
    """A pending top-up on a claim."""
    return TopUp(
        top_up_id=None,
        claim_id=claim_id,
        payment_status="PENDING",
        caseworker="caseworker@example.com",
        reason="Extra train fare",
        top_up_amount=Decimal(amount),
        date_added=NOW,
    )


class ClaimRecordsContract:
    """Reading, moving and updating claims."""

    def test_reads_back_every_row_of_a_seeded_external_claim(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Identities assign the ids, and every part comes back as stored."""
        stored = claims_env.seed(Schema.EXT, with_contact_update(claim_graph()))
        assert stored == read(claims_env, Schema.EXT, stored)

    def test_pricing_reads_the_claims_expenses_visitor_and_prisoner(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The same parts `claim_data` gives, and None for a claim not there."""
        stored = claims_env.seed(Schema.INT, claim_graph())
        claim = stored.claim
        found = claims_env.repository.pricing_input(
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        full = read(claims_env, Schema.INT, stored)
        assert found is not None
        assert (found.claim, found.visitor, found.prisoner, found.expenses) == (
            full.claim,
            full.visitor,
            full.prisoner,
            full.expenses,
        )
        missing = claims_env.repository.pricing_input(
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=INT_MAX,
        )
        assert missing is None

    def test_pricing_reads_enabled_expenses_only_and_a_claim_without_any(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """A disabled expense is left out; a claim with none has no expenses."""
        graph = claim_graph()
        car, *others = graph.expenses
        stored = claims_env.seed(
            Schema.INT,
            attrs.evolve(
                graph, expenses=(attrs.evolve(car, is_enabled=False), *others)
            ),
        )
        bare = claims_env.seed(
            Schema.INT, attrs.evolve(repeat_claim(stored, base_id=2000), expenses=())
        )
        found = [
            claims_env.repository.pricing_input(
                reference=data.claim.reference,
                eligibility_id=data.claim.eligibility_id,
                claim_id=data.claim.claim_id,
            )
            for data in (stored, bare)
        ]
        expected = [
            (data.claim, data.expenses)
            for data in (read(claims_env, Schema.INT, s) for s in (stored, bare))
        ]
        actual = [(f.claim, f.expenses) for f in found if f is not None]
        assert (expected, len(others), 0) == (
            actual,
            len(actual[0][1]),
            len(actual[1][1]),
        )

    def test_reference_matches_ignoring_case_and_trailing_spaces(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """As SQL Server's collation does."""
        stored = claims_env.seed(Schema.INT, claim_graph(reference="ABC1234"))
        data = claims_env.repository.claim_data(
            Schema.INT, reference="abc1234 ", eligibility_id=1000, claim_id=1000
        )
        assert data is not None
        assert stored.visitor == data.visitor

    def test_disabled_rows_are_left_out_unless_documents_are_asked_for(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Disabled children and documents stay out; disabled documents on request."""
        graph = claim_graph()
        graph = attrs.evolve(
            graph,
            children=(attrs.evolve(graph.children[0], is_enabled=False),),
            documents=(attrs.evolve(graph.documents[0], is_enabled=False),),
        )
        stored = claims_env.seed(Schema.INT, graph)
        with_disabled = claims_env.repository.claim_data(
            Schema.INT,
            reference="ABC1234",
            eligibility_id=1000,
            claim_id=1000,
            include_disabled_documents=True,
        )
        assert with_disabled is not None
        data = read(claims_env, Schema.INT, stored)
        assert (data.children, data.documents, len(with_disabled.documents)) == (
            (),
            (),
            1,
        )

    def test_moves_the_whole_claim_and_removes_every_external_row(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The IntSchema graph keeps the ids, tasks join the move, ExtSchema empties."""
        stored = claims_env.seed(Schema.EXT, with_contact_update(claim_graph()))
        task = NewTask(task="DWP-CHECK", claim_id=stored.claim.claim_id)
        move = move_in(
            claims_env, stored, claim_type="first-time", follow_on_tasks=(task,)
        )
        moved = read(claims_env, Schema.INT, stored)
        assert (moved.claim, moved.expenses, moved.documents, moved.escorts) == (
            move.internal.claim,
            move.internal.expenses,
            move.internal.documents,
            move.internal.escorts,
        )
        assert [e.event for e in moved.events] == [
            "CLAIM-SUBMITTED",
            "CONTACT-DETAILS-UPDATED",
        ]
        assert moved.visitor is not None
        assert moved.visitor.email_address == "new@example.com"
        assert claims_env.count(Schema.EXT, Claim) == 0
        assert claims_env.count(Schema.EXT, ClaimDocument) == 0
        assert list(claims_env.task_types()) == ["DWP-CHECK"]

    def test_a_move_interrupted_half_way_leaves_both_schemas_as_they_were(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """A clash after some IntSchema inserts rolls everything back."""
        stored = claims_env.seed(Schema.EXT, claim_graph())
        clash = claim_graph(reference="ZZZ9999", base_id=5000)
        document = stored.documents[0].claim_document_id
        clash = attrs.evolve(
            clash,
            documents=(attrs.evolve(clash.documents[0], claim_document_id=document),),
        )
        claims_env.seed(Schema.INT, clash)
        before = [claims_env.count(s, Claim) for s in Schema]
        with raises(PermanentError):
            move_in(claims_env, stored)
        assert [claims_env.count(s, Claim) for s in Schema] == before
        assert read(claims_env, Schema.EXT, stored) == stored

    def test_external_ids_are_never_handed_out_twice(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Ids are copied to IntSchema, so a deleted ExtSchema id must not come back."""
        first = claims_env.seed(Schema.EXT, claim_graph())
        move_in(claims_env, first)
        second = claims_env.seed(Schema.EXT, claim_graph())
        assert second.claim.claim_id > first.claim.claim_id
        assert second.children[0].claim_child_id > first.children[0].claim_child_id

    def test_previous_claims_come_latest_review_first_and_unreviewed_last(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The order the auto-approval rules read previous claims in."""
        first = claims_env.seed(Schema.INT, claim_graph())
        for base_id, reviewed in (
            (2000, None),
            (3000, NOW),
            (4000, datetime(2024, 1, 1, tzinfo=UTC)),
        ):
            claims_env.seed(
                Schema.INT, repeat_claim(first, base_id=base_id, date_reviewed=reviewed)
            )
        claims = claims_env.repository.claims_for_eligibility(1000)
        assert [c.claim_id for c in claims] == [3000, 4000, 2000, 1000]

    def test_prison_numbers_visited_on_a_uk_day_match_any_time_that_day(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The original matched only journeys stored at exactly midnight."""
        afternoon = datetime(2024, 6, 25, 13, 0, tzinfo=UTC)  # 14:00 BST
        next_day = datetime(2024, 6, 25, 23, 0, tzinfo=UTC)  # 00:00 BST on the 26th
        claims_env.seed(
            Schema.INT, evolve_claim(claim_graph(base_id=10), date_of_journey=afternoon)
        )
        other = claim_graph(base_id=20, reference="XYZ9876")
        assert other.prisoner is not None
        other = attrs.evolve(
            other, prisoner=attrs.evolve(other.prisoner, prison_number="Z9999ZZ")
        )
        claims_env.seed(Schema.INT, evolve_claim(other, date_of_journey=next_day))
        visited = claims_env.repository.prison_numbers_visited_on(date(2024, 6, 25))
        assert list(visited) == ["A1234BC"]

    def test_with_no_settings_row_the_auto_approval_config_is_none(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The handlers then fall back to the configured defaults."""
        assert claims_env.repository.auto_approval_config() is None

    def test_claims_reviewed_before_the_cutoff_are_archive_candidates(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Unreviewed claims are never archived."""
        first = claims_env.seed(
            Schema.INT,
            evolve_claim(claim_graph(), status="APPROVED", date_reviewed=NOW),
        )
        claims_env.seed(Schema.INT, repeat_claim(first, base_id=2000))
        assert list(claims_env.repository.claims_reviewed_before(NOW + DAY)) == [1000]
        assert not claims_env.repository.claims_reviewed_before(NOW)
