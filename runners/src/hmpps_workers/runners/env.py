"""The one environment reader: every setting of every runner is read through `Env`.

Each error names the variable and what it should hold, and never echoes a secret.
Configuration is read only in runners; core and adapters take plain values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta

import attrs

from hmpps_workers.core.errors import ConfigurationError

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}
_DURATION = re.compile(r"^(\d+)(ms|s|m|h|d)?$")
_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}
_SHOWN = 20  # characters of a bad (non-secret) value quoted back


@attrs.frozen
class Secret:
    """A value that must never be printed."""

    value: str = attrs.field(repr=False)

    def __repr__(self) -> str:
        """Hide the value."""
        return "<SECRET>"

    __str__ = __repr__


@attrs.frozen
class Env:
    """Typed, checked reads of a mapping of environment variables."""

    values: Mapping[str, str] = attrs.field(repr=False)

    def text(self, name: str, default: str = "") -> str:
        """The stripped value, or `default` when unset or blank."""
        return self.values.get(name, "").strip() or default

    def present(self, name: str) -> bool:
        """True when the variable holds something other than blanks."""
        return bool(self.text(name))

    def required(self, *names: str, because: str = "") -> None:
        """Raise naming every one of `names` that is unset (saying `because`)."""
        missing = [name for name in names if not self.present(name)]
        if not missing:
            return
        if because:
            raise ConfigurationError(f"{because}, but {', '.join(missing)} not set")
        raise ConfigurationError(f"{', '.join(missing)} must be set")

    def integer(self, name: str, default: int, low: int, high: int) -> int:
        """A whole number from `low` to `high`."""
        raw = self.text(name)
        if not raw:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise ConfigurationError(
                f"{name} must be a whole number from {low} to {high},"
                f" got {raw[:_SHOWN]!r}"
            ) from None
        if not low <= value <= high:
            raise ConfigurationError(
                f"{name} must be from {low} to {high}, got {value}"
            )
        return value

    def boolean(self, name: str, *, default: bool) -> bool:
        """true/false, yes/no, on/off or 1/0, in any case."""
        raw = self.text(name).lower()
        if not raw:
            return default
        if raw in _TRUE:
            return True
        if raw in _FALSE:
            return False
        raise ConfigurationError(f"{name} must be true or false, got {raw[:_SHOWN]!r}")

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        """One of `choices`, in any case, returned as `choices` spells it."""
        raw = self.text(name, default)
        for option in choices:
            if raw.lower() == option.lower():
                return option
        raise ConfigurationError(
            f"{name} must be {', '.join(choices[:-1])} or {choices[-1]},"
            f" got {raw[:_SHOWN]!r}"
        )

    def seconds(self, name: str, default: int, low: int, high: int) -> timedelta:
        """A whole number of seconds from `low` to `high`."""
        return timedelta(seconds=self.integer(name, default, low, high))

    def duration(self, name: str, default: str, *, bare: str = "ms") -> timedelta:
        """A Spring-style duration: `15m`, `60m`, `10s`, `2h`, or a bare `bare`."""
        raw = self.text(name, default).lower()
        match = _DURATION.match(raw)
        if not match:
            raise ConfigurationError(
                f"{name} must be a duration like 15m, got {raw[:_SHOWN]!r}"
            )
        return timedelta(seconds=int(match[1]) * _SECONDS[match[2] or bare])

    def secret(self, name: str) -> Secret | None:
        """The value, hidden from every repr; None when unset."""
        raw = self.text(name)
        return Secret(raw) if raw else None

    def required_secret(self, name: str) -> Secret:
        """The value, hidden; raise naming the variable when unset."""
        self.required(name)
        return Secret(self.text(name))
