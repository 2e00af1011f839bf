"""Fake prison-api, probation-offender-search and community-api, driven by stubs.

Stubs are WireMock mappings, the format of the original's own test data, so the
shared fixtures load as they are; `stub` adds one in code. The most recent matching
stub answers (as in WireMock). Every call needs a token the fake Auth issued, pings
excepted; every request is recorded for assertions.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import attrs

from hmpps_workers.adapters.testing.hmpps_auth import FakeHmppsAuth
from hmpps_workers.adapters.testing.http import FakeServer, Request, Response

PING = "/health/ping"
OVERSIZED_BYTES = 2 * 1024 * 1024

# What `fail_next` can inject: the ways a real API or its gateway misbehaves.
FAILURES: dict[str, Response] = {
    "server-error": Response.json(500, {"status": 500, "userMessage": "failure"}),
    "unavailable": Response(
        status=503, body=b"<html><body>503 Service Unavailable</body></html>",
        content_type="text/html",
    ),
    "slow": Response(status=200, body=b"{}", delay=30.0),
    "html": Response(
        status=200, body=b"<!DOCTYPE html><html><body>Sign in</body></html>",
        content_type="text/html",
    ),
    "truncated": Response(status=200, body=b'{"bookingId": 12, "bookingNo": "3'),
    "oversized": Response(
        status=200, body=b'{"padding": "' + b"x" * OVERSIZED_BYTES + b'"}'
    ),
}  # fmt: skip


@attrs.frozen(kw_only=True)
class Stub:
    """One canned answer: method and `urlPath`, or `url` with its query string."""

    method: str
    path: str
    query: str | None = None
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"

    @classmethod
    def from_wiremock(cls, mapping: Mapping[str, Any]) -> Stub:
        """From a WireMock mapping (`request`/`response`, jsonBody or body)."""
        request, response = mapping["request"], mapping["response"]
        path, query = request.get("urlPath"), None
        if path is None:
            path, _, query = str(request["url"]).partition("?")
        if "jsonBody" in response:
            body = json.dumps(response["jsonBody"]).encode()
        else:
            body = str(response.get("body", "")).encode()
        headers = response.get("headers") or {}
        return cls(
            method=str(request.get("method", "ANY")).upper(),
            path=str(path),
            query=query or None,
            status=int(response.get("status", 200)),
            body=body,
            content_type=str(headers.get("Content-Type", "application/json")),
        )

    def matches(self, request: Request) -> bool:
        """Method and path match, and the whole query when the stub names one."""
        if self.method not in {"ANY", request.method} or self.path != request.path:
            return False
        if self.query is None:
            return True
        flat = [(k, v) for k, values in request.query.items() for v in values]
        return sorted(flat) == sorted(_pairs(self.query))


def _pairs(query: str) -> list[tuple[str, str]]:
    return [tuple(part.split("=", 1)) for part in query.split("&") if part]  # type: ignore[misc]


class FakeHmppsApi(FakeServer):
    """An HMPPS API answering from stubs, checking tokens against the fake Auth."""

    name = "hmpps-api"

    def __init__(
        self, *, auth: FakeHmppsAuth | None, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        """With `auth` None, any bearer token is accepted."""
        super().__init__(host=host, port=port)
        self.auth = auth
        self.stubs: list[Stub] = []

    def stub(
        self,
        method: str,
        path: str,
        *,
        status: int = 200,
        json_body: object = None,
        text: str | None = None,
        query: Mapping[str, str] | None = None,
    ) -> None:
        """Answer `method path` with `status` and a JSON (or text) body."""
        body = text.encode() if text is not None else json.dumps(json_body).encode()
        self.stubs.append(
            Stub(
                method=method,
                path=path,
                query=urlencode(query) if query else None,
                status=status,
                body=body,
                content_type="text/plain" if text is not None else "application/json",
            )
        )

    def load_wiremock(self, paths: Iterable[Path]) -> None:
        """Add every mapping file (a directory's `*.json`, or single files)."""
        for path in paths:
            files = sorted(path.glob("*.json")) if path.is_dir() else [path]
            for file in files:
                self.stubs.append(Stub.from_wiremock(json.loads(file.read_text())))

    def calls(
        self, method: str | None = None, path: str | None = None
    ) -> list[Request]:
        """Recorded requests other than pings, filtered by method and path."""
        return [
            r
            for r in self.requests
            if r.path != PING and method in {None, r.method} and path in {None, r.path}
        ]

    def _authorised(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        if not header.startswith("Bearer "):
            return False
        return self.auth is None or self.auth.verifies(header.removeprefix("Bearer "))

    def handle(self, request: Request) -> Response:
        """Ping, then the token check, queued failures, and the stubs."""
        if request.path == PING:
            if self.take_failure() == "ping-down":
                return Response.json(503, {"status": "DOWN"})
            return Response(status=200, body=b"pong", content_type="text/plain")
        if not self._authorised(request):
            return Response.json(401, {"status": 401, "userMessage": "unauthorised"})
        failure = self.take_failure()
        if failure is not None and failure in FAILURES:
            return FAILURES[failure]
        for stub in reversed(self.stubs):
            if stub.matches(request):
                return Response(
                    status=stub.status, body=stub.body, content_type=stub.content_type
                )
        return Response.json(404, {"status": 404, "userMessage": "not found"})


class FakePrisonApiServer(FakeHmppsApi):
    """prison-api."""

    name = "prison-api"


class FakeOffenderSearchServer(FakeHmppsApi):
    """probation-offender-search."""

    name = "offender-search"


class FakeCommunityApiServer(FakeHmppsApi):
    """community-api."""

    name = "community-api"
