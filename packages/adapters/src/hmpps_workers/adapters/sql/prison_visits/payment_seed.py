"""Turn payment figures into approved IntSchema claims: for tests, e2e runs, benchmarks.

Each `Payment` becomes a claim graph whose §8.1 or §8.2 selection gives back exactly
those figures; a top-up on a claim that is not itself due lands on a paid claim.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import Decimal

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.graph_writer import (
    insert_graph,
    insert_row,
)
from hmpps_workers.adapters.sql.prison_visits.internal_tables import int_top_up
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.core.prison_visits.claims.model import ClaimExpense
from hmpps_workers.core.prison_visits.claims.records import (
    ClaimData,
    ClaimDeduction,
    TopUp,
)
from hmpps_workers.core.prison_visits.payments.model import Payment
from hmpps_workers.core.testing.claim_builders import claim_graph

APPROVED_AT = datetime(2026, 6, 29, 10, 0, tzinfo=UTC)


def _expenses(payment: Payment | None, claim_id: int) -> tuple[ClaimExpense, ...]:
    common = {"eligibility_id": claim_id, "claim_id": claim_id, "expense_type": "bus"}
    if payment is None:
        return ()
    parts = [("APPROVED", payment.approved_total - payment.manually_processed_total)]
    if payment.manually_processed_total:
        parts.append(("MANUALLY-PROCESSED", payment.manually_processed_total))
    return tuple(
        ClaimExpense(
            claim_expense_id=claim_id * 10 + i,
            reference=payment.reference,
            cost=cost,
            approved_cost=cost,
            status=status,
            is_enabled=True,
            **common,  # type: ignore[arg-type]
        )
        for i, (status, cost) in enumerate(parts)
    )


def payment_claim(claim_id: int, payments: list[Payment]) -> ClaimData:
    """The claim graph behind one claim's payments (the claim's own, and top-ups)."""
    first = payments[0]
    own = next((p for p in payments if not p.is_top_up), None)
    base = claim_graph(reference=first.reference, base_id=claim_id)
    assert base.visitor is not None  # noqa: S101 - claim_graph always has one
    assert base.bank_detail is not None  # noqa: S101
    deductions: tuple[ClaimDeduction, ...] = ()
    if own is not None and own.deduction_total:
        deductions = (
            ClaimDeduction(
                claim_deduction_id=None,
                eligibility_id=claim_id,
                claim_id=claim_id,
                reference=first.reference,
                deduction_type="hc3",
                amount=own.deduction_total,
            ),
        )
    return attrs.evolve(
        base,
        claim=attrs.evolve(
            base.claim,
            status="APPROVED",
            payment_method="bank",
            date_approved=APPROVED_AT,
            payment_status=None if own is not None else "PROCESSED",
        ),
        visitor=attrs.evolve(base.visitor, country=first.country or "England"),
        bank_detail=attrs.evolve(
            base.bank_detail,
            sort_code=first.sort_code,
            account_number=first.account_number,
            name_on_account=first.name_on_account or "Payee",
            roll_number=first.roll_number,
        ),
        expenses=_expenses(own, claim_id),
        documents=(),
        deductions=deductions,
    )


def _top_up(payment: Payment) -> TopUp:
    return TopUp(
        top_up_id=payment.top_up_id,
        claim_id=payment.claim_id,
        payment_status="PENDING",
        caseworker="caseworker@example.com",
        reason="Extra fare",
        top_up_amount=payment.approved_total,
        date_added=APPROVED_AT,
    )


def seed_payments(engine: sa.Engine, payments: Iterable[Payment]) -> None:
    """Insert claims (and top-ups, keeping their ids) that are due these payments."""
    by_claim: dict[int, list[Payment]] = {}
    for payment in payments:
        by_claim.setdefault(payment.claim_id, []).append(payment)
    with engine.begin() as connection:
        for claim_id, group in sorted(by_claim.items()):
            insert_graph(connection, INT, payment_claim(claim_id, group))
            for payment in group:
                if payment.is_top_up:
                    insert_row(connection, int_top_up, _top_up(payment), keep_id=True)


def paid_amounts(engine: sa.Engine) -> dict[int, tuple[str | None, Decimal | None]]:
    """Each claim's PaymentStatus and PaymentAmount, by claim id."""
    c = INT.claim.c
    with engine.connect() as connection:
        rows = connection.execute(
            sa.select(c.ClaimId, c.PaymentStatus, c.PaymentAmount)
        ).all()
    return {row.ClaimId: (row.PaymentStatus, row.PaymentAmount) for row in rows}
