"""A fake HMPPS Auth: client-credentials tokens, its JWKS, and tokens to order.

Tokens are RS256 JWTs signed with a key made at start-up and published at
`/auth/.well-known/jwks.json` under a `kid`, with HMPPS Auth's claim set: `sub`,
`client_id`, `grant_type`, `scope`, `authorities`, `auth_source`, `jti`, `iss`
(`<base>/issuer`), `exp` and `aud: ["oauth2-resource"]`. So the service's endpoints
verify them exactly as they would the real ones. Tests ask `issue` for tokens with
any roles, expired, from another issuer or audience, or signed by a stranger's key.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import time
import uuid
from collections.abc import Sequence
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from hmpps_workers.adapters.testing.http import FakeServer, Request, Response

BASE_PATH = "/auth"
AUDIENCE = "oauth2-resource"


def new_key() -> rsa.RSAPrivateKey:
    """A fresh 2048-bit RSA key."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class FakeHmppsAuth(FakeServer):
    """One client registration; `base_url` is what OAUTH_ENDPOINT_URL holds."""

    name = "hmpps-auth"

    def __init__(
        self,
        *,
        client_id: str = "prisontoprobation-api-client",
        client_secret: str | None = None,
        token_lifetime: int = 1200,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        """A fake accepting `client_id` with `client_secret` (random by default)."""
        super().__init__(host=host, port=port)
        self.client_id = client_id
        self.client_secret = client_secret or secrets.token_urlsafe(24)
        self.token_lifetime = token_lifetime
        self.key = new_key()
        self.kid = uuid.uuid4().hex
        self.tokens_issued = 0

    @property
    def base_url(self) -> str:
        """`<url>/auth`, as the real service's base."""
        return self.url + BASE_PATH

    def issue(
        self,
        *,
        roles: Sequence[str] = (),
        client_id: str | None = None,
        user_name: str | None = None,
        lifetime: int | None = None,
        key: rsa.RSAPrivateKey | None = None,
        issuer: str | None = None,
        audience: str = AUDIENCE,
        kid: str | None = None,
    ) -> str:
        """A signed token; a negative `lifetime` gives one already expired."""
        now = int(time.time())
        client = client_id or self.client_id
        claims: dict[str, Any] = {
            "sub": user_name or client,
            "client_id": client,
            "grant_type": "client_credentials",
            "scope": ["read", "write"],
            "authorities": list(roles),
            "auth_source": "none",
            "iss": issuer or self.issuer,
            "aud": [audience],
            "exp": now + (self.token_lifetime if lifetime is None else lifetime),
            "jti": uuid.uuid4().hex,
        }
        if user_name:
            claims |= {"user_name": user_name, "grant_type": "authorization_code",
                       "auth_source": "auth"}  # fmt: skip
        return jwt.encode(
            claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid}
        )

    @property
    def issuer(self) -> str:
        """What HMPPS Auth puts in `iss`: its base URL and `/issuer`."""
        return self.base_url + "/issuer"

    def rotate(self) -> None:
        """A new signing key under a new `kid` (the old one is no longer published)."""
        self.key = new_key()
        self.kid = uuid.uuid4().hex

    def jwks(self) -> dict[str, Any]:
        """The public key set."""
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def verifies(self, token: str) -> bool:
        """True for an unexpired token signed by this fake (the APIs' check)."""
        try:
            jwt.decode(
                token, self.key.public_key(), algorithms=["RS256"], audience=AUDIENCE
            )
        except jwt.PyJWTError:
            return False
        return True

    def _client_ok(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        try:
            decoded = base64.b64decode(header.removeprefix("Basic ")).decode()
        except (binascii.Error, UnicodeDecodeError):
            return False
        return header.startswith("Basic ") and decoded == (
            f"{self.client_id}:{self.client_secret}"
        )

    def handle(self, request: Request) -> Response:
        """Token, JWKS and ping endpoints under /auth."""
        path = request.path.removeprefix(BASE_PATH)
        if path == "/health/ping":
            return Response.json(200, {"status": "UP"})
        if path == "/.well-known/jwks.json":
            return Response.json(200, self.jwks())
        if path != "/oauth/token" or request.method != "POST":
            return Response.json(404, {"error": "not found"})
        failure = self.take_failure()
        if failure == "server-error":
            return Response.json(503, {"error": "unavailable"})
        form = request.body.decode()
        if not self._client_ok(request) or "grant_type=client_credentials" not in form:
            return Response.json(401, {"error": "invalid_client"})
        self.tokens_issued += 1
        return Response.json(
            200,
            {
                "access_token": self.issue(),
                "token_type": "bearer",
                "expires_in": self.token_lifetime,
                "scope": "read",
            },
        )
