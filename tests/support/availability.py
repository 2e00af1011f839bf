"""Skip a test whose server, driver or fixture is absent: with a reason, and never in CI."""

from __future__ import annotations

import os

import pytest


def unavailable(reason: str) -> None:
    """Skip locally, fail in CI."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required when CI is set)")
    pytest.skip(reason)
