"""Hypothesis strategies for claims and expenses, built on the claim builders."""

from __future__ import annotations

from decimal import Decimal

import attrs
from hypothesis import strategies as st

from hmpps_workers.core.prison_visits.claims.model import ClaimDocument, ClaimExpense
from hmpps_workers.core.prison_visits.claims.records import ClaimData
from hmpps_workers.core.testing.claim_builders import claim_graph

EXPENSE_TYPES = ("car", "bus", "train", "taxi", "plane", "ferry", "hire", "toll")
DOCUMENT_STATUSES = ("uploaded", "post-later", "upload-later", "UPLOADED")

money = st.decimals(
    min_value=Decimal("0.00"), max_value=Decimal("999999.99"), places=2
).map(lambda d: d.quantize(Decimal("0.01")))


@st.composite
def expenses(draw: st.DrawFn, *, claim: ClaimData) -> tuple[ClaimExpense, ...]:
    """Between zero and six expenses of `claim`, some disabled."""
    template = claim.expenses[0]
    count = draw(st.integers(min_value=0, max_value=6))
    return tuple(
        attrs.evolve(
            template,
            claim_expense_id=template.claim_expense_id + n,
            expense_type=draw(st.sampled_from(EXPENSE_TYPES)),
            cost=draw(money),
            is_enabled=draw(st.sampled_from([True, False, None])),
        )
        for n in range(count)
    )


@st.composite
def documents(draw: st.DrawFn, *, claim: ClaimData) -> tuple[ClaimDocument, ...]:
    """Between zero and four documents of `claim`, any status, some disabled."""
    template = claim.documents[0]
    count = draw(st.integers(min_value=0, max_value=4))
    return tuple(
        attrs.evolve(
            template,
            claim_document_id=template.claim_document_id + n,
            document_status=draw(st.sampled_from(DOCUMENT_STATUSES)),
            is_enabled=draw(st.sampled_from([True, False])),
        )
        for n in range(count)
    )


@st.composite
def claims(draw: st.DrawFn) -> ClaimData:
    """A whole claim graph with arbitrary expenses, documents and payment method."""
    base = claim_graph(
        reference=draw(
            st.text("ABCDEFGHJKMNPQRSTVWXYZ0123456789", min_size=7, max_size=7)
        ),
        base_id=draw(st.integers(min_value=1, max_value=1_000_000)),
    )
    method = draw(st.sampled_from(["bank", "payout", "PAYOUT", "manual", None]))
    return attrs.evolve(
        base,
        claim=attrs.evolve(base.claim, payment_method=method),
        expenses=draw(expenses(claim=base)),
        documents=draw(documents(claim=base)),
    )
