"""Contracts for the task handlers' claim queries (follow-ups, DWP, emails).

Subclass in a pytest module with the `claims_env` fixture of `contracts.claims`.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import attrs

from hmpps_workers.core.prison_visits.claims.records import ClaimData
from hmpps_workers.core.tasks.model import Schema
from hmpps_workers.core.testing.claim_builders import (
    JOURNEY,
    SUBMITTED,
    claim_graph,
    evolve_claim,
    internal_extras,
    repeat_claim,
)
from hmpps_workers.core.testing.contracts.claims import (
    ClaimsEnvironment,
)

DAY = timedelta(days=1)


def reviewed(data: ClaimData, **changes: object) -> ClaimData:
    """`data` as an approved claim, with `changes` to the claim."""
    return evolve_claim(data, status="APPROVED", **changes)


class FollowUpContract:
    """Follow-up uploads, DWP input, auto-approval and notification reads."""

    def test_dwp_input_names_the_visitor_and_the_benefit_holder_apart(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Each person's columns are kept apart (the original relied on arrays)."""
        stored = claims_env.seed(Schema.INT, claim_graph())
        found = claims_env.repository.dwp_check_input(
            reference="abc1234", eligibility_id=1000, claim_id=1000
        )
        assert found is not None
        assert found.benefit_holder is not None
        assert (found.visitor.last_name, found.benefit_holder.last_name) == (
            "Quillfeather",
            "Marchbanks",
        )
        assert found.visitor.date_of_birth == stored.visitor.date_of_birth  # type: ignore[union-attr]

    def test_latest_statuses_are_by_reference_newest_submission_first(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The consecutive auto-approval check reads them by Reference."""
        first = claims_env.seed(Schema.INT, claim_graph())
        for base_id, days, status in (
            (2000, 1, "AUTO-APPROVED"),
            (3000, 2, "REJECTED"),
            (4000, 3, "NEW"),
        ):
            claims_env.seed(
                Schema.INT,
                repeat_claim(
                    first,
                    base_id=base_id,
                    status=status,
                    date_submitted=SUBMITTED + days * DAY,
                ),
            )
        statuses = claims_env.repository.latest_claim_statuses(
            "abc1234 ", excluding_claim_id=4000, limit=2
        )
        assert list(statuses) == ["REJECTED", "AUTO-APPROVED"]

    def test_a_reference_is_recovered_from_email_and_prison_number(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """The newest matching eligibility wins; case does not matter."""
        older = claim_graph(reference="OLD0001", base_id=1000)
        newer = claim_graph(reference="NEW0001", base_id=2000)
        assert newer.eligibility is not None
        newer = attrs.evolve(
            newer,
            eligibility=attrs.evolve(newer.eligibility, date_submitted=SUBMITTED + DAY),
        )
        claims_env.seed(Schema.INT, older)
        claims_env.seed(Schema.INT, newer)
        found = claims_env.repository.recover_reference(
            email_address="VISITOR@example.com", prison_number="a1234bc"
        )
        assert (found and found.reference, found and found.first_name) == (
            "NEW0001",
            "Valentina",
        )
        none = claims_env.repository.recover_reference(
            email_address="visitor@example.com", prison_number="Z9999ZZ"
        )
        assert none is None

    def test_notification_reads(self, claims_env: ClaimsEnvironment) -> None:
        """Claimant summary, bank details and enabled deductions."""
        graph = internal_extras(claim_graph())
        disabled = attrs.evolve(graph.deductions[0], is_enabled=False)
        stored = claims_env.seed(
            Schema.INT, attrs.evolve(graph, deductions=(*graph.deductions, disabled))
        )
        summary = claims_env.repository.claimant_summary(1000)
        assert summary is not None
        assert (
            summary.first_name,
            summary.name_of_prison,
            summary.date_of_journey,
        ) == (
            "Valentina",
            "hewell",
            JOURNEY,
        )
        assert claims_env.repository.bank_detail(1000) == stored.bank_detail
        assert stored.bank_detail is not None
        assert summary.account_number == stored.bank_detail.account_number
        deductions = claims_env.repository.enabled_deductions(1000)
        assert [d.amount for d in deductions] == [Decimal("10.00")]
        assert claims_env.repository.claimant_summary(404) is None

    def test_the_accepted_claim_input_is_the_three_reads_in_one(
        self, claims_env: ClaimsEnvironment
    ) -> None:
        """Summary, every expense (disabled too), enabled deductions; None if gone."""
        graph = internal_extras(claim_graph())
        disabled = attrs.evolve(graph.deductions[0], is_enabled=False)
        car, *others = graph.expenses
        claims_env.seed(
            Schema.INT,
            attrs.evolve(
                graph,
                expenses=(attrs.evolve(car, is_enabled=False), *others),
                deductions=(*graph.deductions, disabled),
            ),
        )
        repository = claims_env.repository
        found = repository.accepted_claim_input(1000)
        assert found is not None
        expected = (
            repository.claimant_summary(1000),
            tuple(repository.claim_expenses(1000)),
            tuple(repository.enabled_deductions(1000)),
            None,
        )
        actual = (
            found.summary,
            found.expenses,
            found.deductions,
            repository.accepted_claim_input(404),
        )
        assert expected == actual
        assert (len(found.expenses), len(found.deductions)) == (len(graph.expenses), 1)
