"""Crash points for the fakes: kill a named call before or after it commits."""

from __future__ import annotations

import enum

import attrs

from hmpps_workers.core.prison_visits.documents.ports import FileStore


class When(enum.StrEnum):
    """Whether the fault strikes before the call changes anything, or after."""

    BEFORE = "before"
    AFTER = "after"


class Killed(Exception):  # noqa: N818 - it names what happened to the process
    """The process died here (a fault a test injected)."""


@attrs.define
class Faults:
    """Armed faults by call name; each fires once, on the call's `nth` next use."""

    armed: dict[tuple[str, When], dict[int, Exception | None]] = attrs.field(
        factory=dict
    )
    calls: dict[tuple[str, When], int] = attrs.field(factory=dict)

    def arm(
        self,
        call: str,
        when: When = When.BEFORE,
        *,
        nth: int = 1,
        error: Exception | None = None,
    ) -> None:
        """Fail the `nth` next `call`, before or after it commits.

        With no `error` the process is Killed there; with one, that error is raised
        (an ordinary failure the code under test may handle).
        """
        key = (call, When(when))
        seen = self.calls.get(key, 0)
        self.armed.setdefault(key, {})[seen + nth] = error

    def check(self, call: str, when: When) -> None:
        """Count this point and raise if a fault is armed for it."""
        key = (call, when)
        self.calls[key] = self.calls.get(key, 0) + 1
        pending = self.armed.get(key, {})
        if self.calls[key] in pending:
            error = pending.pop(self.calls[key])
            raise error or Killed(f"killed {when} {call}")

    def disarm(self) -> None:
        """Forget every armed fault."""
        self.armed.clear()


@attrs.define
class FaultyFileStore:
    """Wraps a file store so a test can kill the process around an upload or delete."""

    inner: FileStore
    faults: Faults = attrs.field(factory=Faults)

    def upload(self, key: str, data: bytes) -> None:
        """Upload, with crash points before and after."""
        self.faults.check("upload", When.BEFORE)
        self.inner.upload(key, data)
        self.faults.check("upload", When.AFTER)

    def download(self, key: str) -> bytes:
        """Download as the inner store does."""
        return self.inner.download(key)

    def delete(self, key: str) -> None:
        """Delete, with crash points before and after."""
        self.faults.check("delete", When.BEFORE)
        self.inner.delete(key)
        self.faults.check("delete", When.AFTER)

    def ping(self) -> None:
        """Ping the inner store."""
        self.inner.ping()
