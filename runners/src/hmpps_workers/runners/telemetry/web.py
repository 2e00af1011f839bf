"""HTTP service requests as Application Insights requests, health probes left out.

For the WSGI application: each request becomes a server span (a request in
Application Insights), the parent of the calls it makes. Probes and scrapes are not
traced, as the original's sampling override for `/health` did.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from opentelemetry.instrumentation.wsgi import OpenTelemetryMiddleware

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
UNTRACED = re.compile(r"^/(health(/.*)?|prometheus|info)$")


def traced_wsgi(app: WsgiApp) -> WsgiApp:
    """`app` with every request but the probes and scrapes inside a server span."""
    traced = OpenTelemetryMiddleware(app)

    def dispatch(
        environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        if UNTRACED.match(environ.get("PATH_INFO", "")):
            return app(environ, start_response)
        return traced(environ, start_response)  # type: ignore[no-any-return]

    return dispatch
