"""The HTTP side's settings: token checks, limits and health caching, from the env.

Every limit has a default that suits one pod behind the Cloud Platform ingress; each
is documented in docs/configuration.md with its variable.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

import attrs

from hmpps_workers.runners.env import Env


@attrs.frozen(kw_only=True)
class TokenSettings:
    """How bearer tokens are checked: HMPPS Auth's keys, issuer and audience."""

    jwks_url: str
    issuer: str
    audience: str | None = None
    leeway: timedelta = timedelta(seconds=60)
    jwks_lifespan: timedelta = timedelta(minutes=5)
    min_refresh_interval: timedelta = timedelta(seconds=10)
    timeout: timedelta = timedelta(seconds=5)

    @classmethod
    def for_auth(cls, oauth_url: str, **overrides: object) -> TokenSettings:
        """HMPPS Auth's JWKS endpoint and published issuer under `oauth_url`."""
        base = oauth_url.rstrip("/")
        values: dict[str, object] = {
            "jwks_url": base + "/.well-known/jwks.json",
            "issuer": base + "/issuer",
            **overrides,
        }
        return cls(**values)  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class HttpSettings:
    """Limits of the server and the health endpoint."""

    tokens: TokenSettings
    port: int = 8080
    host: str = "0.0.0.0"  # noqa: S104 - in a pod
    max_connections: int = 1000
    max_in_flight: int = 64
    max_body_bytes: int = 16 * 1024
    header_timeout: timedelta = timedelta(seconds=10)
    keep_alive: timedelta = timedelta(seconds=5)
    health_cache: timedelta = timedelta(seconds=2)
    health_check_timeout: timedelta = timedelta(seconds=2)
    shutdown_timeout: timedelta = timedelta(seconds=20)

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], *, oauth_url: str, port: int
    ) -> HttpSettings:
        """Read the HTTP variables; the issuer defaults to HMPPS Auth's own."""
        read = Env(env)
        overrides: dict[str, object] = {
            "leeway": read.seconds("OAUTH_CLOCK_SKEW_SECONDS", 60, 0, 600)
        }
        if read.present("OAUTH_ISSUER_URI"):
            overrides["issuer"] = read.text("OAUTH_ISSUER_URI")
        if read.present("OAUTH_AUDIENCE"):
            overrides["audience"] = read.text("OAUTH_AUDIENCE")
        return cls(
            tokens=TokenSettings.for_auth(oauth_url, **overrides),
            port=port,
            max_connections=read.integer("HTTP_MAX_CONNECTIONS", 1000, 10, 100_000),
            max_in_flight=read.integer("HTTP_MAX_IN_FLIGHT", 64, 1, 10_000),
            max_body_bytes=read.integer("HTTP_MAX_BODY_BYTES", 16 * 1024, 0, 1 << 24),
            header_timeout=read.seconds("HTTP_HEADER_TIMEOUT_SECONDS", 10, 1, 300),
            keep_alive=read.seconds("HTTP_KEEP_ALIVE_SECONDS", 5, 1, 300),
            health_cache=read.seconds("HEALTH_CACHE_SECONDS", 2, 0, 2),
            health_check_timeout=read.seconds("HEALTH_CHECK_TIMEOUT_SECONDS", 2, 1, 60),
            shutdown_timeout=read.seconds("SHUTDOWN_TIMEOUT_SECONDS", 20, 1, 600),
        )
