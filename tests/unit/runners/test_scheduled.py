"""The scheduled commands: demo runs, clear refusals, exit codes, progress."""

from __future__ import annotations

import io
import logging

import pytest

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.schema import create_schema
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.jobs import JobOutcome, JobsReport
from hmpps_workers.runners.cli import build_parser, main
from hmpps_workers.runners.prison_visits.scheduled import report, run
from hmpps_workers.runners.progress import LogProgress, TerminalProgress


class TestScheduledCommands:
    """daily-tasks, auto-approval and payment-run from the command line."""

    @pytest.mark.parametrize("command", ["daily-tasks", "auto-approval"])
    def test_without_demo_the_runner_works_on_the_configured_database(
        self, command, tmp_path, capsys
    ):
        """An empty database: every job runs, finds nothing, and succeeds."""
        args = build_parser().parse_args([command])
        env = {
            "APVS_DATABASE_URL": f"sqlite:///{tmp_path / 'hwpv.db'}",
            "APVS_ARCHIVE_CLAIMS_MAX_PER_RUN": "0",
            "LOG_FORMAT": "json",
        }
        create_schema(create_database_engine(env["APVS_DATABASE_URL"]))
        assert run(args, environ=env) == 0
        assert "FAILED" not in capsys.readouterr().out

    def test_payment_run_without_a_template_names_the_variable(
        self, tmp_path, capsys, monkeypatch, configured_logging
    ):
        """Exit 2 and a message naming APVS_ADI_TEMPLATE_PATH, before any database."""
        args = build_parser().parse_args(["payment-run", "--demo"])
        env = {"APVS_ADI_TEMPLATE_PATH": str(tmp_path / "none.xlsm")}
        with pytest.raises(ConfigurationError, match="APVS_ADI_TEMPLATE_PATH"):
            run(args, environ=env)
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("APVS_ADI_TEMPLATE_PATH", env["APVS_ADI_TEMPLATE_PATH"])
        assert main(["--embedded", "payment-run"]) == 2
        assert "APVS_ADI_TEMPLATE_PATH" in capsys.readouterr().err
        assert list(tmp_path.iterdir()) == []

    @pytest.mark.parametrize("command", ["daily-tasks", "auto-approval"])
    def test_a_demo_run_succeeds_and_prints_one_line_per_job(self, command, capsys):
        """Exit 0; every job's name appears."""
        args = build_parser().parse_args([command, "--demo"])
        assert run(args, environ={"LOG_FORMAT": "json"}) == 0
        assert ": ok" in capsys.readouterr().out

    def test_the_exit_code_is_one_and_the_failed_job_is_named(self, capsys):
        """One failed job fails the run; the others still report."""
        result = JobsReport(
            outcomes=(
                JobOutcome(name="first", ok=True, summary={"done": 2}),
                JobOutcome(name="second", ok=False, error="DailyJobError: 1 of 2"),
            )
        )
        assert report("daily-tasks", result) == 1
        out = capsys.readouterr().out
        assert "first: ok done=2" in out
        assert "second: FAILED (DailyJobError: 1 of 2)" in out


class TestProgress:
    """A bar on a terminal, periodic lines in a container."""

    def test_the_terminal_bar_shows_the_count(self):
        """The line ends with done/total."""
        stream = io.StringIO()
        progress = TerminalProgress(stream)
        progress.start("uploading", 4)
        progress.advance(2)
        assert stream.getvalue().endswith("2/4")

    def test_log_lines_come_at_start_interval_and_end(self, caplog):
        """Not one per item: only when the interval has passed."""
        ticks = iter([0.0, 1.0, 31.0, 31.0, 32.0])
        progress = LogProgress(every_seconds=30, clock=lambda: next(ticks))
        caplog.set_level(logging.INFO)
        progress.start("archiving", 3)
        progress.advance()
        progress.advance()
        progress.advance()
        progress.finish()
        done = [r.done for r in caplog.records if r.getMessage() == "progress"]
        assert done == [0, 2, 3]
