"""One ASGI layer around the application: limits, metrics and the access log.

Plain ASGI rather than Starlette's BaseHTTPMiddleware, so it costs a few microseconds
per request. It refuses work past `max_in_flight` with 503 (the server's own limit
counts connections, this one requests), refuses bodies over `max_body_bytes` with 413,
counts and times every request by route template and status, and logs one JSON line
per request: method, route template, status and duration. The path's values and the
query string are never logged, nor any header (the token stays out).
"""

from __future__ import annotations

import json
import logging
import time
from typing import Any

import attrs
from prometheus_client import CollectorRegistry, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("hmpps_workers.runners.prison_to_probation.access")

UNMATCHED = "unmatched"
_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)


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
    in_flight: int = 0

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
        self.requests.labels(method=method, uri=uri, status=str(status)).observe(
            seconds
        )
        log.info(
            "request",
            extra={
                "method": method,
                "route": uri,
                "status": status,
                "duration_ms": round(seconds * 1000, 3),
            },
        )
