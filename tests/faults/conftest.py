"""The fault suite's report: each scenario adds a row; the session prints the table.

Rows say what was injected and how often, how much work was lost or duplicated, and
the outcome. A scenario's own assertions decide pass or fail; the table is for the
service owner deciding whether to switch over.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

RESULTS = Path("bench-results") / "faults.json"


@attrs.define(kw_only=True)
class FaultRow:
    """One line of the report."""

    fault: str
    injected: int = 0
    lost: int = 0
    duplicated: int = 0
    outcome: str = "not run"


_ROWS: list[FaultRow] = []


@pytest.fixture
def fault_report(request) -> FaultRow:
    """A row for this scenario, named by the test's docstring."""
    doc = (request.function.__doc__ or request.node.name).strip().splitlines()[0]
    row = FaultRow(fault=doc.rstrip("."))
    _ROWS.append(row)
    return row


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Print the table and write it as JSON."""
    del exitstatus, config
    if not _ROWS:
        return
    width = max(len(r.fault) for r in _ROWS)
    write = terminalreporter.write_line
    write("")
    write(
        f"{'fault':<{width}}  {'injected':>8}  {'lost':>4}  {'duplicated':>10}  outcome"
    )
    for r in _ROWS:
        write(
            f"{r.fault:<{width}}  {r.injected:>8}  {r.lost:>4}  {r.duplicated:>10}  {r.outcome}"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps([attrs.asdict(r) for r in _ROWS], indent=2))


@pytest.fixture(scope="session")
def moto_url():
    """One moto server for the prison-to-probation fault scenarios."""
    from support import aws  # noqa: PLC0415 - only the AWS scenarios need moto

    with aws.moto_server() as url:
        yield url
