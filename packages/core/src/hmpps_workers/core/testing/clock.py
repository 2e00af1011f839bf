"""A clock that moves only when told to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs

from hmpps_workers.core.clock import require_aware


@attrs.define
class FakeClock:
    """Starts at a fixed instant; `advance` moves it on."""

    current: datetime = attrs.field(
        factory=lambda: datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        converter=require_aware,
    )

    def now(self) -> datetime:
        """Return the current fake instant."""
        return self.current

    def advance(self, delta: timedelta) -> datetime:
        """Move time on by `delta` and return the new instant."""
        self.current += delta
        return self.current

    def set(self, instant: datetime) -> None:
        """Jump to `instant`."""
        self.current = require_aware(instant)
