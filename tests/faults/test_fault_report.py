"""The fault suite's table holds every scenario's row when pytest-xdist spreads them."""

from __future__ import annotations

import json
from pathlib import Path

FAULTS_CONFTEST = Path(__file__).resolve().parent / "conftest.py"
SCENARIO = '''
def test_{name}(fault_report):
    """Scenario {name}."""
    fault_report.injected = {injected}
    fault_report.outcome = "held"
'''


class TestFaultReportAcrossWorkers:
    """Rows made on xdist workers reach the controller's table and JSON."""

    def test_rows_from_two_workers_are_all_in_the_table_and_the_json(self, pytester):
        """Two files on two workers: both rows printed and written once each."""
        pytester.makeconftest(FAULTS_CONFTEST.read_text())
        pytester.makepyfile(
            test_first=SCENARIO.format(name="first", injected=1),
            test_second=SCENARIO.format(name="second", injected=2),
        )
        result = pytester.runpytest_subprocess("-n", "2", "--dist", "loadfile")
        result.assert_outcomes(passed=2)
        result.stdout.fnmatch_lines(
            ["Scenario first *1*held", "Scenario second *2*held"]
        )
        written = json.loads((pytester.path / "bench-results/faults.json").read_text())
        assert sorted((r["fault"], r["injected"]) for r in written) == [
            ("Scenario first", 1),
            ("Scenario second", 2),
        ]
