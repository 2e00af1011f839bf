"""One ASGI layer around the application: probes, limits, metrics and the access log.

Plain ASGI rather than Starlette's BaseHTTPMiddleware, so it costs a few microseconds
per request. The Kubernetes probes (`/health/ping`, liveness, readiness) are answered
here, before the in-flight limit: a pod busy with reports must not fail its liveness
probe and be restarted for it, and a probe needs no routing, parameters or security
(the application's routes for them stay, for the OpenAPI document). Past
`max_in_flight` requests it answers 503 (the server's own limit counts connections),
refuses bodies over `max_body_bytes` with 413, counts and times every request by route
template and status, and logs one JSON line per request: method, route template,
status and duration. The path's values and the query string are never logged, nor any
header (the token stays out).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

import attrs
from prometheus_client import CollectorRegistry, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("hmpps_workers.runners.prison_to_probation.access")

UNMATCHED = "unmatched"
_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


_JSON = (b"content-type", b"application/json")
_UP: Message = {"type": "http.response.start", "status": 200,
                "headers": [_JSON, (b"content-length", b"15")]}  # fmt: skip
_DOWN: Message = {"type": "http.response.start", "status": 503,
                  "headers": [_JSON, (b"content-length", b"17")]}  # fmt: skip
_UP_BODY: Message = {"type": "http.response.body", "body": b'{"status":"UP"}'}
_DOWN_BODY: Message = {"type": "http.response.body", "body": b'{"status":"DOWN"}'}


@attrs.frozen
class _Template:
    path: str


class BodyTooLargeError(Exception):
    """The request body went past the cap while being read."""


def request_histogram(registry: CollectorRegistry) -> Histogram:
    """Spring's `http_server_requests_seconds`, by method, route template and status."""
    return Histogram(
        "http_server_requests_seconds",
        "HTTP requests by method, route template and status",
        ["method", "uri", "status"],
        buckets=_BUCKETS,
        registry=registry,
    )


async def _answer(send: Send, status: int, user: str) -> None:
    body = json.dumps(
        {"status": status, "errorCode": None, "userMessage": user,
         "developerMessage": user, "moreInfo": None}
    ).encode()  # fmt: skip
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    if status == 503:  # noqa: PLR2004 - busy
        headers.append((b"retry-after", b"1"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _declared_length(scope: Scope) -> int:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 0
    return 0


@attrs.define
class Observed:
    """The outermost layer of the application."""

    app: ASGIApp
    requests: Histogram
    max_in_flight: int = 64
    max_body_bytes: int = 16 * 1024
    probes: Mapping[str, Callable[[], bool]] = attrs.field(factory=dict)
    in_flight: int = 0
    _children: dict[tuple[str, str, int], Any] = attrs.field(factory=dict)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Limit, run, then count and log."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        state: dict[str, Any] = {"status": 500, "started": False, "read": 0}

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                state["started"] = True
            await send(message)

        async def receiving() -> Message:
            message = await receive()
            state["read"] += len(message.get("body", b""))
            if state["read"] > self.max_body_bytes:
                raise BodyTooLargeError
            return message

        probe = self.probes.get(scope["path"]) if scope["method"] == "GET" else None
        if probe is not None:
            scope["route"] = _Template(scope["path"])
            up = probe()
            await sending(_UP if up else _DOWN)
            await sending(_UP_BODY if up else _DOWN_BODY)
            self._record(scope, state["status"], time.perf_counter() - start)
            return
        try:
            await self._limited(scope, receiving, sending)
        except BodyTooLargeError:
            if not state["started"]:
                await _answer(sending, 413, "The request body is too large")
        except Exception:  # noqa: BLE001 - logged by the error handler already
            state["status"] = 500
        finally:
            self._record(scope, state["status"], time.perf_counter() - start)

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.in_flight >= self.max_in_flight:
            await _answer(send, 503, "Too many requests in progress")
        elif _declared_length(scope) > self.max_body_bytes:
            await _answer(send, 413, "The request body is too large")
        else:
            self.in_flight += 1
            try:
                await self.app(scope, receive, send)
            finally:
                self.in_flight -= 1

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        route = scope.get("route")
        uri = getattr(route, "path", UNMATCHED)
        method = scope.get("method", "")
        key = (method, uri, status)
        child = self._children.get(key)
        if child is None:
            child = self.requests.labels(method=method, uri=uri, status=str(status))
            self._children[key] = child
        child.observe(seconds)
        if _direct is not None:
            _direct(method, uri, status, seconds)
        elif log.isEnabledFor(logging.INFO):
            log.info(
                "request",
                extra={
                    "method": method,
                    "route": uri,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 3),
                },
            )


@attrs.define
class JsonAccessLine:
    """The access line written straight to a stream as JSON, past `logging`.

    Its fields are a method, a route template, a status and a duration, none of
    which can carry personal data, so it skips the redaction pass and the record
    machinery of `logging`, which cost more than the request itself on /health/ping.
    The timestamp is formatted once a second.
    """

    stream: Any
    _second: int = -1
    _stamp: str = ""

    def __call__(self, method: str, route: str, status: int, seconds: float) -> None:
        """Write one line."""
        now = time.time()
        if int(now) != self._second:
            self._second = int(now)
            self._stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now))
        self.stream.write(
            f'{{"time":"{self._stamp}.{int(now % 1 * 1000):03d}+00:00",'
            f'"level":"INFO","logger":"{log.name}","message":"request",'
            f'"method":{json.dumps(method)},"route":{json.dumps(route)},'
            f'"status":{status},"duration_ms":{seconds * 1000:.3f}}}\n'
        )


def configure_access_log(*, as_json: bool) -> None:
    """In JSON logging, write access lines directly (when INFO is on for them)."""
    global _direct  # noqa: PLW0603 - set once at start-up
    _direct = (
        JsonAccessLine(sys.stderr)
        if as_json and log.isEnabledFor(logging.INFO)
        else None
    )


_direct: JsonAccessLine | None = None
