"""The payment run SIGKILLed at every step, then re-run: paid once, in one file."""

from __future__ import annotations

from hmpps_workers.adapters.sql.prison_visits.payment_seed import seed_payments
from support import runner
from support.databases import fresh_engine
from support.payment_run import (
    BUCKET,
    KILL_POINTS,
    bucket,
    expected_ledger_claims,
    expected_lines,
    ledger,
    moto_url,
    paid_lines,
    payment_env,
)
from support.payments import week_of_payments

__all__ = ["bucket", "moto_url"]  # fixtures


class TestKilledPaymentRun:
    """Kill the runner at each step in turn; nothing lost, nothing paid twice."""

    def test_payment_run_killed_at_each_step_on_postgresql(
        self, postgres_server, bucket, moto_url, samples_dir, fault_report
    ):
        """SIGKILL of payment-run at each of its steps, then re-run (PostgreSQL)."""
        url = postgres_server.render_as_string(hide_password=False)
        expected = expected_lines()
        for point in KILL_POINTS:
            with fresh_engine(url) as engine:
                seed_payments(engine, week_of_payments())
                env = payment_env(url, moto_url, samples_dir)
                killed = runner.run(
                    ["payment-run"], {**env, "HMPPS_WORKERS_KILL_AT": point}
                )
                fault_report.injected += killed.returncode == -9
                assert runner.run(["payment-run"], env).returncode == 0
                paid = paid_lines(bucket.files())
                fault_report.lost += sum((expected - paid).values())
                fault_report.duplicated += sum((paid - expected).values())
                book = ledger(engine)
                fault_report.duplicated += book.batches - 1
                claims = {
                    k: v
                    for k, v in book.claims.items()
                    if k in expected_ledger_claims()
                }
                fault_report.lost += sum(
                    claims.get(k) != v for k, v in expected_ledger_claims().items()
                )
            for key in list(bucket.files()):
                bucket.client.delete_object(Bucket=BUCKET, Key=key)  # type: ignore[attr-defined]
        fault_report.outcome = (
            "every payment once, in one file"
            if (fault_report.lost, fault_report.duplicated) == (0, 0)
            else "FAILED"
        )
        assert (len(KILL_POINTS), 0, 0) == (
            fault_report.injected,
            fault_report.lost,
            fault_report.duplicated,
        )
