"""Bearer tokens as HMPPS Auth issues them: RS256, its JWKS, its issuer, its roles.

PyJWT does the cryptography and the claim checks; this module only decides policy.
The key set is cached and fetched again at most once per cool-down when a token names
a `kid` not in it (HMPPS Auth rotating its key), so a stream of made-up `kid`s cannot
turn into a stream of requests to HMPPS Auth. The audience is checked only when one is
configured: HMPPS Auth puts `oauth2-resource` in every token it issues.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Annotated, Any

import attrs
import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from opentelemetry import trace
from starlette.types import ASGIApp, Receive, Scope, Send

from hmpps_workers.runners.prison_to_probation.http_api.errors import HmppsError
from hmpps_workers.runners.prison_to_probation.http_api.settings import TokenSettings

log = logging.getLogger(__name__)

REPORT_ROLE, ADMIN_ROLE = "ROLE_PTPU_REPORT", "ROLE_PTPU_QUEUE_ADMIN"
ALGORITHM = "RS256"
_REQUIRED = ["exp", "iss"]
REQUEST_SPAN = "request_span"

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="hmpps-auth",
    bearerFormat="JWT",
    description="A token from HMPPS Auth (client credentials or a user's)",
)


def _refused(reason: str) -> HmppsError:
    return HmppsError(401, "A valid bearer token is required", reason)


@attrs.define
class TokenVerifier:
    """Checks tokens; one per application, sharing its key cache across requests."""

    settings: TokenSettings
    keys: jwt.PyJWKClient = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """The key client; nothing is fetched until the first token arrives."""
        self.keys = jwt.PyJWKClient(
            self.settings.jwks_url,
            cache_jwk_set=True,
            lifespan=self.settings.jwks_lifespan.total_seconds(),
            timeout=self.settings.timeout.total_seconds(),
            cooldown_duration=self.settings.min_refresh_interval.total_seconds(),
        )

    def claims(self, token: str) -> Mapping[str, Any]:
        """The verified claims; HmppsError 401 (503 when the keys are unreachable)."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise _refused("the token is not a JWT") from None
        if header.get("alg") != ALGORITHM:
            raise _refused(f"the token must be signed with {ALGORITHM}")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise _refused("the token names no signing key (kid)")
        try:
            key = self.keys.get_signing_key(kid)
        except jwt.PyJWKClientConnectionError:
            log.warning("HMPPS Auth's keys are unreachable")
            raise HmppsError(
                503, "Tokens cannot be checked now", "HMPPS Auth's JWKS is unreachable"
            ) from None
        except jwt.PyJWTError:
            raise _refused("the token's signing key is unknown") from None
        audience = self.settings.audience
        try:
            return jwt.decode(
                token,
                key.key,
                algorithms=[ALGORITHM],
                issuer=self.settings.issuer,
                audience=audience,
                leeway=self.settings.leeway,
                options={"require": _REQUIRED, "verify_aud": audience is not None},
            )
        except jwt.PyJWTError as error:
            raise _refused(f"the token is not valid ({type(error).__name__})") from None


def requires(verifier: TokenVerifier, role: str) -> Callable[..., Mapping[str, Any]]:
    """A dependency: 401 without a valid token, 403 without `role` in `authorities`."""

    def check(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> Mapping[str, Any]:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise _refused("no bearer token")
        claims = verifier.claims(credentials.credentials)
        _track_client(request, claims)
        authorities = claims.get("authorities")
        if not isinstance(authorities, list) or role not in authorities:
            raise HmppsError(403, "Access denied", f"{role} is required")
        request.state.claims = claims  # for the routes' audit log (see `actor`)
        return claims

    return check


def _track_client(request: Request, claims: Mapping[str, Any]) -> None:
    """Put the verified token's client on the request's span, as the original did.

    Its interceptor added `clientId` and `username` to the request telemetry; the
    user name is a member of staff's, which no span attribute carries, so only the
    client (a system's name) is added. A no-op while telemetry is off.
    """
    client = claims.get("client_id")
    if isinstance(client, str) and client:
        span = getattr(request.state, REQUEST_SPAN, None)
        (span or trace.get_current_span()).set_attribute("clientId", client[:100])


class RequestSpan:
    """Keeps the request's own span on its scope for the dependencies beneath it.

    Added inside the instrumentation's middleware, where the request's span is the
    current one; a dependency runs under the instrumentation's `fastapi.dependencies`
    span, a child, whose attributes would not reach the request.
    """

    def __init__(self, app: ASGIApp) -> None:
        """Wrap `app`."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Note the current span for an HTTP request, then run the application."""
        if scope["type"] == "http":
            scope.setdefault("state", {})[REQUEST_SPAN] = trace.get_current_span()
        await self.app(scope, receive, send)


def actor(request: Request) -> str:
    """Who the request's token speaks for: the user, else the client (audit log)."""
    claims: Mapping[str, Any] = getattr(request.state, "claims", {})
    for claim in ("user_name", "client_id", "sub"):
        value = claims.get(claim)
        if isinstance(value, str) and value:
            return value[:100]
    return "unknown"
