"""The distance port: one-way road distance in metres between two places."""

from __future__ import annotations

from typing import Protocol

import attrs

from hmpps_workers.core.errors import PermanentError, RetryableError


class DistanceUnavailableError(RetryableError):
    """The distance service is unavailable or over its quota; try again later."""


class DistanceRejectedError(PermanentError):
    """The distance service refused the request (bad key, bad request)."""


def _stripped(value: str) -> str:
    stripped = value.strip()
    if not stripped:
        raise ValueError("a place to route from or to is empty")
    return stripped


@attrs.frozen(kw_only=True)
class DistanceQuery:
    """From where to where; postcodes are personal data, so they stay out of reprs."""

    origin: str = attrs.field(converter=_stripped, repr=False)
    destination: str = attrs.field(converter=_stripped, repr=False)


class DistanceCalculator(Protocol):
    """Finds the driving distance one way; the caller doubles it for a return trip.

    Returns None when there is no route (unknown place, no road). Raises
    DistanceUnavailableError (retryable) or DistanceRejectedError (permanent); neither
    carries the postcodes or the API key.
    """

    def driving_metres(self, query: DistanceQuery) -> int | None:
        """The one-way driving distance in metres, or None if there is no route."""
        ...

    def ping(self) -> None:
        """Check the service answers and accepts our key, or raise."""
        ...
