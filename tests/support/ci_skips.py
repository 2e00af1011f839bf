"""A pytest plugin: under `CI`, a skipped test fails unless its reason is allowed.

So a CI run can never pass by skipping for a missing moto server, driver or fixture.
The allowed reasons name a server a CI machine is not meant to have, by its variable.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

ALLOWED_SKIPS_UNDER_CI = (
    "MSSQL_URL is not set",
    "MSSQL_ARCHIVE_URL is not set",
    "HMPPS_WORKERS_SMOKE_DATABASE_URL is not set",
    "HMPPS_WORKERS_SMOKE_P2P_URL is not set",
    # An optional cross-check against a fetched copy of the original repository, which
    # is not part of ../shared; the pinned figures beside it hold the list everywhere.
    "no mirror of the original worker on this machine",
)


def skip_allowed_under_ci(reason: str) -> bool:
    """Whether a skip with this reason may stand when `CI` is set."""
    return reason.removeprefix("Skipped: ").startswith(ALLOWED_SKIPS_UNDER_CI)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Iterator[None]:
    """Under `CI`, turn a skip into a failure unless its reason is allowed."""
    report: pytest.TestReport = yield
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else ""
        reason = reason.removeprefix("Skipped: ")
        if not skip_allowed_under_ci(reason):
            report.outcome = "failed"
            report.longrepr = f"skipped under CI: {reason}"
    return report
