"""The service's application on moto and the fake HMPPS APIs, for the HTTP tests."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import timedelta

import attrs
from fastapi.testclient import TestClient

from hmpps_workers.runners.prison_to_probation.bootstrap import (
    P2pServices,
    bootstrap,
    bootstrap_aws,
)
from hmpps_workers.runners.prison_to_probation.config import P2pConfig
from hmpps_workers.runners.prison_to_probation.http_api.app import build_app
from hmpps_workers.runners.prison_to_probation.http_api.settings import HttpSettings
from support.hmpps import HmppsFakes

REPORT, ADMIN = "ROLE_PTPU_REPORT", "ROLE_PTPU_QUEUE_ADMIN"


@attrs.define
class HttpWorld:
    """A client on the application, the fakes behind it, and its parts."""

    client: TestClient
    fakes: HmppsFakes
    services: P2pServices
    app: object
    settings: HttpSettings

    def bearer(self, *roles: str, **claims: object) -> dict[str, str]:
        """An Authorization header with a token from the fake HMPPS Auth."""
        return {
            "Authorization": "Bearer " + self.fakes.auth.issue(roles=roles, **claims)
        }  # type: ignore[arg-type]


def environment(fakes: HmppsFakes, extra: Mapping[str, str] = {}) -> dict[str, str]:
    """The variables of a service on moto and the fakes."""
    return {
        **fakes.environment(),
        "DYNAMODB_TABLENAME": "cp-message",
        "DYNAMODB_SCHEDULE_TABLENAME": "cp-schedule",
        **extra,
    }


@contextmanager
def http_world(fakes: HmppsFakes, extra: Mapping[str, str] = {}) -> Iterator[HttpWorld]:
    """Resources on moto, the services wired, the application behind a test client."""
    env = environment(fakes, extra)
    config = P2pConfig.from_env(env)
    bootstrap_aws(config)
    services = bootstrap(config, wait_seconds=0)
    settings = HttpSettings.from_env(env, oauth_url=config.oauth_url, port=0)
    settings = attrs.evolve(
        settings,
        tokens=attrs.evolve(settings.tokens, min_refresh_interval=timedelta(0)),
        health_check_timeout=timedelta(seconds=5),
    )
    app = build_app(services, settings=settings)
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            yield HttpWorld(client, fakes, services, app, settings)
    finally:
        services.close()


@contextmanager
def served(app: object, settings: HttpSettings, **overrides: object) -> Iterator[str]:
    """The application on uvicorn on a free loopback port, in a thread; its URL."""
    import threading  # noqa: PLC0415
    import time  # noqa: PLC0415

    import uvicorn  # noqa: PLC0415

    from hmpps_workers.runners.prison_to_probation.http_api.server import (  # noqa: PLC0415
        config,
    )

    server = uvicorn.Server(
        config(app, attrs.evolve(settings, host="127.0.0.1", port=0), **overrides)
    )
    thread = threading.Thread(target=server.run, name="test-uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
