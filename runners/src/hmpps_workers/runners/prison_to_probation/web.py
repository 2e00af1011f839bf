"""The service's HTTP endpoints: health, info, metrics, reports and queue admin.

A small WSGI application on the standard library's server. Reports need a bearer token
with ROLE_PTPU_REPORT and queue admin one with ROLE_PTPU_QUEUE_ADMIN, each verified
against HMPPS Auth's published keys: no token or a bad one is 401, the wrong role 403.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from socketserver import ThreadingMixIn
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import jwt
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from hmpps_workers.adapters.aws.sqs_admin import SqsQueueAdmin
from hmpps_workers.core.clock import from_uk_wall
from hmpps_workers.runners.prison_to_probation import reports
from hmpps_workers.runners.prison_to_probation.bootstrap import P2pServices
from hmpps_workers.runners.prison_to_probation.health import health

log = logging.getLogger(__name__)

REPORT_ROLE, ADMIN_ROLE = "ROLE_PTPU_REPORT", "ROLE_PTPU_QUEUE_ADMIN"
Answer = tuple[int, str, bytes]
_DATES = (
    "processedDateStartDateTime",
    "processedDateEndDateTime",
    "createdDateStartDateTime",
    "createdDateEndDateTime",
)


class HttpError(Exception):
    """An HTTP status with a short reason."""

    def __init__(self, status: int, reason: str) -> None:
        """Keep both."""
        super().__init__(reason)
        self.status = status


def _json(status: int, body: object) -> Answer:
    return status, "application/json", json.dumps(body).encode()


class TokenVerifier:
    """Checks RS256 bearer tokens against the JWKS of HMPPS Auth."""

    def __init__(self, oauth_url: str) -> None:
        """Keys are fetched on first use and cached."""
        self.keys = jwt.PyJWKClient(oauth_url.rstrip("/") + "/.well-known/jwks.json")

    def require(self, header: str, role: str) -> dict[str, Any]:
        """The claims; 401 for a missing or invalid token, 403 without `role`."""
        if not header.startswith("Bearer "):
            raise HttpError(401, "a bearer token is required")
        token = header.removeprefix("Bearer ")
        try:
            key = self.keys.get_signing_key_from_jwt(token)
            claims = jwt.decode(token, key.key, algorithms=["RS256"])
        except jwt.PyJWTError:
            raise HttpError(401, "the token is not valid") from None
        if role not in (claims.get("authorities") or ()):
            raise HttpError(403, f"{role} is required")
        return dict(claims)


def actor(claims: dict[str, Any]) -> str:
    """Who a token speaks for: the user, else the client, for the audit log."""
    for claim in ("user_name", "client_id", "sub"):
        value = claims.get(claim)
        if isinstance(value, str) and value:
            return value[:100]
    return "unknown"


def parked_route(
    admin: SqsQueueAdmin, method: str, path: str, query: dict[str, str], by: str
) -> Answer | None:
    """GET parked (list) and PUT retry-parked (move back); None for other paths."""
    if method == "GET" and path == "parked":
        limit = int(query.get("maxMessages", "100"))
        return _json(200, admin.list_parked(limit))
    if method == "PUT" and path == "retry-parked":
        return _json(200, {"moved": admin.retry_parked(by=by)})
    return None


def _strict(name: str, text: str) -> datetime:
    try:
        return from_uk_wall(datetime.fromisoformat(text))
    except ValueError:
        raise HttpError(400, f"{name} must be an ISO local date-time") from None


def build_app(  # noqa: C901, PLR0915 - the routes in one place
    services: P2pServices,
    *,
    alive: Callable[[], bool],
    ready: Callable[[], bool] | None = None,
) -> Any:  # noqa: ANN401 - WSGI
    """The WSGI application; `ready` defaults to `alive`."""
    ready = ready or alive
    verifier = TokenVerifier(services.config.oauth_url)
    admin = services.queue_admin

    def report(path: str, query: dict[str, str]) -> Answer:
        now = services.clock.now()
        items = services.store.find_all(now=now)
        if path == "in-progress":
            return 200, "text/csv", reports.in_progress(items).encode()
        if path == "not-matched":
            days = int(query.get("daysOld", "7"))
            return (
                200,
                "text/csv",
                reports.not_matched(items, now=now, days_old=days).encode(),
            )
        filters: dict[str, Any] = {
            k: _strict(k, v) for k, v in query.items() if k in _DATES
        }
        filters |= {k: query[k] for k in ("locationId", "eventType") if k in query}
        if path == "processed":
            return 200, "text/csv", reports.processed(items, filters).encode()
        if path == "match-summary":
            return _json(
                200,
                reports.match_summary(
                    items,
                    now=now,
                    sla_days=int(query.get("slaDays", "7")),
                    keep=lambda m: (
                        filters.get("locationId") in {None, m.location_id}
                        and reports.between(
                            m.created_date,
                            filters.get("createdDateStartDateTime"),
                            filters.get("createdDateEndDateTime"),
                        )
                    ),
                ),
            )
        raise HttpError(404, "no such report")

    def queue(method: str, path: str, query: dict[str, str]) -> Answer:
        parts = path.split("/")
        try:
            if method == "PUT" and parts[0] == "retry-dlq" and len(parts) == 2:  # noqa: PLR2004
                result = admin.retry_dlq(parts[1])
                return _json(
                    200, {"redriven": result.redriven, "parked": result.parked}
                )
            if method == "PUT" and path == "retry-all-dlqs":
                return _json(
                    200,
                    [
                        {"dlq": r.dlq, "redriven": r.redriven, "parked": r.parked}
                        for r in admin.retry_all()
                    ],
                )
            if method == "PUT" and parts[0] == "purge-queue" and len(parts) == 2:  # noqa: PLR2004
                return _json(200, {"messagesPurged": admin.purge(parts[1])})
            if method == "GET" and parts[0] == "get-dlq-messages" and len(parts) == 2:  # noqa: PLR2004
                limit = int(query.get("maxMessages", "100"))
                return _json(200, admin.list_dlq(parts[1], limit))
        except KeyError:
            raise HttpError(404, "no such queue") from None
        raise HttpError(404, "no such queue action")

    def route(method: str, path: str, query: dict[str, str], auth: str) -> Answer:  # noqa: PLR0911
        if path == "/health/ping":
            return _json(200, {"status": "UP"})
        if path in {"/health/liveness", "/health/readiness"}:
            ok = (alive if path == "/health/liveness" else ready)()
            return _json(200 if ok else 503, {"status": "UP" if ok else "DOWN"})
        if path == "/health":
            up, body = health(services)
            return _json(200 if up else 503, body)
        if path == "/info":
            return _json(
                200,
                {
                    "app": {
                        "name": "HMPPS Prison To Probation Update",
                        "version": services.config.version,
                    }
                },
            )
        if path == "/prometheus":
            return 200, CONTENT_TYPE_LATEST, generate_latest(services.metrics.registry)
        if path == "/v3/api-docs":
            return _json(200, OPENAPI)
        if path.startswith("/report/") and method == "GET":
            verifier.require(auth, REPORT_ROLE)
            return report(path.removeprefix("/report/"), query)
        if path.startswith("/queue-admin/"):
            claims = verifier.require(auth, ADMIN_ROLE)
            action = path.removeprefix("/queue-admin/")
            parked = parked_route(admin, method, action, query, actor(claims))
            return parked or queue(method, action, query)
        raise HttpError(404, "not found")

    def app(environ: dict[str, Any], start: Callable[..., Any]) -> Iterable[bytes]:
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            status, content_type, body = route(
                environ["REQUEST_METHOD"],
                environ.get("PATH_INFO", "/"),
                query,
                environ.get("HTTP_AUTHORIZATION", ""),
            )
        except HttpError as error:
            status, content_type, body = _json(error.status, {"error": str(error)})
        except Exception:
            log.exception("request failed", extra={"path": environ.get("PATH_INFO")})
            status, content_type, body = _json(500, {"error": "internal error"})
        start(
            f"{status} {_REASONS.get(status, 'Status')}",
            [("Content-Type", content_type), ("Content-Length", str(len(body)))],
        )
        return [body]

    return app


_REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    500: "Internal Server Error",
    503: "Service Unavailable",
}
OPENAPI: dict[str, Any] = {
    "openapi": "3.0.1",
    "info": {"title": "HMPPS Prison To Probation Update", "version": "1"},
    "paths": {
        p: {}
        for p in (
            "/health",
            "/health/ping",
            "/health/liveness",
            "/health/readiness",
            "/info",
            "/prometheus",
            "/report/in-progress",
            "/report/not-matched",
            "/report/processed",
            "/report/match-summary",
            "/queue-admin/retry-dlq/{dlqName}",
            "/queue-admin/retry-all-dlqs",
            "/queue-admin/purge-queue/{queueName}",
            "/queue-admin/get-dlq-messages/{dlqName}",
            "/queue-admin/parked",
            "/queue-admin/retry-parked",
        )
    },
}


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        del format, args  # request lines can carry query strings


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def serve(app: Any, host: str, port: int) -> WSGIServer:  # noqa: ANN401
    """A threaded server bound now; call `serve_forever` to run it."""
    return make_server(
        host, port, app, server_class=_ThreadingServer, handler_class=_Quiet
    )
