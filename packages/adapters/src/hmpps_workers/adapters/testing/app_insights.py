"""A fake Application Insights ingestion endpoint that keeps every envelope it gets.

Point a connection string's `IngestionEndpoint` at it (`connection_string`). It takes
what the exporters post to `/v2.1/track` and `/v2/track` (a JSON array or newline
JSON, gzip or not) and answers as the service does, with the counts accepted.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Callable
from typing import Any

from hmpps_workers.adapters.testing.http import FakeServer, Request, Response

INSTRUMENTATION_KEY = "00000000-0000-4000-8000-000000000018"
TRACK_PATHS = ("/v2.1/track", "/v2/track")


def _items(body: bytes) -> list[dict[str, Any]]:
    text = body.decode().strip()
    if not text:
        return []
    if text.startswith("["):
        loaded = json.loads(text)
        return [item for item in loaded if isinstance(item, dict)]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


class FakeAppInsights(FakeServer):
    """Records envelopes; `events`, `requests_` and `dependencies` filter them."""

    name = "app-insights"

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0) -> None:
        """Bind on loopback; nothing has arrived yet."""
        super().__init__(host=host, port=port)
        self.envelopes: list[dict[str, Any]] = []
        self.bodies: list[bytes] = []
        self._arrived = threading.Condition()

    @property
    def connection_string(self) -> str:
        """A connection string whose ingestion endpoint is this fake."""
        return (
            f"InstrumentationKey={INSTRUMENTATION_KEY};"
            f"IngestionEndpoint={self.url}/;LiveEndpoint={self.url}/"
        )

    def handle(self, request: Request) -> Response:
        """Accept a batch of telemetry, as the ingestion service does."""
        if request.method != "POST" or request.path not in TRACK_PATHS:
            return Response.json(404, {"error": "not an ingestion path"})
        body = request.body
        if request.headers.get("content-encoding", "").lower() == "gzip":
            body = gzip.decompress(body)
        try:
            items = _items(body)
        except (ValueError, UnicodeDecodeError):
            return Response.json(400, {"error": "not JSON"})
        with self._arrived:
            self.bodies.append(body)
            self.envelopes.extend(items)
            self._arrived.notify_all()
        return Response.json(
            200,
            {"itemsReceived": len(items), "itemsAccepted": len(items), "errors": []},
        )

    def of_type(self, base_type: str) -> list[dict[str, Any]]:
        """The envelopes of one kind: EventData, RequestData, RemoteDependencyData..."""
        with self._arrived:
            return [e for e in self.envelopes if e["data"]["baseType"] == base_type]

    def events(self, name: str | None = None) -> list[dict[str, Any]]:
        """Custom events (all, or those called `name`), as their baseData."""
        found = [e["data"]["baseData"] for e in self.of_type("EventData")]
        return [e for e in found if name is None or e["name"] == name]

    def wait_for(
        self, check: Callable[[FakeAppInsights], bool], timeout: float = 30
    ) -> bool:
        """Wait until `check(self)` holds (True) or the time is up (False)."""
        with self._arrived:
            return self._arrived.wait_for(lambda: check(self), timeout=timeout)

    def everything(self) -> str:
        """Every body received, as one text: what the personal-data scan reads."""
        with self._arrived:
            return "\n".join(body.decode() for body in self.bodies)
