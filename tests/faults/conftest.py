"""The fault suite's report: each scenario adds a row; the session prints the table.

Rows say what was injected and how often, how much work was lost or duplicated, and
the outcome. A scenario's own assertions decide pass or fail; the table is for the
service owner deciding whether to switch over.

A row travels in its test's teardown report, so under pytest-xdist the workers' rows
reach the controller, which alone prints the table and writes the JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
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


# each row with where its scenario is (file, line), to print them in that order
_ROWS: list[tuple[tuple[str, int], FaultRow]] = []
_PROPERTY = "fault_row"


@pytest.fixture
def fault_report(request) -> Iterator[FaultRow]:
    """A row for this scenario, named by the test's docstring."""
    doc = (request.function.__doc__ or request.node.name).strip().splitlines()[0]
    row = FaultRow(fault=doc.rstrip("."))
    try:
        yield row
    finally:
        request.node.user_properties.append((_PROPERTY, attrs.asdict(row)))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Keep the row a scenario's teardown report carries (from this or a worker)."""
    if report.when == "teardown":
        for name, value in report.user_properties:
            if name == _PROPERTY:
                place = (report.location[0], report.location[1] or 0)
                _ROWS.append((place, FaultRow(**value)))


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Print the table and write it as JSON (on the controller only under xdist)."""
    del exitstatus
    if not _ROWS or hasattr(config, "workerinput"):
        return
    # in file and line order, whichever worker finished first (the sort is stable,
    # so a parametrised scenario's cases stay in the order they ran)
    rows = [row for _, row in sorted(_ROWS, key=lambda placed: placed[0])]
    width = max(len(r.fault) for r in rows)
    write = terminalreporter.write_line
    write("")
    write(
        f"{'fault':<{width}}  {'injected':>8}  {'lost':>4}  {'duplicated':>10}  outcome"
    )
    for r in rows:
        write(
            f"{r.fault:<{width}}  {r.injected:>8}  {r.lost:>4}  {r.duplicated:>10}  {r.outcome}"
        )
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps([attrs.asdict(r) for r in rows], indent=2))


@pytest.fixture(scope="session")
def moto_url():
    """One moto server for the prison-to-probation fault scenarios."""
    from support import aws  # noqa: PLC0415 - only the AWS scenarios need moto

    with aws.moto_server() as url:
        yield url
