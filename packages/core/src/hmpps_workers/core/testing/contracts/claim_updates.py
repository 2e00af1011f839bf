"""The ClaimUpdates contract: each part of a ClaimUpdate, written as SQL writes it.

Subclass in a pytest module with the `claims_env` fixture of `contracts.claims`;
its environment's `updates` applies to the same database as its `repository`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs

from hmpps_workers.core.prison_visits.claims.follow_up import (
    plan_document_replacement,
)
from hmpps_workers.core.prison_visits.claims.model import ClaimBankDetail
from hmpps_workers.core.prison_visits.claims.records import AutoApproval, ClaimData
from hmpps_workers.core.prison_visits.handlers.ports import (
    BenefitResult,
    ClaimUpdate,
    PlaceholderDocument,
)
from hmpps_workers.core.tasks.model import NewTask, Schema
from hmpps_workers.core.testing.claim_builders import claim_graph, evolve_claim
from hmpps_workers.core.testing.contracts.claims import (
    INT_MAX,
    NOW,
    ClaimsEnvironment,
    event,
    move_in,
    read,
)


def update(stored: ClaimData, **parts: Any) -> ClaimUpdate:  # noqa: ANN401
    """A ClaimUpdate of the stored claim at NOW, with the given parts."""
    claim = stored.claim
    return ClaimUpdate(
        claim_id=claim.claim_id,
        eligibility_id=claim.eligibility_id,
        reference=claim.reference,
        now=NOW,
        **parts,
    )


def with_internal_bank_id(sent: ClaimBankDetail, stored: ClaimData) -> ClaimBankDetail:
    """New bank details aimed at the claim's IntSchema row, as the handler aims them."""
    assert stored.bank_detail is not None
    return attrs.evolve(
        sent, claim_bank_detail_id=stored.bank_detail.claim_bank_detail_id
    )


