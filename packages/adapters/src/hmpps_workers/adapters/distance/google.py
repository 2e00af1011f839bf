"""Adapters for the distance port: Directions, Distance Matrix and the Routes API.

The original calls the Directions API (its README says Distance Matrix); both take the
key in the query string (Google's only option for them), so no URL is ever logged or
put in an error here, and urllib3's
request lines lose their query strings (logsafety). The Routes API, Directions'
successor, takes the key in a header. Google answers some refusals with HTTP 200 and a
status field; both are mapped onto retryable and permanent errors alike.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs
import requests

from hmpps_workers.adapters import logsafety
from hmpps_workers.adapters.bounded_http import (
    DEFAULT_MAX_RESPONSE_BYTES,
    ResponseTooLargeError,
    bound,
)
from hmpps_workers.core.prison_visits.distance.ports import (
    DistanceQuery,
    DistanceRejectedError,
    DistanceUnavailableError,
)

DIRECTIONS_URL = "https://maps.googleapis.com/maps/api/directions/json"
DISTANCE_MATRIX_URL = "https://maps.googleapis.com/maps/api/distancematrix/json"
ROUTES_URL = "https://routes.googleapis.com/distanceMatrix/v2:computeRouteMatrix"
FIELD_MASK = "originIndex,destinationIndex,status,condition,distanceMeters"
PING = DistanceQuery(origin="SW1A 1AA", destination="SW1A 2AA")
_NO_ROUTE = {"NOT_FOUND", "ZERO_RESULTS", "MAX_ROUTE_LENGTH_EXCEEDED"}
_TRANSIENT = {"OVER_QUERY_LIMIT", "UNKNOWN_ERROR"}
_RATE_LIMITED, _SERVER_ERROR = 429, 500
# google.rpc.Code values on a matrix element
_ELEMENT_NO_ROUTE = {3, 5}  # INVALID_ARGUMENT (unknown place), NOT_FOUND
_ELEMENT_TRANSIENT = {4, 8, 13, 14}  # DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ...


@attrs.frozen(kw_only=True)
class DistanceSettings:
    """Where to ask and with which key (hidden from reprs)."""

    api_key: str = attrs.field(repr=False)
    url: str
    timeout: timedelta = timedelta(seconds=10)
    max_response_bytes: int = attrs.field(
        default=DEFAULT_MAX_RESPONSE_BYTES, validator=attrs.validators.ge(1)
    )


def _http_error(status: int, api: str) -> Exception:
    if status == _RATE_LIMITED or status >= _SERVER_ERROR:
        return DistanceUnavailableError(f"{api} answered HTTP {status}")
    return DistanceRejectedError(f"{api} answered HTTP {status}")


def _call(
    session: requests.Session,
    api: str,
    method: str,
    url: str,
    **kwargs: Any,  # noqa: ANN401
) -> Any:  # noqa: ANN401 - JSON
    """One request; errors never quote the URL (it may hold the key)."""
    try:
        response = session.request(method, url, **kwargs)
    except ResponseTooLargeError as error:
        raise DistanceRejectedError(f"{api} {error}") from None
    except requests.Timeout:
        raise DistanceUnavailableError(f"{api} timed out") from None
    except requests.RequestException as error:
        raise DistanceUnavailableError(
            f"{api} unreachable ({type(error).__name__})"
        ) from None
    if response.status_code != 200:  # noqa: PLR2004
        raise _http_error(response.status_code, api)
    try:
        return response.json()
    except ValueError:
        raise DistanceUnavailableError(f"{api} answer is not JSON") from None


@attrs.define
class _GoogleCalculator:
    """What every Google adapter shares: settings, a session, safe logging, ping."""

    settings: DistanceSettings
    session: requests.Session = attrs.field(factory=requests.Session)

    def __attrs_post_init__(self) -> None:
        """Cap answer sizes; keep keys and request lines out of urllib3's output."""
        logsafety.install()
        bound(self.session, self.settings.max_response_bytes)

    def driving_metres(self, query: DistanceQuery) -> int | None:
        """The driving distance in metres, or None when there is no route."""
        raise NotImplementedError

    def ping(self) -> None:
        """One short route: proves reachability and the key."""
        self.driving_metres(PING)


