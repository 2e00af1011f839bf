"""A requests transport adapter that caps answer sizes, for every requests-based client.

The HMPPS API clients (httpx) stream and cap their answers; the prison-visits clients
(distance, Zendesk, Notify, and zeep for DWP) use requests, so the same cap lives here
as an HTTPAdapter mounted on their sessions. The body is always streamed and the read
stops at the cap (after decoding, so a compressed bomb is refused too); an oversized
answer raises ResponseTooLargeError, whose text names only the limit.
"""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter

from hmpps_workers.core.errors import PermanentError

DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024
_CHUNK = 64 * 1024


class ResponseTooLargeError(PermanentError):
    """An outside service's answer exceeded the size cap and was refused unread."""


class BoundedHTTPAdapter(HTTPAdapter):
    """Streams every answer and refuses one over `max_response_bytes`."""

    def __init__(self, max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES) -> None:
        """Cap answers at `max_response_bytes` (at least 1)."""
        if max_response_bytes < 1:
            msg = "max_response_bytes must be at least 1"
            raise ValueError(msg)
        super().__init__()
        self.max_response_bytes = max_response_bytes

    def send(  # type: ignore[override]
        self,
        request: requests.PreparedRequest,
        stream: bool = False,  # noqa: FBT001, FBT002 - requests' signature
        **kwargs: Any,  # noqa: ANN401
    ) -> requests.Response:
        """Send, then read the body up to the cap whether or not `stream` was asked."""
        del stream
        response = super().send(request, stream=True, **kwargs)
        limit = self.max_response_bytes
        try:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise self._too_large()
            body = bytearray()
            for chunk in response.iter_content(chunk_size=_CHUNK):
                body += chunk
                if len(body) > limit:
                    raise self._too_large()
        finally:
            response.close()
        response._content = bytes(body)  # noqa: SLF001 - what requests itself sets
        response._content_consumed = True  # type: ignore[attr-defined] # noqa: SLF001
        return response

    def _too_large(self) -> ResponseTooLargeError:
        return ResponseTooLargeError(
            f"answer is over {self.max_response_bytes} bytes: refused"
        )


def bound(
    session: requests.Session, max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
) -> requests.Session:
    """Mount the capping adapter on `session` for http and https; return it."""
    adapter = BoundedHTTPAdapter(max_response_bytes)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def bounded_session(
    max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
) -> requests.Session:
    """A new session whose answers are capped."""
    return bound(requests.Session(), max_response_bytes)
