"""A telemetry port that remembers every event, for assertions."""

from __future__ import annotations

from collections.abc import Mapping

import attrs


@attrs.define
class RecordingTelemetry:
    """Keeps (name, properties) pairs in order."""

    events: list[tuple[str, dict[str, str]]] = attrs.field(factory=list)

    def track_event(self, name: str, properties: Mapping[str, str]) -> None:
        """Remember the event."""
        self.events.append((name, dict(properties)))

    def names(self) -> list[str]:
        """The event names, in order."""
        return [name for name, _ in self.events]

    def named(self, name: str) -> list[dict[str, str]]:
        """The properties of every event with this name."""
        return [props for event, props in self.events if event == name]
