"""HMPPS Auth client credentials: one token, cached, refreshed before it expires.

The original kept a token per Spring registration (prison-api, probation-api and
offender-search-api), all with the same client id, secret and scope; one cached token
does the same job. It is fetched with HTTP Basic client authentication and the form
`grant_type=client_credentials`, and renewed a minute before expiry (or when an API
answers 401), so no call goes out with a token about to lapse.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Generator
from datetime import timedelta

import attrs
import httpx

from hmpps_workers.core.errors import PermanentError, RetryableError

log = logging.getLogger(__name__)

_UNAUTHORISED = 401
_SERVER_ERROR = 500
_DEFAULT_LIFETIME = 60.0


class AuthUnavailableError(RetryableError):
    """HMPPS Auth could not be reached or failed."""


class AuthRejectedError(PermanentError):
    """HMPPS Auth refused our client credentials."""


@attrs.define
class ClientCredentials:
    """A token source for one client id against `<OAUTH_ENDPOINT_URL>/oauth/token`."""

    base_url: str
    client_id: str
    client_secret: str = attrs.field(repr=False)
    scope: str | None = "read"
    timeout: timedelta = timedelta(seconds=10)
    refresh_before: timedelta = timedelta(seconds=60)
    http: httpx.Client = attrs.field(factory=httpx.Client)
    monotonic: Callable[[], float] = time.monotonic
    _token: str | None = attrs.field(default=None, init=False, repr=False)
    _expires_at: float = attrs.field(default=0.0, init=False)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False)

    @property
    def token_url(self) -> str:
        """Where tokens come from."""
        return self.base_url.rstrip("/") + "/oauth/token"

    def token(self) -> str:
        """A token with at least `refresh_before` left to run."""
        with self._lock:
            now = self.monotonic()
            if self._token is None or now >= self._expires_at:
                self._token, lifetime = self._fetch()
                margin = min(self.refresh_before.total_seconds(), lifetime / 2)
                self._expires_at = now + lifetime - margin
            return self._token

    def invalidate(self) -> None:
        """Forget the token (an API said 401)."""
        with self._lock:
            self._token = None

    def _fetch(self) -> tuple[str, float]:
        data = {"grant_type": "client_credentials"}
        if self.scope:
            data["scope"] = self.scope
        try:
            response = self.http.post(
                self.token_url,
                data=data,
                auth=(self.client_id, self.client_secret),
                timeout=self.timeout.total_seconds(),
            )
        except httpx.HTTPError as error:
            raise AuthUnavailableError(
                f"HMPPS Auth unreachable ({type(error).__name__})"
            ) from None
        if response.status_code >= _SERVER_ERROR:
            raise AuthUnavailableError(f"HMPPS Auth answered {response.status_code}")
        if response.status_code != httpx.codes.OK:
            raise AuthRejectedError(
                f"HMPPS Auth refused the client credentials ({response.status_code})"
            )
        try:
            body = response.json()
            token = str(body["access_token"])
        except (ValueError, KeyError, TypeError):
            raise AuthUnavailableError(
                "HMPPS Auth token answer not understood"
            ) from None
        lifetime = body.get("expires_in")
        seconds = float(lifetime) if isinstance(lifetime, int | float) else None
        log.info("token fetched", extra={"client_id": self.client_id})
        return token, seconds or _DEFAULT_LIFETIME


@attrs.define
class BearerAuth(httpx.Auth):
    """httpx auth adding the cached token; one retry with a fresh token on 401."""

    credentials: ClientCredentials

    def auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        """Send with the token; on 401 fetch a new one and send once more."""
        request.headers["Authorization"] = f"Bearer {self.credentials.token()}"
        response = yield request
        if response.status_code == _UNAUTHORISED:
            self.credentials.invalidate()
            request.headers["Authorization"] = f"Bearer {self.credentials.token()}"
            yield request
