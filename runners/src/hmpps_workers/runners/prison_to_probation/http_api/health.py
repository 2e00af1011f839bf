"""`/health`: every component's ping at once, each with its own timeout, cached.

The original's Spring health indicators were cached for two seconds; here the whole
answer is. Pings run on a small pool at the same time; one that has not answered by
its timeout is DOWN ("timed out") and the answer goes out on time. A ping still
running from an earlier refresh is not started again, so a hung dependency holds one
thread, not one per request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import timedelta
from typing import Any

import attrs

Ping = Callable[[], Mapping[str, object]]
Component = dict[str, Any]


def _down(error: BaseException) -> Component:
    details = getattr(error, "details", None)
    if isinstance(details, dict):
        return {"status": "DOWN", "details": details}
    return {"status": "DOWN", "details": {"error": type(error).__name__}}


@attrs.define
class HealthCheck:
    """The pings by component name, run together and cached."""

    pings: Mapping[str, Ping]
    info: Mapping[str, object] = attrs.field(factory=dict)
    timeout: timedelta = timedelta(seconds=2)
    cache_for: timedelta = timedelta(seconds=2)
    monotonic: Callable[[], float] = time.monotonic
    _pool: ThreadPoolExecutor = attrs.field(init=False)
    _running: dict[str, Future[Mapping[str, object]]] = attrs.field(
        factory=dict, init=False
    )
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False)
    _cached: tuple[float, bool, dict[str, Any]] | None = attrs.field(
        default=None, init=False
    )

    def __attrs_post_init__(self) -> None:
        """One thread per component at most."""
        self._pool = ThreadPoolExecutor(
            max_workers=max(1, len(self.pings)), thread_name_prefix="p2p-health"
        )

    def cached(self) -> tuple[bool, dict[str, Any]] | None:
        """The answer if it is fresh enough, without waiting (None otherwise)."""
        found = self._cached
        if found and self.monotonic() - found[0] < self.cache_for.total_seconds():
            return found[1], found[2]
        return None

    def __call__(self) -> tuple[bool, dict[str, Any]]:
        """(UP?, body); fresh at most `cache_for` ago."""
        with self._lock:
            now = self.monotonic()
            if self._cached and now - self._cached[0] < self.cache_for.total_seconds():
                return self._cached[1], self._cached[2]
            up, body = self._refresh()
            self._cached = (self.monotonic(), up, body)
            return up, body

    def _refresh(self) -> tuple[bool, dict[str, Any]]:
        for name, ping in self.pings.items():
            if name not in self._running or self._running[name].done():
                self._running[name] = self._pool.submit(ping)
        deadline = self.monotonic() + self.timeout.total_seconds()
        components: dict[str, Component] = {
            "healthInfo": {"status": "UP", "details": dict(self.info)}
        }
        for name, future in self._running.items():
            try:
                details = future.result(max(0.0, deadline - self.monotonic()))
            except FutureTimeout:
                components[name] = {"status": "DOWN", "details": {"error": "timed out"}}
            except Exception as error:  # noqa: BLE001 - any failure is DOWN
                components[name] = _down(error)
            else:
                components[name] = {"status": "UP", "details": dict(details)}
        up = all(c["status"] == "UP" for c in components.values())
        return up, {"status": "UP" if up else "DOWN", "components": components}

    def close(self) -> None:
        """Stop the pool without waiting for a hung ping."""
        self._pool.shutdown(wait=False, cancel_futures=True)
