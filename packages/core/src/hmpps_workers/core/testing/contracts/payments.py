"""The PaymentStore contract: what every payment store, fake or SQL, must do."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Protocol

from hmpps_workers.core.prison_visits.payments.model import (
    Payment,
    PaymentBatch,
    PaymentFileType,
)
from hmpps_workers.core.prison_visits.payments.ports import (
    PaymentAlreadyBatchedError,
    PaymentFileNameTakenError,
    PaymentStore,
)
from hmpps_workers.core.testing.contracts.expect import raises

NOW = datetime(2026, 3, 2, 0, 5, tzinfo=UTC)


class PaymentStoreEnvironment(Protocol):
    """What a contract test needs: the store, and a way to add pending payments."""

    store: PaymentStore

    def seed(self, payments: Sequence[Payment]) -> None:
        """Add approved bank claims and pending top-ups with these figures."""
        ...


def sample_payments() -> list[Payment]:
    """Two claims (one with a deduction) and one top-up, all with bank details."""
    bank = {"sort_code": "223344", "account_number": "11223344"}  # test values
    return [
        Payment(
            claim_id=11,
            reference="REF0011",
            approved_total=Decimal("22.33"),
            name_on_account="Test Payee One",
            country="England",
            sort_code=bank["sort_code"],
            account_number=bank["account_number"],
        ),
        Payment(
            claim_id=12,
            reference="REF0012",
            approved_total=Decimal("40.00"),
            deduction_total=Decimal("5.50"),
            name_on_account="Test Payee Two",
            country="Wales",
            sort_code=bank["sort_code"],
            account_number=bank["account_number"],
        ),
        Payment(
            claim_id=11,
            top_up_id=3,
            reference="REF0011",
            approved_total=Decimal("7.10"),
            name_on_account="Test Payee One",
            country="England",
            sort_code=bank["sort_code"],
            account_number=bank["account_number"],
        ),
    ]


def _keys(payments: Sequence[Payment]) -> set[tuple[int, int | None]]:
    return {(p.claim_id, p.top_up_id) for p in payments}


class PaymentStoreContract:
    """Tests every PaymentStore must pass; subclasses provide `payments_env`."""

    def test_seeded_claims_and_top_ups_are_pending_with_their_figures(
        self, payments_env: PaymentStoreEnvironment
    ) -> None:
        """Claims and top-ups come back with their amounts after deductions."""
        payments_env.seed(sample_payments())
        pending = payments_env.store.pending_bank_payments()
        amounts = {(p.claim_id, p.top_up_id): p.amount for p in pending}
        assert {
            (11, None): Decimal("22.33"),
            (12, None): Decimal("34.50"),
            (11, 3): Decimal("7.10"),
        } == amounts

    def test_a_recorded_batch_reserves_its_payments_and_stays_open(
        self, payments_env: PaymentStoreEnvironment
    ) -> None:
        """Reserved payments are not pending; the open batch holds them as recorded."""
        payments_env.seed(sample_payments())
        pending = payments_env.store.pending_bank_payments()
        recorded = payments_env.store.record_batch(
            PaymentBatch(created=NOW, payments=tuple(pending))
        )
        assert recorded.batch_id is not None
        assert list(payments_env.store.pending_bank_payments()) == []
        assert recorded == payments_env.store.open_batch()

    def test_recording_a_batch_under_taken_file_names_is_refused(
        self, payments_env: PaymentStoreEnvironment
    ) -> None:
        """Two batches in the same second would overwrite each other's files."""
        payments_env.seed(sample_payments())
        first, second, third = sorted(
            payments_env.store.pending_bank_payments(), key=Payment.sort_key
        )
        payments_env.store.record_batch(PaymentBatch(created=NOW, payments=(first,)))
        with raises(PaymentFileNameTakenError):
            payments_env.store.record_batch(
                PaymentBatch(created=NOW, payments=(second,))
            )
        assert _keys([second, third]) == _keys(
            payments_env.store.pending_bank_payments()
        )

    def test_a_payment_cannot_be_reserved_twice(
        self, payments_env: PaymentStoreEnvironment
    ) -> None:
        """The second batch is refused whole; nothing of it is recorded."""
        payments_env.seed(sample_payments())
        first, second, _ = sorted(
            payments_env.store.pending_bank_payments(), key=Payment.sort_key
        )
        payments_env.store.record_batch(PaymentBatch(created=NOW, payments=(first,)))
        later = NOW + timedelta(seconds=1)
        with raises(PaymentAlreadyBatchedError):
            payments_env.store.record_batch(
                PaymentBatch(created=later, payments=(first, second))
            )
        assert second in payments_env.store.pending_bank_payments()

    def test_completing_a_batch_closes_it_and_lists_its_three_files_once(
        self, payments_env: PaymentStoreEnvironment
    ) -> None:
        """Completion is idempotent: a second call adds no file rows."""
        payments_env.seed(sample_payments())
        batch = payments_env.store.record_batch(
            PaymentBatch(
                created=NOW,
                payments=tuple(payments_env.store.pending_bank_payments()),
            )
        )
        payments_env.store.complete_batch(batch, now=NOW)
        payments_env.store.complete_batch(batch, now=NOW)
        assert payments_env.store.open_batch() is None
        assert list(payments_env.store.pending_bank_payments()) == []
        rows = payments_env.store.payment_files_created_before(NOW + timedelta(days=1))
        assert sorted((row.file_type, row.filepath) for row in rows) == sorted(
            (kind.value, name) for kind, name in batch.file_names.items()
        )
        assert {kind.value for kind in PaymentFileType} == {r.file_type for r in rows}

    def test_settled_payments_are_not_selected_again(
        self, payments_env: PaymentStoreEnvironment
    ) -> None:
        """Zero or negative amounts are closed once, not re-selected every run."""
        payments_env.seed(sample_payments())
        pending = sorted(
            payments_env.store.pending_bank_payments(), key=Payment.sort_key
        )
        payments_env.store.settle_unpayable(pending[:1], now=NOW)
        payments_env.store.settle_unpayable(pending[:1], now=NOW)
        assert _keys(pending[1:]) == _keys(payments_env.store.pending_bank_payments())

    def test_only_enabled_files_older_than_the_cutoff_are_listed(
        self, payments_env: PaymentStoreEnvironment
    ) -> None:
        """A disabled file and a file created at the cutoff are both left alone."""
        payments_env.seed(sample_payments())
        batch = payments_env.store.record_batch(
            PaymentBatch(
                created=NOW,
                payments=tuple(payments_env.store.pending_bank_payments()),
            )
        )
        payments_env.store.complete_batch(batch, now=NOW)
        assert list(payments_env.store.payment_files_created_before(NOW)) == []
        rows = payments_env.store.payment_files_created_before(NOW + timedelta(1))
        first = rows[0].payment_file_id
        assert first is not None
        payments_env.store.disable_payment_file(first)
        left = payments_env.store.payment_files_created_before(NOW + timedelta(1))
        assert len(rows) - 1 == len(left)
        assert first not in {row.payment_file_id for row in left}
