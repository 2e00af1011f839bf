"""Test hooks of the scheduled runners, never set in a deployment.

Two environment variables exist only for tests:
`HMPPS_WORKERS_NOW` freezes the clock at an ISO 8601 instant with an offset, and
`HMPPS_WORKERS_KILL_AT` names a point at which the process SIGKILLs itself
(`batch-recorded`, `upload-1` to `upload-3`, `half-marked`), to prove recovery.
"""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable, Mapping
from datetime import datetime

import attrs

from hmpps_workers.core.clock import Clock
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.documents.ports import FileStore
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.runners.env import Env

log = logging.getLogger(__name__)

ENV_NOW = "HMPPS_WORKERS_NOW"
ENV_KILL_AT = "HMPPS_WORKERS_KILL_AT"
Checkpoint = Callable[[str], None]


def clock_from_env(env: Mapping[str, str]) -> Clock | None:
    """A clock stopped at `HMPPS_WORKERS_NOW` if it is set, else None."""
    raw = Env(env).text(ENV_NOW)
    if not raw:
        return None
    try:
        instant = datetime.fromisoformat(raw)
    except ValueError:
        raise ConfigurationError(f"{ENV_NOW} must be an ISO 8601 instant") from None
    if instant.utcoffset() is None:
        raise ConfigurationError(f"{ENV_NOW} needs an offset, e.g. 2026-07-06T23:05Z")
    return FakeClock(instant)


def checkpoint_from_env(env: Mapping[str, str]) -> Checkpoint:
    """Kill this process at the point `HMPPS_WORKERS_KILL_AT` names (tests only)."""
    target = Env(env).text(ENV_KILL_AT)

    def checkpoint(point: str) -> None:
        if target and point == target:
            log.warning("test hook: killing the runner", extra={"point": point})
            os.kill(os.getpid(), signal.SIGKILL)

    return checkpoint


@attrs.define
class CheckpointFiles:
    """A file store that passes `upload-<n>` to the checkpoint after each upload."""

    inner: FileStore
    checkpoint: Checkpoint
    uploads: int = 0

    def upload(self, key: str, data: bytes) -> None:
        """Upload, then report the point."""
        self.inner.upload(key, data)
        self.uploads += 1
        self.checkpoint(f"upload-{self.uploads}")

    def download(self, key: str) -> bytes:
        """Delegate."""
        return self.inner.download(key)

    def delete(self, key: str) -> None:
        """Delegate."""
        self.inner.delete(key)

    def ping(self) -> None:
        """Delegate."""
        self.inner.ping()
