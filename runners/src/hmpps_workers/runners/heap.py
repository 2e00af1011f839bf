"""The runners' startup heap, frozen out of later garbage collections.

A runner imports and wires a great deal before its first task or message: modules,
classes and their dictionaries (SQLAlchemy, botocore, FastAPI and, with telemetry on,
the Azure Monitor distro's ~45,000 more). Every full collection of the cyclic garbage
collector walks all of them again: in the claims bench a full collection took
63-87 ms with telemetry off and 104-106 ms with it on (docs/telemetry-cost.md,
"Issue 18t"). Collected once and then frozen (`gc.freeze`), they are never walked
again; what is made later is collected as before. Each long-running command
(`worker-tasks`, the scheduled jobs, the P2P service) calls this once, after wiring
and before its work, with telemetry on or off alike; the short operator commands
skip the collection it costs.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    """Collect once, then keep every object alive now out of later collections."""
    gc.collect()
    gc.freeze()