class ClaimUpdatesContract:
    """Statuses, documents, bank details, results and approvals through `apply`."""

    def test_a_status_change_clears_the_reminder_and_stamps_last_updated(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """ReminderSent goes back to 0 and DateReminderSent to NULL."""
        graph = evolve_claim(claim_graph(), reminder_sent=True, date_reminder_sent=NOW)
        stored = claims_env.seed(Schema.INT, graph)
        assert claims_env.updates.apply(update(stored, new_status="APPROVED")) is True
        (claim,) = claims_env.repository.claims_for_eligibility(1000)
        assert (claim.status, claim.reminder_sent, claim.date_reminder_sent) == (
            "APPROVED",
            False,
            None,
        )
        assert claim.last_updated == NOW

    def test_pending_statuses_keep_the_reminder_clock(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """LastUpdated is not touched, so the 35-day reminder still counts."""
        before = datetime(2024, 5, 1, 9, 0, tzinfo=UTC)
        stored = claims_env.seed(
            Schema.INT, evolve_claim(claim_graph(), last_updated=before)
        )
        for status in ("PENDING", "REQUEST-INFORMATION"):
            claims_env.updates.apply(update(stored, new_status=status))
            (claim,) = claims_env.repository.claims_for_eligibility(1000)
            assert claim.last_updated == before

    def test_new_document_ids_fit_an_int_and_never_collide(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The original's clock-derived ids passed INT's maximum in May 2024."""
        submitted = claims_env.seed(Schema.EXT, claim_graph())
        move_in(claims_env, submitted, claim_type="first-time")
        placeholder = PlaceholderDocument(document_type="income-support")
        for _ in range(3):
            claims_env.updates.apply(update(submitted, placeholder=placeholder))
        documents = read(claims_env, Schema.INT, submitted).documents
        ids = {
            d.claim_document_id
            for d in documents
            if d.document_type == "income-support"
        }
        later = claims_env.seed(Schema.EXT, claim_graph(reference="LATER01"))
        taken = {d.claim_document_id for d in submitted.documents + later.documents}
        assert (len(ids), max(ids) <= INT_MAX, ids & taken) == (3, True, set())

    def test_an_upload_replaces_the_same_kind_of_document_and_leaves_others(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The old one is disabled with an event; only moved ExtSchema rows go."""
        stored = claims_env.seed(Schema.INT, claim_graph())
        old = stored.documents[0]
        incoming = claims_env.add_external(
            attrs.evolve(old, claim_document_id=0, filepath="new.pdf")
        )
        other_claim = claims_env.add_external(attrs.evolve(old, claim_id=9999))
        external = claims_env.repository.external_documents(
            reference="abc1234", eligibility_id=1000, claim_id=1000
        )
        assert external == [incoming]
        plan = plan_document_replacement(
            claim_id=1000,
            incoming=tuple(external),
            current=read(claims_env, Schema.INT, stored).documents,
            now=NOW,
        )
        claims_env.updates.apply(update(stored, documents=plan))
        data = read(claims_env, Schema.INT, stored)
        assert {d.filepath for d in data.documents} == {
            stored.documents[1].filepath,
            "new.pdf",
        }
        assert [(e.event, e.claim_document_id) for e in data.events] == [
            ("REPLACED-PREVIOUS-DOCUMENT", old.claim_document_id)
        ]
        left = claims_env.repository.external_documents(
            reference="ABC1234", eligibility_id=1000, claim_id=9999
        )
        assert left == [other_claim]

    def test_new_bank_details_replace_the_claims_and_clear_external_rows(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """REQUEST-INFO-PAYMENT: the claim is paid to the new account."""
        stored = claims_env.seed(Schema.INT, claim_graph())
        assert stored.bank_detail is not None
        claims_env.add_external(
            attrs.evolve(stored.bank_detail, sort_code="998877", claim_bank_detail_id=0)
        )
        new = claims_env.repository.external_bank_detail(1000)
        assert new is not None
        replaced = claims_env.updates.apply(
            update(
                stored,
                bank_detail=with_internal_bank_id(new, stored),
                events=(event(stored.claim, "BANK-DETAILS-UPDATED"),),
            )
        )
        current = claims_env.repository.bank_detail(1000)
        assert (replaced, current and current.sort_code) == (True, "998877")
        assert claims_env.repository.external_bank_detail(1000) is None
        assert claims_env.count(Schema.EXT, ClaimBankDetail) == 0
        events = read(claims_env, Schema.INT, stored).events
        assert [e.event for e in events] == ["BANK-DETAILS-UPDATED"]

    def test_bank_details_without_an_internal_row_are_not_applied(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Nothing changes, and the caller is told."""
        stored = claims_env.seed(
            Schema.INT, attrs.evolve(claim_graph(), bank_detail=None)
        )
        detail = claim_graph().bank_detail
        assert detail is not None
        replaced = claims_env.updates.apply(
            update(
                stored,
                bank_detail=detail,
                events=(event(stored.claim, "BANK-DETAILS-UPDATED"),),
            )
        )
        assert replaced is False
        assert read(claims_env, Schema.INT, stored).events == ()

    def test_auto_approval_approves_claim_and_every_expense_once(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Disabled expenses too; a claim that moved on is left alone."""
        graph = evolve_claim(claim_graph(), status="NEW")
        graph = attrs.evolve(
            graph,
            expenses=(
                graph.expenses[0],
                attrs.evolve(graph.expenses[1], is_enabled=False),
            ),
        )
        stored = claims_env.seed(Schema.INT, graph)
        approve = update(
            stored,
            expected_statuses={"new"},
            auto_approved=True,
            events=(event(stored.claim, "CLAIM-AUTO-APPROVED"),),
            follow_on_tasks=(NewTask(task="ACCEPT-CLAIM-NOTIFICATION"),),
        )
        assert claims_env.updates.apply(approve) is True
        assert claims_env.updates.apply(approve) is False
        expenses = claims_env.repository.claim_expenses(1000)
        assert [(e.status, e.approved_cost) for e in expenses] == [
            ("APPROVED", e.cost) for e in stored.expenses
        ]
        claim = read(claims_env, Schema.INT, stored).claim
        assert (claim.status, claim.date_approved, claim.visit_confirmation_check) == (
            "AUTO-APPROVED",
            NOW,
            "APPROVED",
        )
        assert list(claims_env.task_types()) == ["ACCEPT-CLAIM-NOTIFICATION"]

    def test_events_get_ids_and_read_back_with_the_claim(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Events are IntSchema identities."""
        stored = claims_env.seed(Schema.INT, claim_graph())
        message = event(stored.claim, "MESSAGE", note="hello", is_internal=False)
        assert claims_env.updates.apply(update(stored, events=(message,))) is True
        data = read(claims_env, Schema.INT, stored)
        assert [
            (e.claim_event_id is not None, e.event, e.is_internal) for e in data.events
        ] == [(True, "MESSAGE", False)]

    def test_deferred_approvals_are_queued_each_with_its_own_row(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Approvals deferred outside business hours wait in IntSchema.AutoApproval."""
        stored = claims_env.seed(Schema.INT, claim_graph())
        for day in (2, 1):
            deferred = AutoApproval(
                auto_approval_id=None,
                claim_id=stored.claim.claim_id,
                eligibility_id=stored.claim.eligibility_id,
                reference="ABC1234",
                email_address="v@example.com",
                date_added=datetime(2024, 7, day, tzinfo=UTC),
            )
            claims_env.updates.apply(update(stored, deferred_approval=deferred))
        assert claims_env.count(Schema.INT, AutoApproval) == 2

    def test_the_reminder_stamp_is_set_without_touching_the_status(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """ReminderSent and DateReminderSent record the request-information reminder."""
        stored = claims_env.seed(
            Schema.INT, evolve_claim(claim_graph(), status="REQUEST-INFORMATION")
        )
        claims_env.updates.apply(update(stored, reminder_sent=True))
        claim = read(claims_env, Schema.INT, stored).claim
        assert (claim.status, claim.reminder_sent, claim.date_reminder_sent) == (
            "REQUEST-INFORMATION",
            True,
            NOW,
        )

    def test_a_benefit_result_lands_on_the_visitor(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The checker's answer and DWPCheck are stored on the claim's visitor."""
        stored = claims_env.seed(Schema.INT, claim_graph())
        found = claims_env.repository.dwp_check_input(
            reference="abc1234", eligibility_id=1000, claim_id=1000
        )
        assert found is not None
        result = BenefitResult(
            visitor_id=found.visitor_id, result="NO", dwp_check="REQUEST-INFORMATION"
        )
        claims_env.updates.apply(update(stored, benefit_result=result))
        visitor = read(claims_env, Schema.INT, stored).visitor
        assert visitor is not None
        assert (visitor.dwp_benefit_checker_result, visitor.dwp_check) == (
            "NO",
            "REQUEST-INFORMATION",
        )
