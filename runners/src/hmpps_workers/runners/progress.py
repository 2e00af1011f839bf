"""Progress for long runs: a bar on a terminal, a log line now and then otherwise."""

from __future__ import annotations

import logging
import sys
import time
from typing import TextIO

import attrs

from hmpps_workers.core.progress import Progress

log = logging.getLogger(__name__)
BAR_WIDTH = 30


@attrs.define
class TerminalProgress:
    """Redraws one line on the terminal."""

    stream: TextIO = attrs.field(factory=lambda: sys.stderr)
    label: str = ""
    total: int = 0
    done: int = 0

    def start(self, label: str, total: int) -> None:
        """Begin a bar."""
        self.label, self.total, self.done = label, total, 0
        self._draw()

    def advance(self, count: int = 1) -> None:
        """Move the bar on."""
        self.done += count
        self._draw()

    def finish(self) -> None:
        """End the line."""
        self.stream.write("\n")
        self.stream.flush()

    def _draw(self) -> None:
        filled = BAR_WIDTH * self.done // self.total if self.total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stream.write(f"\r{self.label:<32} [{bar}] {self.done}/{self.total}")
        self.stream.flush()


@attrs.define
class LogProgress:
    """Logs the count at the start, every `every_seconds`, and at the end."""

    every_seconds: float = 30.0
    clock: object = attrs.field(default=time.monotonic)
    label: str = ""
    total: int = 0
    done: int = 0
    last: float = 0.0

    def _now(self) -> float:
        return float(self.clock())  # type: ignore[operator]

    def start(self, label: str, total: int) -> None:
        """Log the stage and its size."""
        self.label, self.total, self.done, self.last = label, total, 0, self._now()
        log.info("progress", extra={"stage": label, "done": 0, "total": total})

    def advance(self, count: int = 1) -> None:
        """Count, logging when the interval has passed."""
        self.done += count
        if self._now() - self.last >= self.every_seconds:
            self.last = self._now()
            log.info(
                "progress",
                extra={"stage": self.label, "done": self.done, "total": self.total},
            )

    def finish(self) -> None:
        """Log the final count."""
        log.info(
            "progress",
            extra={"stage": self.label, "done": self.done, "total": self.total},
        )


def choose_progress(stream: TextIO | None = None) -> Progress:
    """A bar when stderr is a terminal, log lines otherwise (containers)."""
    stream = stream or sys.stderr
    return TerminalProgress(stream) if stream.isatty() else LogProgress()
