"""The in-memory payment store keeps the PaymentStore contract."""

from __future__ import annotations

import attrs
import pytest

from hmpps_workers.core.testing.contracts.payments import PaymentStoreContract
from hmpps_workers.core.testing.payments import InMemoryPaymentStore


@attrs.define
class InMemoryPaymentsEnv:
    store: InMemoryPaymentStore

    def seed(self, payments):
        self.store.seed(payments)


class TestInMemoryPaymentStore(PaymentStoreContract):
    """The fake behaves as the SQL adapter must."""

    @pytest.fixture
    def payments_env(self):
        return InMemoryPaymentsEnv(InMemoryPaymentStore())
