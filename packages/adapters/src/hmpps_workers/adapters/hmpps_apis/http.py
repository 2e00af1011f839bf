"""The HTTP plumbing the three API clients share: timeouts, auth, errors, JSON.

Every call has a timeout and a cap on the answer's size: the body is streamed and the
read stops at the cap, so an oversized answer is refused without being held in memory.
A 5xx, 429, timeout or broken connection is retryable; any other refusal (and an
oversized answer) is permanent, and 404 raises NotFoundError unless the caller maps it.
Error text names the service, operation and status, never a body or a name.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import attrs
import httpx

from hmpps_workers.adapters.hmpps_apis.auth import BearerAuth, ClientCredentials
from hmpps_workers.core.errors import PermanentError, RetryableError
from hmpps_workers.core.prison_to_probation.errors import NotFoundError

logging.getLogger("httpx").setLevel(logging.WARNING)  # request lines carry ids
logging.getLogger("httpcore").setLevel(logging.WARNING)

_NOT_FOUND, _TOO_MANY, _SERVER_ERROR = 404, 429, 500
DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024
# Re-wrapping a streamed body: it is already decoded, so these headers no longer apply.
_STALE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


class ApiUnavailableError(RetryableError):
    """An HMPPS API could not be reached, timed out or failed."""


class ApiResponseTooLargeError(PermanentError):
    """An HMPPS API answer exceeded the size cap and was refused unread."""


class ApiRejectedError(PermanentError):
    """An HMPPS API refused the request."""

    def __init__(self, message: str | None = None, *, status: int = 0) -> None:
        """Keep the status for callers that map it."""
        super().__init__(message)
        self.status = status


def parse_date(value: object) -> date | None:
    """An ISO date (or the date part of a date-time), or None."""
    if not isinstance(value, str) or not value:
        return None
    return date.fromisoformat(value[:10])


def iso_date(value: date | None) -> str | None:
    """`yyyy-MM-dd`, or None (sent as JSON null)."""
    return None if value is None else value.isoformat()


@attrs.define
class ApiClient:
    """One HMPPS API: a base URL, a token source and a timeout."""

    service: str
    base_url: str
    credentials: ClientCredentials | None
    timeout: timedelta = timedelta(seconds=10)
    http: httpx.Client = attrs.field(factory=httpx.Client)
    max_response_bytes: int = attrs.field(
        default=DEFAULT_MAX_RESPONSE_BYTES, validator=attrs.validators.ge(1)
    )

    def request(
        self,
        method: str,
        path: str,
        operation: str,
        *,
        json: object = None,
        params: Mapping[str, str] | None = None,
        allow: frozenset[int] = frozenset(),
    ) -> httpx.Response:
        """Send; statuses in `allow` come back to the caller, other failures raise."""
        auth = None if self.credentials is None else BearerAuth(self.credentials)
        try:
            request = self.http.build_request(
                method,
                self.base_url.rstrip("/") + path,
                json=json,
                params=params,
                timeout=self.timeout.total_seconds(),
            )
            response = self._bounded(
                self.http.send(request, auth=auth, stream=True), operation
            )
        except httpx.TimeoutException:
            raise ApiUnavailableError(f"{self.service} {operation} timed out") from None
        except httpx.HTTPError as error:
            raise ApiUnavailableError(
                f"{self.service} {operation} unreachable ({type(error).__name__})"
            ) from None
        status = response.status_code
        if response.is_success or status in allow:
            return response
        text = f"{self.service} {operation} answered {status}"
        if status == _NOT_FOUND:
            raise NotFoundError(text)
        if status == _TOO_MANY or status >= _SERVER_ERROR:
            raise ApiUnavailableError(text)
        raise ApiRejectedError(text, status=status)

    def _bounded(self, response: httpx.Response, operation: str) -> httpx.Response:
        """Read a streamed answer up to the cap; over it, close and refuse."""
        limit = self.max_response_bytes
        try:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise self._too_large(operation)
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limit:
                    raise self._too_large(operation)
        finally:
            response.close()
        headers = [
            (k, v)
            for k, v in response.headers.multi_items()
            if k.lower() not in _STALE_HEADERS
        ]
        return httpx.Response(
            response.status_code,
            headers=headers,
            content=bytes(body),
            request=response.request,
        )

    def _too_large(self, operation: str) -> ApiResponseTooLargeError:
        return ApiResponseTooLargeError(
            f"{self.service} {operation} answer is over"
            f" {self.max_response_bytes} bytes: refused"
        )

    def json(self, response: httpx.Response, operation: str) -> Any:  # noqa: ANN401
        """The body as JSON; an answer that is not JSON is a service fault."""
        try:
            return response.json()
        except (ValueError, RecursionError):
            raise ApiUnavailableError(
                f"{self.service} {operation} answer is not JSON"
            ) from None

    def ping(self) -> int:
        """GET `/health/ping` without a token; the status code (raises if down)."""
        try:
            response = self.http.get(
                self.base_url.rstrip("/") + "/health/ping",
                timeout=self.timeout.total_seconds(),
            )
        except httpx.HTTPError as error:
            raise ApiUnavailableError(
                f"{self.service} ping failed ({type(error).__name__})"
            ) from None
        if not response.is_success:
            raise ApiUnavailableError(
                f"{self.service} ping answered {response.status_code}"
            )
        return response.status_code
