"""The size-capping requests adapter reads no further than the cap, without a network."""

from __future__ import annotations

import io

import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3.response import HTTPResponse

from hmpps_workers.adapters.bounded_http import (
    BoundedHTTPAdapter,
    ResponseTooLargeError,
    bounded_session,
)

CAP = 4096
CHUNK = 64 * 1024


class _EndlessBody(io.RawIOBase):
    """A body that never ends and counts what was read from it."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        buffer[:] = b"x" * len(buffer)
        self.served += len(buffer)
        return len(buffer)


def _answer(body: io.RawIOBase, headers: dict[str, str]) -> HTTPResponse:
    return HTTPResponse(body=body, headers=headers, status=200, preload_content=False)


@pytest.fixture
def endless(monkeypatch) -> _EndlessBody:
    """Every request is answered with an endless body and no Content-Length."""
    body = _EndlessBody()

    def send(self, request, **kwargs):
        return self.build_response(request, _answer(body, {}))

    monkeypatch.setattr(HTTPAdapter, "send", send)
    return body


class TestBoundedHTTPAdapter:
    """BoundedHTTPAdapter streams and stops at the cap."""

    def test_an_endless_answer_is_refused_after_at_most_a_chunk_past_the_cap(
        self, endless
    ):
        """An unsized, endless body raises ResponseTooLargeError; little is read."""
        with pytest.raises(ResponseTooLargeError, match=f"over {CAP} bytes"):
            bounded_session(CAP).get("http://example.invalid/")
        assert endless.served <= CAP + CHUNK

    def test_a_declared_length_over_the_cap_is_refused_unread(self, monkeypatch):
        """A Content-Length over the cap is refused before the body is read."""
        body = _EndlessBody()

        def send(self, request, **kwargs):
            headers = {"content-length": str(CAP + 1)}
            return self.build_response(request, _answer(body, headers))

        monkeypatch.setattr(HTTPAdapter, "send", send)
        with pytest.raises(ResponseTooLargeError):
            bounded_session(CAP).get("http://example.invalid/")
        assert body.served == 0

    def test_an_answer_within_the_cap_is_whole(self, monkeypatch):
        """At the cap exactly, the body is returned unchanged."""

        def send(self, request, **kwargs):
            raw = io.BytesIO(b"y" * CAP)
            return self.build_response(request, _answer(raw, {}))

        monkeypatch.setattr(HTTPAdapter, "send", send)
        response = bounded_session(CAP).get("http://example.invalid/")
        assert (response.status_code, response.content) == (200, b"y" * CAP)

    def test_a_cap_below_one_byte_is_refused(self):
        """The cap must be positive."""
        with pytest.raises(ValueError, match="at least 1"):
            BoundedHTTPAdapter(0)

    def test_the_session_is_an_ordinary_requests_session(self):
        """Both schemes are capped."""
        session = bounded_session(CAP)
        assert isinstance(session, requests.Session)
        assert {
            type(session.get_adapter(url))
            for url in ("http://a.invalid", "https://a.invalid")
        } == {BoundedHTTPAdapter}
