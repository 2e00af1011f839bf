"""A fake Google distance service: Directions, Distance Matrix and Routes APIs.

Distances follow `distance_rule` (known pairs, NO_ROUTE, else a stable hash). The key
is checked where each API expects it (query string, `X-Goog-Api-Key` header), and each
API's refusals take its own shape: Directions answers 200 with a status field, Routes
answers HTTP errors in google.rpc form.
"""

from __future__ import annotations

import secrets
from typing import Any

from hmpps_workers.adapters.testing.http import FakeServer, Request, Response
from hmpps_workers.core.testing.distance import distance_rule

DIRECTIONS_PATH = "/maps/api/directions/json"
DISTANCE_MATRIX_PATH = "/maps/api/distancematrix/json"
ROUTES_PATH = "/distanceMatrix/v2:computeRouteMatrix"


def _rpc_error(status: int, name: str, message: str) -> Response:
    return Response.json(
        status, {"error": {"code": status, "message": message, "status": name}}
    )


def _leg(metres: int) -> dict[str, Any]:
    return {"distance": {"text": f"{metres / 1000:.1f} km", "value": metres}}


class FakeDistance(FakeServer):
    """Both Google APIs at `directions_url` and `routes_url`, one key."""

    name = "distance"

    def __init__(
        self, *, api_key: str | None = None, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        """A fake accepting `api_key` (random if not given)."""
        super().__init__(host=host, port=port)
        self.api_key = api_key or "fake-" + secrets.token_urlsafe(16)

    @property
    def directions_url(self) -> str:
        """The URL for APVS_DISTANCE_CALCULATION_DIRECTIONS_API_URL."""
        return self.url + DIRECTIONS_PATH

    @property
    def distance_matrix_url(self) -> str:
        """The URL for the legacy Distance Matrix API."""
        return self.url + DISTANCE_MATRIX_PATH

    @property
    def routes_url(self) -> str:
        """The URL for the Routes API route matrix."""
        return self.url + ROUTES_PATH

    def handle(self, request: Request) -> Response:
        """Route to the API asked for."""
        if request.method == "GET" and request.path == DIRECTIONS_PATH:
            return self._directions(request)
        if request.method == "GET" and request.path == DISTANCE_MATRIX_PATH:
            return self._distance_matrix(request)
        if request.method == "POST" and request.path == ROUTES_PATH:
            return self._routes(request)
        return _rpc_error(404, "NOT_FOUND", "Not found")

    def _directions(self, request: Request) -> Response:
        failure = self.take_failure()
        if failure == "server-error":
            return Response(status=500, body=b"<html>Server Error</html>")
        if failure == "quota":
            return Response.json(200, {"status": "OVER_QUERY_LIMIT", "routes": []})
        if failure == "denied" or request.param("key") != self.api_key:
            return Response.json(
                200,
                {
                    "status": "REQUEST_DENIED",
                    "error_message": "The provided API key is invalid.",
                    "routes": [],
                },
            )
        origin, destination = request.param("origin"), request.param("destination")
        if not origin or not destination:
            return Response.json(200, {"status": "INVALID_REQUEST", "routes": []})
        metres = distance_rule(origin, destination)
        if metres is None:
            return Response.json(200, {"status": "NOT_FOUND", "routes": []})
        return Response.json(
            200, {"status": "OK", "routes": [{"legs": [_leg(metres)]}]}
        )

    def _distance_matrix(self, request: Request) -> Response:
        failure = self.take_failure()
        if failure == "server-error":
            return Response(status=500, body=b"<html>Server Error</html>")
        if failure == "quota":
            return Response.json(200, {"status": "OVER_QUERY_LIMIT", "rows": []})
        if failure == "denied" or request.param("key") != self.api_key:
            return Response.json(
                200,
                {
                    "status": "REQUEST_DENIED",
                    "error_message": "The provided API key is invalid.",
                    "rows": [],
                },
            )
        origins = (request.param("origins") or "").split("|")
        destinations = (request.param("destinations") or "").split("|")
        if not all(origins) or not all(destinations):
            return Response.json(200, {"status": "INVALID_REQUEST", "rows": []})
        rows = []
        for origin in origins:
            elements: list[dict[str, Any]] = []
            for destination in destinations:
                metres = distance_rule(origin, destination)
                elements.append(
                    {"status": "NOT_FOUND"}
                    if metres is None
                    else {"status": "OK", **_leg(metres)}
                )
            rows.append({"elements": elements})
        return Response.json(
            200,
            {
                "status": "OK",
                "origin_addresses": origins,
                "destination_addresses": destinations,
                "rows": rows,
            },
        )

    def _routes(self, request: Request) -> Response:
        failure = self.take_failure()
        if failure == "server-error":
            return _rpc_error(500, "INTERNAL", "Internal error encountered.")
        if failure == "quota":
            return _rpc_error(429, "RESOURCE_EXHAUSTED", "Quota exceeded.")
        if failure == "denied" or request.headers.get("x-goog-api-key") != self.api_key:
            return _rpc_error(
                403, "PERMISSION_DENIED", "The request is missing a valid API key."
            )
        if not request.headers.get("x-goog-fieldmask"):
            return _rpc_error(
                400, "INVALID_ARGUMENT", "FieldMask is a required parameter"
            )
        try:
            body = request.json()
            origins = [o["waypoint"]["address"] for o in body["origins"]]
            destinations = [d["waypoint"]["address"] for d in body["destinations"]]
        except (ValueError, KeyError, TypeError):
            return _rpc_error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.")
        elements = []
        for i, origin in enumerate(origins):
            for j, destination in enumerate(destinations):
                metres = distance_rule(origin, destination)
                element: dict[str, Any] = {
                    "originIndex": i,
                    "destinationIndex": j,
                    "status": {},
                }
                if metres is None:
                    element["condition"] = "ROUTE_NOT_FOUND"
                else:
                    element.update(condition="ROUTE_EXISTS", distanceMeters=metres)
                elements.append(element)
        return Response.json(200, elements)