@attrs.define
class GoogleDirectionsDistanceCalculator(_GoogleCalculator):
    """The original's call: GET Directions with origin, destination and key."""

    def driving_metres(self, query: DistanceQuery) -> int | None:
        """routes[0].legs[0].distance.value, or None when there is no route."""
        body = _call(
            self.session,
            "Directions API",
            "GET",
            self.settings.url,
            params={
                "origin": query.origin,
                "destination": query.destination,
                "key": self.settings.api_key,
            },
            timeout=self.settings.timeout.total_seconds(),
        )
        status = str(body.get("status", "")) if isinstance(body, dict) else ""
        if status in _NO_ROUTE:
            return None
        if status in _TRANSIENT:
            raise DistanceUnavailableError(f"Directions API status {status}")
        if status != "OK":
            raise DistanceRejectedError(f"Directions API status {status[:40]}")
        try:
            metres = int(body["routes"][0]["legs"][0]["distance"]["value"])
        except (KeyError, IndexError, TypeError, ValueError):
            return None  # the original: a missing path gives no distance
        return metres or None


def _top_level_status(body: Any, api: str) -> None:  # noqa: ANN401 - JSON
    status = str(body.get("status", "")) if isinstance(body, dict) else ""
    if status in _TRANSIENT:
        raise DistanceUnavailableError(f"{api} status {status}")
    if status != "OK":
        raise DistanceRejectedError(f"{api} status {status[:40]}")


@attrs.define
class GoogleDistanceMatrixDistanceCalculator(_GoogleCalculator):
    """The legacy Distance Matrix API: one origin, one destination, driving, metric."""

    def driving_metres(self, query: DistanceQuery) -> int | None:
        """rows[0].elements[0].distance.value, or None when there is no route."""
        body = _call(
            self.session,
            "Distance Matrix API",
            "GET",
            self.settings.url,
            params={
                "origins": query.origin,
                "destinations": query.destination,
                "mode": "driving",
                "units": "metric",
                "key": self.settings.api_key,
            },
            timeout=self.settings.timeout.total_seconds(),
        )
        _top_level_status(body, "Distance Matrix API")
        try:
            element = body["rows"][0]["elements"][0]
            if element.get("status") != "OK":
                return None
            metres = int(element["distance"]["value"])
        except (KeyError, IndexError, TypeError, ValueError, AttributeError):
            return None
        return metres or None


@attrs.define
class GoogleRoutesDistanceCalculator(_GoogleCalculator):
    """The Routes API route matrix, one origin and one destination, key in a header."""

    def driving_metres(self, query: DistanceQuery) -> int | None:
        """The single element's distanceMeters, or None if there is no route."""
        body = _call(
            self.session,
            "Routes API",
            "POST",
            self.settings.url,
            json={
                "origins": [{"waypoint": {"address": query.origin}}],
                "destinations": [{"waypoint": {"address": query.destination}}],
                "travelMode": "DRIVE",
                "regionCode": "gb",
            },
            headers={
                "X-Goog-Api-Key": self.settings.api_key,
                "X-Goog-FieldMask": FIELD_MASK,
            },
            timeout=self.settings.timeout.total_seconds(),
        )
        if (
            not isinstance(body, list)
            or len(body) != 1
            or not isinstance(body[0], dict)
        ):
            raise DistanceUnavailableError("Routes API answer is not one element")
        element = body[0]
        code = int((element.get("status") or {}).get("code", 0))
        if code in _ELEMENT_NO_ROUTE:
            return None
        if code in _ELEMENT_TRANSIENT:
            raise DistanceUnavailableError(f"Routes API element status {code}")
        if code:
            raise DistanceRejectedError(f"Routes API element status {code}")
        if element.get("condition") != "ROUTE_EXISTS":
            return None
        return int(element.get("distanceMeters", 0)) or None
