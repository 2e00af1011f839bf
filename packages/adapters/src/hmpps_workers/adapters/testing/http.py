"""A small threaded HTTP server for the fakes: parse, dispatch, answer, fail.

Every fake shares two failures: `oversized` (a body over `OVERSIZED_BYTES` with its
Content-Length) and `oversized-unsized` (the same without one, ended by closing the
connection), for the clients' size caps; either answers the next request of any kind.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

import attrs

log = logging.getLogger(__name__)

OVERSIZED_BYTES = 2 * 1024 * 1024 + 1
_OVERSIZED = frozenset({"oversized", "oversized-unsized"})


@attrs.frozen(kw_only=True)
class Request:
    """An HTTP request as the fake saw it; header names are lower-case."""

    method: str
    path: str
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]
    body: bytes = attrs.field(repr=False)

    def json(self) -> Any:  # noqa: ANN401 - JSON is any shape
        """The body as JSON."""
        return json.loads(self.body or b"null")

    def param(self, name: str) -> str | None:
        """The first query-string value of `name`."""
        values = self.query.get(name)
        return values[0] if values else None


@attrs.frozen(kw_only=True)
class Response:
    """What the fake answers."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    delay: float = 0.0
    sized: bool = True  # False: no Content-Length; the body ends when we close

    @classmethod
    def json(cls, status: int, payload: object) -> Response:
        """A JSON response."""
        return cls(status=status, body=json.dumps(payload).encode())


class FakeServer:
    """Base class: subclasses implement `handle`; use as a context manager."""

    name = "fake"

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0) -> None:
        """Bind now (port 0 picks a free one); serve once started."""
        self._lock = threading.Lock()
        self._failures: list[str] = []
        self._stop = threading.Event()
        self.requests: list[Request] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out as two writes: with Nagle's algorithm on, the
            # body waited for the client's delayed ACK, ~40 ms a reply on a kept-alive
            # connection (real servers set TCP_NODELAY too).
            disable_nagle_algorithm = True

            def _dispatch(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                split = urlsplit(self.path)
                request = Request(
                    method=self.command,
                    path=split.path,
                    query=parse_qs(split.query),
                    headers={k.lower(): v for k, v in self.headers.items()},
                    body=self.rfile.read(length) if length else b"",
                )
                with fake._lock:
                    fake.requests.append(request)
                try:
                    response = fake.oversized() or fake.handle(request)
                except Exception:
                    log.exception("fake %s crashed", fake.name)
                    response = Response.json(500, {"error": "fake crashed"})
                if response.delay and fake._stop.wait(response.delay):
                    return
                self.send_response(response.status)
                self.send_header("Content-Type", response.content_type)
                if response.sized:
                    self.send_header("Content-Length", str(len(response.body)))
                else:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()
                self.wfile.write(response.body)

            do_GET = do_POST = do_PUT = do_DELETE = _dispatch

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                del format, args  # request lines carry personal data and keys

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The base URL, `http://127.0.0.1:<port>`."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fake-{self.name}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and free the port."""
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Self:
        """Start."""
        return self.start()

    def __exit__(self, *exc: object) -> None:
        """Stop."""
        self.stop()

    def fail_next(self, failure: str, *, times: int = 1) -> None:
        """Answer the next `times` matching requests with this failure."""
        with self._lock:
            self._failures.extend([failure] * times)

    def heal(self) -> None:
        """Forget every queued failure: the service is back."""
        with self._lock:
            self._failures.clear()

    def take_failure(self) -> str | None:
        """The next queued failure, if any (subclasses call this)."""
        with self._lock:
            return self._failures.pop(0) if self._failures else None

    def oversized(self) -> Response | None:
        """An oversized answer if one is queued next (taking it), else None."""
        with self._lock:
            if not self._failures or self._failures[0] not in _OVERSIZED:
                return None
            failure = self._failures.pop(0)
        return Response(
            status=200,
            body=b" " * OVERSIZED_BYTES,
            sized=failure == "oversized",
        )

    def handle(self, request: Request) -> Response:
        """Answer `request`; subclasses override."""
        raise NotImplementedError
