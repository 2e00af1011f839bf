"""The personal-data scan sees every record, also after the runners configure logging."""

from __future__ import annotations

import os
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]

PROBES = """
import logging

from hmpps_workers.runners import logging as runner_logging
from hmpps_workers.runners.cli import main

log = logging.getLogger("hmpps_workers.probe")

def test_logs_a_nino():
    log.info("checking %s", "QQ123456C")

def test_configures_then_logs_a_nino(configured_logging):
    runner_logging.configure("INFO", "json")
    log.info("checking %s", "QQ123456C")

def test_configures_twice_then_logs_a_nino(configured_logging):
    runner_logging.configure("INFO", "json")
    runner_logging.configure("INFO", "text")
    log.info("checking %s", "QQ123456C")

def test_runs_the_command_line_then_logs_a_nino(configured_logging, capsys):
    assert main(["p2p", "run-job", "process"]) == 2
    log.info("checking %s", "QQ123456C")

def test_logs_nothing_personal(configured_logging):
    runner_logging.configure("INFO", "json")
    log.info("checked")
"""


class TestLogScan:
    """`support.log_scan` fails a test whose code logged a known personal value."""

    def test_a_leak_after_configuring_logging_still_fails_the_test(
        self, pytester, monkeypatch
    ):
        """Each probe that logs a NINO errors, configured or not; the clean one passes.

        In a subprocess: the probes log a NINO, which this test's own scan would
        catch in-process.
        """
        pytester.makepyfile(PROBES)
        path = os.environ.get("PYTHONPATH")
        monkeypatch.setenv(
            "PYTHONPATH", os.pathsep.join(filter(None, (str(TESTS), path)))
        )
        result = pytester.runpytest_subprocess(
            "-p",
            "support.logging_guard",
            "-p",
            "support.log_scan",
            "-p",
            "no:cacheprovider",
        )
        result.assert_outcomes(passed=5, errors=4)
        errors = sorted(
            # with CI set, pytest adds the reason to each summary line untruncated
            line.split(" - ", 1)[0].rsplit("::", 1)[1]
            for line in result.stdout.lines
            if line.startswith("ERROR ")
        )
        assert errors == [
            "test_configures_then_logs_a_nino",
            "test_configures_twice_then_logs_a_nino",
            "test_logs_a_nino",
            "test_runs_the_command_line_then_logs_a_nino",
        ]
        reasons = [
            line
            for line in result.stdout.lines
            if line.startswith("E ") and "Failed: personal data reached a log" in line
        ]
        assert len(reasons) == 4
