"""Health, info and metrics: unauthenticated, as the ingress exposes them."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from starlette.concurrency import run_in_threadpool

from hmpps_workers.runners.prison_to_probation.http_api.health import HealthCheck
from hmpps_workers.runners.prison_to_probation.http_api.models import (
    Health,
    Info,
    Status,
)

_UP = b'{"status":"UP"}'
_DOWN = b'{"status":"DOWN"}'
JSON = "application/json"
_TEXT = {"schema": {"type": "string"}}
_DOWN_RESPONSE: dict[int | str, dict[str, Any]] = {
    503: {"model": Status, "description": "DOWN"}
}


def _status(ok: bool) -> Response:  # noqa: FBT001 - a verdict
    return Response(_UP if ok else _DOWN, 200 if ok else 503, media_type=JSON)


def router(
    *,
    health: HealthCheck,
    alive: Callable[[], bool],
    ready: Callable[[], bool],
    registry: CollectorRegistry,
    info: Info,
) -> APIRouter:
    """The unauthenticated routes."""
    api = APIRouter(tags=["health"])
    info_body = info.model_dump_json().encode()

    @api.get("/health/ping", response_model=Status, summary="The process answers")
    async def ping() -> Response:
        return Response(_UP, media_type=JSON)

    @api.get(
        "/health/liveness", response_model=Status, responses=_DOWN_RESPONSE,
        summary="Every thread of the service runs",
    )  # fmt: skip
    async def liveness() -> Response:
        return _status(alive())

    @api.get(
        "/health/readiness", response_model=Status, responses=_DOWN_RESPONSE,
        summary="Alive, and the listener takes messages",
    )  # fmt: skip
    async def readiness() -> Response:
        return _status(ready())

    @api.get(
        "/health", response_model=Health,
        responses={503: {"model": Health, "description": "A component is DOWN"}},
        summary="Every dependency, checked together (cached up to 2 s)",
    )  # fmt: skip
    async def components() -> Response:
        # a fresh answer is served on the event loop; a refresh waits on a thread
        answer = health.cached()
        if answer is None:
            answer = await run_in_threadpool(health.__call__)
        up, body = answer
        return Response(json.dumps(body).encode(), 200 if up else 503, media_type=JSON)

    @api.get("/info", response_model=Info, summary="Name and build")
    async def info_route() -> Response:
        return Response(info_body, media_type=JSON)

    @api.get(
        "/prometheus", response_class=Response, summary="Prometheus metrics",
        responses={200: {"content": {CONTENT_TYPE_LATEST: _TEXT},
                         "description": "The text exposition format"}},
    )  # fmt: skip
    def prometheus() -> Response:
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return api
