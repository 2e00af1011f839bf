"""`hmpps-workers payment-run` as a subprocess on SQLite and PostgreSQL, S3 on moto."""

from __future__ import annotations

import pytest

from hmpps_workers.adapters.sql.prison_visits.payment_seed import seed_payments
from support import runner
from support.payment_run import (
    GOLDEN,
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
STAMP = "20260707000500"


class TestPaymentRun:
    """A week of claims is paid once, in files the bank and APVU accept."""

    def test_a_week_of_claims_is_paid_into_the_golden_files(
        self, database, bucket, moto_url, samples_dir
    ):
        """Both AccessPay files match the golden files byte for byte; the ADI is there."""
        url, engine = database
        seed_payments(engine, week_of_payments())
        result = runner.run(["payment-run"], payment_env(url, moto_url, samples_dir))
        assert result.returncode == 0, result.stderr
        files = bucket.files()
        assert (GOLDEN / f"apvs-payments-{STAMP}.txt").read_bytes() == files[
            f"apvs-payments-{STAMP}.txt"
        ]
        assert (GOLDEN / f"apvu-apvs-payments-{STAMP}.txt").read_bytes() == files[
            f"apvu-apvs-payments-{STAMP}.txt"
        ]
        assert files[f"apvs-adi-journal-{STAMP}.xlsm"].startswith(b"PK")
        paid = ledger(engine)
        assert expected_ledger_claims() == {
            k: v for k, v in paid.claims.items() if k in expected_ledger_claims()
        }
        assert paid.top_ups == {64: "PROCESSED", 71: "PROCESSED"}
        assert paid.payment_files == 3

    def test_a_second_run_pays_nothing_again(
        self, database, bucket, moto_url, samples_dir
    ):
        """No new batch, no new file, no new DirectPaymentFile row."""
        url, engine = database
        seed_payments(engine, week_of_payments())
        env = payment_env(url, moto_url, samples_dir)
        assert runner.run(["payment-run"], env).returncode == 0
        first = bucket.files()
        second = runner.run(["payment-run"], env)
        assert second.returncode == 0, second.stderr
        assert "no bank payments due" in second.stderr
        assert first == bucket.files()
        assert (ledger(engine).batches, ledger(engine).payment_files) == (1, 3)

    @pytest.mark.parametrize("point", KILL_POINTS)
    def test_a_run_killed_at_any_step_is_finished_by_the_next(
        self, point, database, bucket, moto_url, samples_dir
    ):
        """SIGKILL, then a plain re-run: every payment in exactly one file, paid once."""
        url, engine = database
        seed_payments(engine, week_of_payments())
        env = payment_env(url, moto_url, samples_dir)
        killed = runner.run(["payment-run"], {**env, "HMPPS_WORKERS_KILL_AT": point})
        assert killed.returncode == -9, killed.stderr
        rerun = runner.run(["payment-run"], env)
        assert rerun.returncode == 0, rerun.stderr
        assert expected_lines() == paid_lines(bucket.files())
        paid = ledger(engine)
        assert (paid.batches, paid.payment_files) == (1, 3)
        assert expected_ledger_claims() == {
            k: v for k, v in paid.claims.items() if k in expected_ledger_claims()
        }
