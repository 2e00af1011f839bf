"""A test that leaves a logging handler behind fails; the runners' logging does not stack."""

from __future__ import annotations

import logging
import logging.handlers

from hmpps_workers.runners import logging as runner_logging

PROBES = """
import logging
import sys

def test_leaves_a_handler(capsys):
    logging.getLogger().addHandler(logging.StreamHandler(sys.stderr))

def test_configures_with_the_fixture(capsys, configured_logging):
    logging.getLogger().addHandler(logging.StreamHandler(sys.stderr))

def test_logs_afterwards():
    logging.getLogger("probe").warning("still logging")
"""


class TestLoggingGuard:
    """`support.logging_guard` catches a handler left on the root logger.

    The probes' handlers write to `capsys`'s stream, closed when the test ends,
    as `cli.main`'s did in the unit tier.
    """

    def test_a_handler_left_behind_fails_the_test_and_is_taken_off(self, pytester):
        """The leaking test errors in teardown; later tests log without an error."""
        pytester.makepyfile(PROBES)
        result = pytester.runpytest(
            "-p", "support.logging_guard", "-p", "no:cacheprovider", "-rP"
        )
        result.assert_outcomes(passed=3, errors=1)
        result.stdout.fnmatch_lines(["*left logging handlers on the root logger*"])
        result.stdout.no_fnmatch_line("*Logging error*")


class TestConfigure:
    """The runners' logging set-up replaces its own handler and no other."""

    def test_configuring_twice_leaves_one_handler(self, configured_logging):
        """A runner that configures logging twice has one of our handlers on root."""
        runner_logging.configure("INFO", "json")
        runner_logging.configure("DEBUG", "text")
        ours = [
            handler
            for handler in logging.getLogger().handlers
            if isinstance(handler, runner_logging.RunnerHandler)
        ]
        assert [runner_logging.TextFormatter] == [type(h.formatter) for h in ours]

    def test_a_handler_it_did_not_install_stays_and_gets_records(
        self, configured_logging
    ):
        """A host service's own handler on root outlives `configure` and still logs."""
        host = logging.handlers.BufferingHandler(capacity=10)
        logging.getLogger().addHandler(host)
        runner_logging.configure("INFO", "json")
        runner_logging.configure("INFO", "json")
        logging.getLogger("hmpps_workers.probe").info("after configuring")
        assert [record.getMessage() for record in host.buffer] == ["after configuring"]
