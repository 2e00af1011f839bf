"""Queued failures for the in-memory fakes, so tests can make the next call fail."""

from __future__ import annotations

import attrs


@attrs.define
class FailureQueue:
    """Errors to raise on the next calls, in order."""

    pending: list[Exception] = attrs.field(factory=list)

    def add(self, error: Exception, *, times: int = 1) -> None:
        """Raise `error` on each of the next `times` calls."""
        self.pending.extend([error] * times)

    def raise_next(self) -> None:
        """Raise the next queued error, if any."""
        if self.pending:
            raise self.pending.pop(0)
