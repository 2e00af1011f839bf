"""Slow and idle clients cannot hold the service: 400 slow-loris connections."""

from __future__ import annotations

import socket
from contextlib import ExitStack
from datetime import timedelta
from urllib.parse import urlsplit

import attrs
import httpx

from hmpps_workers.runners.prison_to_probation.http_api.app import build_app
from support.p2p_http import served

SLOW_LORIS = 400
HALF_A_REQUEST = b"GET /health/ping HTTP/1.1\r\nHost: p2p\r\nX-Slow: "


def _address(url):
    parts = urlsplit(url)
    return parts.hostname, parts.port


class TestSlowClients:
    """uvicorn on loopback with the service's limits."""

    def test_ping_answers_while_400_slow_loris_connections_are_held(self, web):
        """Each connection has sent half its headers; /health/ping still answers."""
        app = build_app(web.services, settings=web.settings)
        with served(app, web.settings) as url, ExitStack() as held:
            for _ in range(SLOW_LORIS):
                sock = held.enter_context(socket.create_connection(_address(url), 5))
                sock.sendall(HALF_A_REQUEST)
            answer = httpx.get(url + "/health/ping", timeout=1)
            assert (answer.status_code, answer.json()) == (200, {"status": "UP"})

    def test_a_client_that_never_finishes_its_headers_is_disconnected(self, web):
        """Past the header deadline the server closes the connection."""
        settings = attrs.evolve(web.settings, header_timeout=timedelta(seconds=1))
        app = build_app(web.services, settings=settings)
        with (
            served(app, settings) as url,
            socket.create_connection(_address(url), 5) as sock,
        ):
            sock.sendall(HALF_A_REQUEST)
            sock.settimeout(30)
            closed = sock.recv(1024)
        assert closed == b""

    def test_an_idle_connection_is_closed_after_keep_alive(self, web):
        """A client that connects and sends nothing is let go too."""
        settings = attrs.evolve(web.settings, header_timeout=timedelta(seconds=1))
        app = build_app(web.services, settings=settings)
        with (
            served(app, settings) as url,
            socket.create_connection(_address(url), 5) as sock,
        ):
            sock.settimeout(30)
            closed = sock.recv(1024)
        assert closed == b""
