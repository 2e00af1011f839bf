"""uvicorn, with a deadline for request headers that it does not have on its own.

uvicorn times out idle keep-alive connections but lets a client take forever over its
request line and headers, so each slow-loris connection would be held until the
client gave up. The protocol below closes a connection whose headers are not complete
within `header_timeout` of its opening (or of its previous response).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from hmpps_workers.runners.logging import JsonFormatter
from hmpps_workers.runners.prison_to_probation.http_api.middleware import (
    configure_access_log,
)
from hmpps_workers.runners.prison_to_probation.http_api.settings import HttpSettings

log = logging.getLogger(__name__)


class HeaderDeadlineProtocol(HttpToolsProtocol):
    """httptools' protocol, closing connections whose headers come too slowly."""

    header_timeout: float = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.header_timeout, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            log.info("closing a connection whose headers did not arrive in time")
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the clock for the first request's headers."""
        super().connection_made(transport)
        self._arm()

    def on_message_begin(self) -> None:
        """A further request on a kept-alive connection: the clock again."""
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        """Headers in: the application's turn."""
        self._disarm()
        super().on_headers_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        """Nothing left to time."""
        self._disarm()
        super().connection_lost(exc)


def protocol(header_timeout: float) -> type[HeaderDeadlineProtocol]:
    """The protocol class with this deadline."""
    return type(
        "HeaderDeadline", (HeaderDeadlineProtocol,), {"header_timeout": header_timeout}
    )


def config(app: Any, settings: HttpSettings, **overrides: Any) -> uvicorn.Config:  # noqa: ANN401
    """The server's configuration: limits from `settings`, no access log of its own."""
    values: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "http": protocol(settings.header_timeout.total_seconds()),
        "limit_concurrency": settings.max_connections,
        "backlog": 2048,
        "timeout_keep_alive": int(settings.keep_alive.total_seconds()),
        "timeout_graceful_shutdown": 5,
        "h11_max_incomplete_event_size": 16 * 1024,
        "access_log": False,  # ours leaves out the query string
        "log_config": None,  # the runner's JSON logging
        "server_header": False,
        "lifespan": "on",
        **overrides,
    }
    return uvicorn.Config(app, **values)


def serve(app: Any, settings: HttpSettings) -> None:  # noqa: ANN401
    """Serve until SIGTERM or SIGINT, then shut down cleanly and return.

    uvicorn re-raises the signal it caught once it has shut down, so the caller
    installs a handler first (`on_stop`) that lets the process end normally.
    """
    root = logging.getLogger().handlers
    configure_access_log(
        as_json=any(isinstance(h.formatter, JsonFormatter) for h in root)
    )
    server = uvicorn.Server(config(app, settings))
    server.run()
    if not server.started:
        raise SystemExit(1)
