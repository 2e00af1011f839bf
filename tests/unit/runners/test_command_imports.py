"""Building the command line imports none of the heavy libraries a command may need.

Every `hmpps-workers` start-up builds the whole parser; the e2e and fault tiers start
the runners a few hundred times. SQLAlchemy, FastAPI, uvicorn, boto3 and OpenTelemetry
are imported by the commands that use them, when they run (docs/development.md).
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("boto3", "fastapi", "opentelemetry", "sqlalchemy", "starlette", "uvicorn")
PROBE = """
import sys
from hmpps_workers.runners.cli import build_parser
build_parser()
print(" ".join(sorted({name.split(".")[0] for name in sys.modules})))
"""


class TestCommandImports:
    """The parser alone stays light."""

    def test_building_the_parser_imports_no_heavy_library(self):
        """None of SQLAlchemy, FastAPI, uvicorn, boto3, OpenTelemetry is imported."""
        found = subprocess.run(
            [sys.executable, "-c", PROBE],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout.split()
        expected: list[str] = []
        actual = [name for name in HEAVY if name in found]
        assert expected == actual
