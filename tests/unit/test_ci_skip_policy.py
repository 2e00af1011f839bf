"""Under CI no test passes by skipping, except for the allowed missing servers."""

from __future__ import annotations

PROBES = """
import pytest

def test_needs_moto():
    pytest.skip("moto server is absent")

def test_needs_sql_server():
    pytest.skip("MSSQL_URL is not set: no SQL Server to test against")

@pytest.mark.skipif(True, reason="driver is absent")
def test_marked():
    pass

@pytest.mark.xfail(reason="known", strict=True)
def test_expected_failure():
    raise AssertionError
"""


class TestCiSkipPolicy:
    def test_under_ci_a_skip_fails_unless_its_reason_is_allowed(
        self, pytester, monkeypatch
    ):
        """Missing moto or driver fails (an error in setup); unset MSSQL_URL skips."""
        monkeypatch.setenv("CI", "true")
        pytester.makepyfile(PROBES)
        result = pytester.runpytest("-p", "support.ci_skips", "-p", "no:cacheprovider")
        result.assert_outcomes(failed=1, errors=1, skipped=1, xfailed=1)
        result.stdout.fnmatch_lines(["*skipped under CI: moto server is absent*"])

    def test_without_ci_every_skip_stands(self, pytester, monkeypatch):
        """On a developer's machine the same tests skip with their reasons."""
        monkeypatch.delenv("CI", raising=False)
        pytester.makepyfile(PROBES)
        result = pytester.runpytest("-p", "support.ci_skips", "-p", "no:cacheprovider")
        result.assert_outcomes(skipped=3, xfailed=1)
