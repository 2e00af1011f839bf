"""A payment run over n approved claims on the real SQL store: seconds and peak memory.

Seeding is not timed. The run is the whole `PaymentRun.run`: select, plan, record the
batch, build the two AccessPay files and the ADI workbook, upload (to an in-memory
store: S3's latency is not ours), and mark every claim paid. Peak memory is what
tracemalloc saw during the run, so the seconds include tracemalloc's overhead.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from hmpps_workers.adapters.payments.adi import AdiSettings, OpenpyxlJournalWriter
from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.prison_visits.payment_seed import seed_payments
from hmpps_workers.adapters.sql.prison_visits.payment_store import SqlPaymentStore
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.core.prison_visits.payments.model import Payment
from hmpps_workers.core.prison_visits.payments.ports import JournalWriter
from hmpps_workers.core.prison_visits.payments.run import PaymentRun
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.documents import InMemoryFileStore
from hmpps_workers.core.testing.payments import FakeJournalWriter

TEMPLATE = (
    Path(__file__).resolve().parents[1].parent
    / "shared/fixtures/payments/adi_template.xlsm"
)
RUN_AT = datetime(2026, 7, 6, 23, 5, tzinfo=UTC)
COUNTRIES = ("England", "Wales", "Scotland", "Northern Ireland")


def payments(n: int) -> list[Payment]:
    """Claims 1 to n with bank details and varied amounts; every tenth a deduction."""
    return [
        Payment(
            claim_id=i,
            reference=f"B{i:06d}",
            approved_total=Decimal(10 + i % 90) + Decimal("0.45"),
            deduction_total=Decimal("2.00") if i % 10 == 0 else Decimal(0),
            sort_code="001122",
            account_number=f"{i:08d}",
            name_on_account=f"Payee {i}",
            country=COUNTRIES[i % 4],
        )
        for i in range(1, n + 1)
    ]


def _journal() -> JournalWriter:
    if TEMPLATE.is_file():
        return OpenpyxlJournalWriter(AdiSettings(template_path=TEMPLATE))
    return FakeJournalWriter()


def measure_payment_run(n: int, url: str | None = None) -> tuple[float, int]:
    """Seconds and peak bytes for one payment run over n claims (SQLite by default)."""
    with tempfile.TemporaryDirectory() as directory:
        engine = create_database_engine(url or f"sqlite:///{directory}/bench.db")
        try:
            create_schema(engine)
            seed_payments(engine, payments(n))
            run = PaymentRun(
                store=SqlPaymentStore(engine),
                files=InMemoryFileStore(),
                journal=_journal(),
                clock=FakeClock(RUN_AT),
            )
            tracemalloc.start()
            start = time.perf_counter()
            summary = run.run()
            seconds = time.perf_counter() - start
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        finally:
            engine.dispose()
    if summary["paid"] != n:
        raise RuntimeError(f"expected {n} payments, the run paid {summary['paid']}")
    return seconds, peak


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    target = sys.argv[2] if len(sys.argv) > 2 else None  # noqa: PLR2004
    secs, peak_bytes = measure_payment_run(count, target)
    print(
        f"payment run over {count:,} claims: {secs:.2f} s, peak {peak_bytes / 2**20:.1f} MiB"
    )
