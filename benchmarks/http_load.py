"""A small HTTP/1.1 load generator: N keep-alive connections for S seconds.

Run as its own process (`python -m benchmarks.http_load URL`) so it does not share an
interpreter with the server it measures. Plain asyncio sockets rather than an HTTP
client library: the generator must be cheaper per request than the server under test.
Prints one JSON line: requests, errors, seconds, req/s, p50 and p99 in milliseconds.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import time
from urllib.parse import urlsplit


async def _one_connection(
    host: str, port: int, request: bytes, until: float, latencies: list[float]
) -> int:
    errors = 0
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < until:
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            if not head.startswith((b"HTTP/1.1 200", b"HTTP/1.1 503")):
                errors += 1
            latencies.append(time.perf_counter() - start)
    except (OSError, asyncio.IncompleteReadError):
        errors += 1
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
    return errors


async def load(
    url: str, connections: int, seconds: float, token: str
) -> dict[str, float]:
    """Drive `url` from `connections` connections for `seconds`."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    headers = f"GET {path} HTTP/1.1\r\nHost: {parts.netloc}\r\n"
    if token:
        headers += f"Authorization: Bearer {token}\r\n"
    request = (headers + "\r\n").encode()
    latencies: list[float] = []
    start = time.perf_counter()
    until = start + seconds
    errors = await asyncio.gather(
        *(
            _one_connection(parts.hostname or "127.0.0.1", parts.port or 80, request,
                            until, latencies)
            for _ in range(connections)
        )
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)

    def quantile(q: float) -> float:
        return (
            ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000
            if ordered
            else 0.0
        )

    return {
        "requests": len(ordered),
        "errors": sum(errors),
        "seconds": elapsed,
        "per_second": len(ordered) / elapsed if elapsed else 0.0,
        "p50_ms": quantile(0.50),
        "p99_ms": quantile(0.99),
    }


def main(argv: list[str]) -> None:
    """Parse, load, print one JSON line."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.http_load")
    parser.add_argument("url")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--token", default="")
    args = parser.parse_args(argv)
    try:
        import uvloop  # noqa: PLC0415

        runner = uvloop.run
    except ImportError:
        runner = asyncio.run
    result = runner(load(args.url, args.connections, args.seconds, args.token))
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
