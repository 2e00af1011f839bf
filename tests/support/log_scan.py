"""A pytest plugin: every test fails if our code logged a known personal value.

The scanner is a handler on the root logger, so it sees each record as it was
logged, before any handler's redaction. `hmpps_workers.runners.logging.configure`
replaces only its own handler, so a test that calls `cli.main` is scanned to its end.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from support.personal_data import LeakScanner


@pytest.fixture(autouse=True)
def no_personal_data_in_logs() -> Iterator[None]:
    """Fail any test during which our code logged a known personal value."""
    scanner = LeakScanner()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(scanner)
    root.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        root.removeHandler(scanner)
        root.setLevel(previous)
    if scanner.found:
        pytest.fail("personal data reached a log: " + "; ".join(scanner.found[:5]))
