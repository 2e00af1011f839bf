"""The FastAPI application: routes, the contract, and the service in its lifespan.

The lifespan starts the listener, the hold-back scheduler and the retry tiers after
the server is listening, and stops them (together, inside one deadline) when the
server shuts down on SIGTERM.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, Protocol

import anyio
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from hmpps_workers.runners.prison_to_probation.bootstrap import P2pServices
from hmpps_workers.runners.prison_to_probation.http_api import (
    errors,
    routes_admin,
    routes_health,
    routes_reports,
)
from hmpps_workers.runners.prison_to_probation.http_api.auth import (
    ADMIN_ROLE,
    REPORT_ROLE,
    RequestSpan,
    TokenVerifier,
    requires,
)
from hmpps_workers.runners.prison_to_probation.http_api.health import HealthCheck
from hmpps_workers.runners.prison_to_probation.http_api.metrics import (
    instrument_registry,
)
from hmpps_workers.runners.prison_to_probation.http_api.middleware import Observed
from hmpps_workers.runners.prison_to_probation.http_api.models import App, Info
from hmpps_workers.runners.prison_to_probation.http_api.settings import HttpSettings

log = logging.getLogger(__name__)

TITLE = "HMPPS Prison To Probation Update"


class Runnable(Protocol):
    """The service's threads, as the lifespan sees them."""

    def start(self) -> None:
        """Start every thread."""

    def stop(self, timeout: float = 30) -> None:
        """Stop them together within `timeout` seconds."""

    def alive(self) -> bool:
        """Every thread runs."""

    def ready(self) -> bool:
        """Alive and listening."""


def _contract(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """FastAPI's document without its 422s: refusals here are HMPPS 400s."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, routes=app.routes,
                description=app.description,
            )  # fmt: skip
            for path in schema.get("paths", {}).values():
                for operation in path.values():
                    operation.get("responses", {}).pop("422", None)
            found = schema.get("components", {}).get("schemas", {})
            for name in ("HTTPValidationError", "ValidationError"):
                found.pop(name, None)
            app.openapi_schema = schema
        return app.openapi_schema

    return openapi


def build_app(
    services: P2pServices,
    *,
    settings: HttpSettings,
    service: Runnable | None = None,
) -> Any:  # noqa: ANN401 - an ASGI application
    """The application; `service` (when given) runs inside its lifespan."""
    health = HealthCheck(
        services.pings,
        info={"version": services.config.version},
        timeout=settings.health_check_timeout,
        cache_for=settings.health_cache,
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if service is not None:
            service.start()
        try:
            yield
        finally:
            if service is not None:
                timeout = settings.shutdown_timeout.total_seconds()
                await anyio.to_thread.run_sync(lambda: service.stop(timeout))
            health.close()

    app = FastAPI(
        title=TITLE,
        version=services.config.version,
        description="Prison events to probation (Delius): reports and queue admin",
        openapi_url="/v3/api-docs",
        docs_url="/swagger-ui.html",
        redoc_url=None,
        lifespan=lifespan,
    )
    errors.install(app)
    verifier = TokenVerifier(settings.tokens)
    alive = service.alive if service else lambda: True
    ready = service.ready if service else lambda: True
    app.include_router(
        routes_health.router(
            health=health,
            alive=alive,
            ready=ready,
            registry=services.metrics.registry,
            info=Info(app=App(name=TITLE, version=services.config.version)),
        )
    )
    app.include_router(routes_reports.router(services, requires(verifier, REPORT_ROLE)))
    app.include_router(
        routes_admin.router(services.queue_admin, requires(verifier, ADMIN_ROLE))
    )
    app.openapi = _contract(app)  # type: ignore[method-assign]
    app.add_middleware(RequestSpan)
    return Observed(
        app,
        requests=instrument_registry(
            services.metrics.registry,
            services.queue_admin,
            [services.hmpps_queue] if services.hmpps_queue else [],
        ),
        max_in_flight=settings.max_in_flight,
        max_body_bytes=settings.max_body_bytes,
        probes={
            "/health/ping": lambda: True,
            "/health/liveness": alive,
            "/health/readiness": ready,
        },
    )
