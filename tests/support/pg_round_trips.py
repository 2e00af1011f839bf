"""A loopback proxy in front of PostgreSQL that counts the client's round trips.

It relays bytes both ways unchanged and reads the frontend protocol's message types
on the way in. A round trip is a message after which the client waits for the
server: a simple Query ('Q', psycopg's BEGIN and COMMIT outside a pipeline), a Sync
('S', the end of every extended-protocol statement outside a pipeline, and each
pipeline sync point) or a Flush ('H', a pipeline's request for answers so far) that
does not follow a Sync (psycopg sends both when it leaves a pipeline: one wait).
Point the engine at `url` with `sslmode=disable` (the proxy reads plain messages).
"""

from __future__ import annotations

import selectors
import socket
import struct
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import attrs
import sqlalchemy as sa

WAITS_FOR_ANSWER = frozenset(b"QSH")
SYNC, FLUSH = b"S"[0], b"H"[0]
_UNTYPED_REQUESTS = (80877103, 80877104)  # SSLRequest, GSSENCRequest


@attrs.define
class _ClientStream:
    """Splits one client's bytes into protocol messages and counts round trips."""

    counter: RoundTrips
    buffer: bytearray = attrs.field(factory=bytearray)
    started: bool = False
    previous: int = 0

    def feed(self, data: bytes) -> None:
        """Take the client's next bytes; count each whole message that waits."""
        self.buffer += data
        while True:
            if not self.started:
                if len(self.buffer) < 8:
                    return
                length, code = struct.unpack("!ii", self.buffer[:8])
                if len(self.buffer) < length:
                    return
                del self.buffer[:length]
                self.started = code not in _UNTYPED_REQUESTS
                continue
            if len(self.buffer) < 5:
                return
            kind = self.buffer[0]
            (length,) = struct.unpack("!i", self.buffer[1:5])
            if len(self.buffer) < 1 + length:
                return
            del self.buffer[: 1 + length]
            # A Flush straight after a Sync asks for answers the Sync already
            # awaits (psycopg's pipeline exit, its executemany): one wait.
            if kind in WAITS_FOR_ANSWER and (kind, self.previous) != (FLUSH, SYNC):
                self.counter.add()
            self.previous = kind


@attrs.define
class RoundTrips:
    """Round trips seen by the proxy, counted only while `counting`.

    Each is also counted under `bucket()` at the time (the claims bench's task
    type): the proxy counts a message before passing it on, so before the client
    can have its answer and move on.
    """

    url: sa.URL
    seen: int = 0
    counting: bool = False
    bucket: Callable[[], str] = lambda: ""
    by_bucket: Counter[str] = attrs.field(factory=Counter)
    _lock: threading.Lock = attrs.field(factory=threading.Lock)

    def add(self) -> None:
        """One more message the client waits on."""
        with self._lock:
            if self.counting:
                self.seen += 1
                self.by_bucket[self.bucket()] += 1

    @contextmanager
    def count(self) -> Iterator[None]:
        """Count from zero inside the block."""
        self.seen, self.counting = 0, True
        try:
            yield
        finally:
            self.counting = False


def _relay(client: socket.socket, target: tuple[str, int], stream: _ClientStream):
    server = socket.create_connection(target)
    for end in (client, server):  # relay each write at once, as the client sent it
        end.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    selector = selectors.DefaultSelector()
    selector.register(client, selectors.EVENT_READ, server)
    selector.register(server, selectors.EVENT_READ, client)
    try:
        while True:
            for key, _ in selector.select():
                source: socket.socket = key.fileobj  # type: ignore[assignment]
                data = source.recv(65536)
                if not data:
                    return
                if source is client:
                    stream.feed(data)
                key.data.sendall(data)
    except OSError:
        return
    finally:
        selector.close()
        client.close()
        server.close()


@contextmanager
def round_trip_proxy(url: sa.URL) -> Iterator[RoundTrips]:
    """A proxy to the server of `url`; yields the counter with the proxied URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    target = (url.host or "127.0.0.1", url.port or 5432)
    proxied = url.set(port=listener.getsockname()[1]).update_query_dict(
        {"sslmode": "disable", "gssencmode": "disable"}
    )
    counter = RoundTrips(url=proxied)
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(
                target=_relay,
                args=(client, target, _ClientStream(counter)),
                daemon=True,
            ).start()

    acceptor = threading.Thread(target=accept, daemon=True)
    acceptor.start()
    try:
        yield counter
    finally:
        stop.set()
        acceptor.join(5)
        listener.close()
