"""Progress of long runs as a port: core reports it, runners choose how to show it."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Told how much work there is and how much is done; shows it or logs it."""

    def start(self, label: str, total: int) -> None:
        """Begin a stage of `total` items, named `label` (no personal data)."""
        ...

    def advance(self, count: int = 1) -> None:
        """Count `count` more items done in the current stage."""
        ...

    def finish(self) -> None:
        """End the current stage."""
        ...


class NoProgress:
    """Shows nothing: the default for library callers and tests."""

    def start(self, label: str, total: int) -> None:
        """Ignore the stage."""
        del label, total

    def advance(self, count: int = 1) -> None:
        """Ignore the count."""
        del count

    def finish(self) -> None:
        """Nothing to end."""
