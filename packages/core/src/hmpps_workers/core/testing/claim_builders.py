"""Whole claim graphs with sensible defaults, for unit tests, integration tests, demos.

`claim_graph()` builds a first-time claim with every kind of row; pass `ClaimData`
fields to override parts, or use `evolve_claim` for the claim's own fields. Ids are
small and distinct per graph (`base_id`), as IntSchema would hold them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import attrs

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
    ClaimData,
    ClaimDeduction,
    ClaimEvent,
)

SUBMITTED = datetime(2024, 7, 1, 9, 30, tzinfo=UTC)
JOURNEY = datetime(2024, 6, 24, 23, 0, tzinfo=UTC)  # midnight of 25 June, UK time
ADDRESS: dict[str, Any] = {
    "house_number_and_street": "1 Test Street",
    "town": "Testtown",
    "county": "Testshire",
    "country": "England",
    "post_code": "AA1 1AA",
}


def _people(ids: int, reference: str) -> dict[str, Any]:
    common: dict[str, Any] = {"eligibility_id": ids, "reference": reference}
    return {
        "eligibility": Eligibility(
            eligibility_id=ids,
            reference=reference,
            date_created=SUBMITTED,
            date_submitted=SUBMITTED,
            status="SUBMITTED",
        ),
        "prisoner": Prisoner(
            prisoner_id=ids,
            first_name="Peregrine",
            last_name="Ashcombe-Thistle",
            date_of_birth=date(1980, 2, 29),
            prison_number="A1234BC",
            name_of_prison="hewell",
            **common,
        ),
        "visitor": Visitor(
            visitor_id=ids,
            first_name="Valentina",
            last_name="Quillfeather",
            national_insurance_number="QQ123456C",
            email_address="visitor@example.com",
            phone_number="07700900000",
            date_of_birth=date(1985, 5, 17),
            relationship="partner",
            benefit="income-support",
            benefit_owner="yes",
            **ADDRESS,
            **common,
        ),
        "benefit": Benefit(
            benefit_id=ids,
            first_name="Benedikt",
            last_name="Marchbanks",
            national_insurance_number="QQ654321C",
            date_of_birth=date(1968, 11, 23),
            **common,
        ),
        "eligible_children": (
            EligibleChild(
                eligible_child_id=ids,
                first_name="Kimberleigh",
                last_name="Quillfeather",
                date_of_birth=date(2015, 3, 1),
                child_relationship="my-child",
                parent_first_name="Valentina",
                parent_last_name="Quillfeather",
                **ADDRESS,
                **common,
            ),
        ),
    }


def _claim_rows(ids: int, reference: str) -> dict[str, Any]:
    common: dict[str, Any] = {
        "eligibility_id": ids,
        "claim_id": ids,
        "reference": reference,
    }
    return {
        "claim": Claim(
            claim_id=ids,
            eligibility_id=ids,
            reference=reference,
            status="SUBMITTED",
            claim_type="first-time",
            date_of_journey=JOURNEY,
            date_created=SUBMITTED,
            date_submitted=SUBMITTED,
            is_advance_claim=False,
            payment_method="bank",
        ),
        "expenses": (
            ClaimExpense(
                claim_expense_id=ids,
                expense_type="car",
                cost=Decimal("0.00"),
                travel_from="Testtown",
                travel_to="hewell",
                **common,
            ),
            ClaimExpense(
                claim_expense_id=ids + 1,
                expense_type="bus",
                cost=Decimal("20.95"),
                travel_from="Euston",
                travel_to="Birmingham New Street",
                is_return=False,
                **common,
            ),
        ),
        "children": (
            ClaimChild(
                claim_child_id=ids,
                first_name="Kimberleigh",
                last_name="Quillfeather",
                date_of_birth=date(2015, 3, 1),
                relationship="my-child",
                **common,
            ),
        ),
        "escorts": (
            ClaimEscort(
                claim_escort_id=ids,
                first_name="Elowen",
                last_name="Fairweather",
                date_of_birth=date(1991, 8, 14),
                **common,
            ),
        ),
        "documents": (
            ClaimDocument(
                claim_document_id=ids,
                document_type="VISIT-CONFIRMATION",
                document_status="uploaded",
                filepath=f"{reference}/visit-confirmation.pdf",
                date_submitted=SUBMITTED,
                **common,
            ),
            ClaimDocument(
                claim_document_id=ids + 1,
                eligibility_id=ids,
                reference=reference,
                document_type="BENEFIT",
                document_status="uploaded",
                filepath=f"{reference}/benefit.pdf",
                date_submitted=SUBMITTED,
            ),
        ),
        "bank_detail": ClaimBankDetail(
            claim_bank_detail_id=ids,
            name_on_account="Valentina Quillfeather",
            account_number="57319824",
            sort_code="938271",
            roll_number="ROLL-1BE.R",
            **common,
        ),
    }


def claim_graph(
    *,
    reference: str = "ABC1234",
    base_id: int = 1000,
    **overrides: Any,  # noqa: ANN401 - any ClaimData field
) -> ClaimData:
    """A complete first-time claim; `overrides` replace ClaimData fields."""
    parts = _people(base_id, reference) | _claim_rows(base_id, reference)
    return ClaimData(**(parts | overrides))


def internal_extras(data: ClaimData, *, now: datetime = SUBMITTED) -> ClaimData:
    """`data` with the IntSchema-only rows a worked claim has: events, deductions."""
    claim = data.claim
    common: dict[str, Any] = {
        "eligibility_id": claim.eligibility_id,
        "claim_id": claim.claim_id,
        "reference": claim.reference,
    }
    return attrs.evolve(
        data,
        events=(ClaimEvent(date_added=now, event="CLAIM-SUBMITTED", **common),),
        deductions=(
            ClaimDeduction(
                claim_deduction_id=None,
                deduction_type="hc3",
                amount=Decimal("10.00"),
                **common,
            ),
        ),
    )


def with_contact_update(
    data: ClaimData, *, email: str = "new@example.com"
) -> ClaimData:
    """`data` with an ExtSchema contact-detail update for its eligibility."""
    claim = data.claim
    update = ContactDetailUpdate(
        eligibility_visitor_update_contact_detail_id=claim.claim_id,
        eligibility_id=claim.eligibility_id,
        reference=claim.reference,
        email_address=email,
        phone_number="07700900999",
        date_submitted=SUBMITTED,
    )
    return attrs.evolve(data, contact_update=update)


def evolve_claim(data: ClaimData, **changes: Any) -> ClaimData:  # noqa: ANN401
    """`data` with some of its claim's fields changed."""
    return attrs.evolve(data, claim=attrs.evolve(data.claim, **changes))


def repeat_claim(data: ClaimData, *, base_id: int, **changes: Any) -> ClaimData:  # noqa: ANN401
    """Another claim of `data`'s eligibility: claim-level rows only, ids from base_id.

    `changes` alter the new claim's own fields.
    """
    fresh = claim_graph(reference=data.claim.reference, base_id=base_id)
    eligibility_id = data.claim.eligibility_id

    def rewired(rows: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(attrs.evolve(r, eligibility_id=eligibility_id) for r in rows)

    return ClaimData(
        claim=attrs.evolve(fresh.claim, eligibility_id=eligibility_id, **changes),
        expenses=rewired(fresh.expenses),
        children=rewired(fresh.children),
        escorts=rewired(fresh.escorts),
        documents=rewired(tuple(d for d in fresh.documents if d.claim_id is not None)),
        bank_detail=fresh.bank_detail
        and attrs.evolve(fresh.bank_detail, eligibility_id=eligibility_id),
    )
