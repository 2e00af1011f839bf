"""SqlPaymentStore keeps the PaymentStore contract on SQLite and PostgreSQL."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.payment_seed import (
    paid_amounts,
    seed_payments,
)
from hmpps_workers.adapters.sql.prison_visits.payment_store import SqlPaymentStore
from hmpps_workers.core.prison_visits.payments.model import PaymentBatch
from hmpps_workers.core.testing.contracts.payments import (
    NOW,
    PaymentStoreContract,
    sample_payments,
)
from support.payments import RUN_AT, week_of_payments


@attrs.define
class SqlPaymentsEnv:
    engine: sa.Engine
    store: SqlPaymentStore

    def seed(self, payments):
        seed_payments(self.engine, payments)


@pytest.fixture
def payments_env(engine):
    return SqlPaymentsEnv(engine, SqlPaymentStore(engine))


class TestSqlPaymentStore(PaymentStoreContract):
    """The SQL adapter behaves as the contract (and the fake) says."""


class TestSqlPaymentStoreDetails:
    """What the contract leaves to the database: figures, ordering, claim columns."""

    def test_a_week_of_payments_comes_back_with_the_seeded_figures(self, payments_env):
        """Deductions, manual payments and top-ups survive the §8.1/§8.2 queries."""
        payments_env.seed(week_of_payments())
        expected = sorted(
            (p.sort_key(), p.claim_id, p.amount) for p in week_of_payments()
        )
        actual = sorted(
            (p.sort_key(), p.claim_id, p.amount)
            for p in payments_env.store.pending_bank_payments()
        )
        assert expected == actual

    def test_completing_writes_amount_total_and_manual_part_on_each_claim(
        self, payments_env
    ):
        """PaymentStatus PROCESSED and the amount; the claim's TotalAmount as well."""
        payments_env.seed(week_of_payments())
        store = payments_env.store
        batch = store.record_batch(
            PaymentBatch(created=RUN_AT, payments=tuple(store.pending_bank_payments()))
        )
        store.complete_batch(batch, now=RUN_AT)
        paid = paid_amounts(payments_env.engine)
        assert ("PROCESSED", Decimal("50.00")) == paid[1020]
        assert ("PROCESSED", Decimal("137.50")) == paid[1007]
        assert list(store.pending_bank_payments()) == []

    def test_an_open_batch_reads_back_the_recorded_bank_details(self, payments_env):
        """Bank details are read from ClaimBankDetail, not copied into the batch."""
        payments_env.seed(sample_payments())
        store = payments_env.store
        recorded = store.record_batch(
            PaymentBatch(created=NOW, payments=tuple(store.pending_bank_payments()))
        )
        reopened = store.open_batch()
        assert reopened is not None
        assert [p.sort_code for p in recorded.payments] == [
            p.sort_code for p in reopened.payments
        ]
