"""The loopback fakes answer like real servers: no Nagle stall on kept-alive replies."""

from __future__ import annotations

from hmpps_workers.adapters.testing.http import FakeServer, Request, Response


class _Ok(FakeServer):
    def handle(self, request: Request) -> Response:
        del request
        return Response.json(200, {"ok": True})


def test_replies_go_out_without_waiting_for_the_clients_ack() -> None:
    """The handler sets TCP_NODELAY on every connection it serves."""
    # Headers and body are two writes; with Nagle on, the body waited ~40 ms for the
    # client's delayed ACK on every reply of a kept-alive connection.
    fake = _Ok()
    try:
        handler = fake._server.RequestHandlerClass
        assert handler.disable_nagle_algorithm is True
    finally:
        fake._server.server_close()
