"""Auto-approval decisions per second in core alone (no database, no I/O)."""

from __future__ import annotations

import time

import attrs

from hmpps_workers.core.prison_visits.approval import AutoApprovalData, decide
from hmpps_workers.core.testing.approval_builders import (
    OFFICE_HOURS,
    approvable,
    default_settings,
    previous_claim,
)


def _inputs() -> list[AutoApprovalData]:
    """A mix: approvable, failing several rules, and with a longer history."""
    passing = approvable()
    history = tuple(
        previous_claim(passing.claim, claim_id=n, status="APPROVED") for n in range(6)
    )
    eligibility = passing.eligibility
    if eligibility is None:
        raise RuntimeError("the approvable builder always sets an eligibility")
    untrusted = attrs.evolve(
        passing, eligibility=attrs.evolve(eligibility, is_trusted=False)
    )
    return [passing, untrusted, attrs.evolve(passing, previous_claims=history)]


def measure_decisions(n: int) -> float:
    """Run `n` full decisions (all eighteen rules) and return decisions per second."""
    settings = default_settings()
    inputs = _inputs()
    count = len(inputs)
    start = time.perf_counter()
    for index in range(n):
        decide(inputs[index % count], settings, OFFICE_HOURS)
    elapsed = time.perf_counter() - start
    return n / elapsed if elapsed else float("inf")


if __name__ == "__main__":
    print(f"{measure_decisions(20_000):,.0f} auto-approval decisions per second")
