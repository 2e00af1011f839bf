"""The service's HTTP figures: req/s and p99 at 50 connections, beside a bare ASGI app.

Both apps run on the same uvicorn configuration (httptools, the service's limits) in
a process of their own; the load comes from a third process (`benchmarks.http_load`)
over loopback. The service is the real `hmpps-workers p2p serve` on moto and the fake
HMPPS APIs, its listener running; the bare app answers a fixed body with no framework,
the bound for this server on this machine. Target: /health/ping at half the bare rate.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
from tests.support import aws

from hmpps_workers.adapters.testing.hmpps_apis import (
    FakeCommunityApiServer,
    FakeOffenderSearchServer,
    FakePrisonApiServer,
)
from hmpps_workers.adapters.testing.hmpps_auth import FakeHmppsAuth

RESULTS = Path("bench-results")
ROLES = ["ROLE_PTPU_REPORT", "ROLE_PTPU_QUEUE_ADMIN"]
_BODY = b'{"status":"UP"}'


async def bare_app(scope: Any, receive: Any, send: Any) -> None:  # noqa: ANN401
    """A fixed body, no framework: the server's bound."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    await send({
        "type": "http.response.start", "status": 200,
        "headers": [(b"content-type", b"application/json"),
                    (b"content-length", b"15")],
    })  # fmt: skip
    await send({"type": "http.response.body", "body": _BODY})


def serve_bare(port: int) -> None:
    """The bare app on the service's server configuration."""
    import uvicorn  # noqa: PLC0415

    from hmpps_workers.runners.prison_to_probation.http_api.server import (  # noqa: PLC0415
        config,
    )
    from hmpps_workers.runners.prison_to_probation.http_api.settings import (  # noqa: PLC0415
        HttpSettings,
        TokenSettings,
    )

    settings = HttpSettings(
        tokens=TokenSettings.for_auth("http://unused"), host="127.0.0.1", port=port
    )
    uvicorn.Server(config(bare_app, settings)).run()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/health/ping", timeout=1).status_code == 200:  # noqa: PLR2004
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    msg = f"{url} did not start"
    raise RuntimeError(msg)


@contextmanager
def _process(args: list[str], env: Mapping[str, str], url: str) -> Iterator[None]:
    process = subprocess.Popen(  # noqa: S603 - our own command
        args, env={**os.environ, **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        _wait(url)
        yield
    finally:
        process.terminate()
        process.wait(60)


def _load(
    url: str, connections: int, seconds: float, token: str = ""
) -> dict[str, float]:
    out = subprocess.run(  # noqa: S603 - our own command
        [sys.executable, "-m", "benchmarks.http_load", url,
         "--connections", str(connections), "--seconds", str(seconds),
         "--token", token],
        capture_output=True, text=True, check=True, timeout=seconds + 120,
    )  # fmt: skip
    return dict(json.loads(out.stdout))


def _service_env(moto_url: str, stack: ExitStack, port: int) -> dict[str, str]:
    auth = stack.enter_context(FakeHmppsAuth())
    prison, search, community = (
        stack.enter_context(kind(auth=auth))
        for kind in (
            FakePrisonApiServer,
            FakeOffenderSearchServer,
            FakeCommunityApiServer,
        )
    )
    return {
        **aws.aws_environment(moto_url),
        "OAUTH_ENDPOINT_URL": auth.base_url, "OAUTH_CLIENT_ID": auth.client_id,
        "OAUTH_CLIENT_SECRET": auth.client_secret, "PRISON_ENDPOINT_URL": prison.url,
        "OFFENDER_SEARCH_ENDPOINT_URL": search.url,
        "COMMUNITY_ENDPOINT_URL": community.url,
        "DYNAMODB_TABLENAME": "cp-message", "DYNAMODB_SCHEDULE_TABLENAME": "cp-schedule",
        "SERVER_PORT": str(port), "LOG_FORMAT": "json",
        "BENCH_TOKEN": auth.issue(roles=ROLES, lifetime=3600),
    }  # fmt: skip


def _best(rows: list[dict[str, Any]]) -> dict[str, Any]:
    return max(rows, key=lambda r: r["per_second"])


def measure(connections: int, seconds: float, rounds: int) -> list[dict[str, Any]]:
    """The bare app and the service side by side, in one run.

    Both servers stay up and the bare app and /health/ping are loaded in turn,
    `rounds` times each, keeping each one's best, so a burst of other work on a
    shared machine does not land on one side only.
    """
    command = [sys.executable, "-m", "hmpps_workers.runners"]
    with aws.moto_server() as moto_url, ExitStack() as stack:
        bare_port, port = _free_port(), _free_port()
        bare, url = f"http://127.0.0.1:{bare_port}", f"http://127.0.0.1:{port}"
        env = _service_env(moto_url, stack, port)
        token = env.pop("BENCH_TOKEN")
        subprocess.run([*command, "p2p", "bootstrap-aws"], env={**os.environ, **env},  # noqa: S603
                       check=True, capture_output=True)  # fmt: skip
        stack.enter_context(_process(
            [sys.executable, "-m", "benchmarks.p2p_http", "--serve-bare",
             str(bare_port)], {}, bare))  # fmt: skip
        stack.enter_context(_process([*command, "p2p", "serve"], env, url))
        bare_runs, ping_runs = [], []
        for _ in range(rounds):
            bare_runs.append(_load(bare + "/health/ping", connections, seconds))
            ping_runs.append(_load(url + "/health/ping", connections, seconds, token))
        rows = [
            {"app": "bare ASGI", "path": "/health/ping", **_best(bare_runs)},
            {"app": "p2p service", "path": "/health/ping", **_best(ping_runs)},
        ]
        rows += [
            {"app": "p2p service", "path": path,
             **_load(url + path, connections, seconds, token)}
            for path in ("/health", "/report/in-progress")
        ]  # fmt: skip
    return rows


def render(rows: list[dict[str, Any]], connections: int) -> str:
    """The table and the verdict."""
    lines = [
        f"HTTP at {connections} connections",
        f"{'app':<12} {'path':<20} {'req/s':>8} {'p99 ms':>8} {'errors':>6}",
    ]
    lines += [
        f"{r['app']:<12} {r['path']:<20} {r['per_second']:>8.0f} {r['p99_ms']:>8.1f}"
        f" {r['errors']:>6}"
        for r in rows
    ]
    bare = next(r["per_second"] for r in rows if r["app"] == "bare ASGI")
    ping = next(r["per_second"] for r in rows
                if r["app"] == "p2p service" and r["path"] == "/health/ping")  # fmt: skip
    if bare:
        lines.append(f"/health/ping / bare app: {ping / bare:.2f} (target >= 0.5)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Measure, print, write bench-results/http.json."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.p2p_http")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--serve-bare", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_bare:
        serve_bare(args.serve_bare)
        return
    rows = measure(args.connections, args.seconds, args.rounds)
    print(render(rows, args.connections))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "http.json").write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
