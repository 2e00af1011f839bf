"""Moto's server on loopback with DynamoDB's per-item atomicity, for tests and the demo.

DynamoDB applies each write to an item atomically, so of two conditional writes
racing for one item at most one passes its condition. moto's threaded server
checks the condition and writes in each request's own thread with no lock between,
so two could both pass: two `p2p serve` processes then held `scheduleLock` together
for ~40 ms (the two-service e2e test's overlap; 32 of 400 four-way rounds on moto's
own `ThreadedMotoServer`). Every moto this project starts (the test tiers'
`support.aws`, the fakes bundle behind the demo and the `fakes` command) is this one.
moto is the `testing` extra's; nothing here imports it until a server starts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Self

import attrs


class OneDynamoDbRequestAtATime:
    """WSGI middleware: moto's DynamoDB takes one request at a time.

    The other services (SQS long polls above all) keep their threads.
    """

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        """Wrap moto's WSGI application."""
        self.app = app
        self.lock = threading.Lock()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        """Serve a DynamoDB request under the lock, the body read in full inside."""
        if not environ.get("HTTP_X_AMZ_TARGET", "").startswith("DynamoDB_"):
            return self.app(environ, start_response)
        with self.lock:
            answer = self.app(environ, start_response)
            try:
                return [b"".join(answer)]
            finally:
                close = getattr(answer, "close", None)
                if close is not None:
                    close()


@attrs.define
class MotoServer:
    """Moto's server (every service) on `host`, a free port unless given one."""

    host: str = "127.0.0.1"
    port: int = 0
    _server: Any = attrs.field(init=False, default=None)
    _thread: threading.Thread | None = attrs.field(init=False, default=None)

    @property
    def url(self) -> str:
        """Where it answers, once started."""
        if self._server is None:
            msg = "the moto server is not started"
            raise RuntimeError(msg)
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> Self:
        """Bind and serve in a daemon thread; requests are answered from here on."""
        from moto.moto_server import werkzeug_app  # noqa: PLC0415 - testing extra
        from werkzeug.serving import make_server  # noqa: PLC0415 - moto's

        app = werkzeug_app.DomainDispatcherApplication(werkzeug_app.create_backend_app)
        self._server = make_server(
            self.host,
            self.port,
            OneDynamoDbRequestAtATime(app),
            threaded=True,
            request_handler=werkzeug_app.MotoRequestHandler,
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        if self._server is None:
            return
        self._server.shutdown()
        if self._thread is not None:
            self._thread.join()
        self._server.server_close()
        self._server = self._thread = None


@contextmanager
def moto_server(host: str = "127.0.0.1") -> Iterator[str]:
    """Moto's server on a free port of `host` while the block runs; yields its URL."""
    server = MotoServer(host=host).start()
    try:
        yield server.url
    finally:
        server.stop()
