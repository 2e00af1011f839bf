"""Run N worker processes that start together and time them from the starting gun.

Each process starts and imports its target's module (which imports the drivers the
target uses) first, then waits on a shared event, so interpreter start-up and imports
are not counted; connecting is. The figure is tasks drained per wall-clock second.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from multiprocessing.synchronize import Event

import attrs

Target = Callable[[str, int], int]  # (database url, batch size) -> tasks processed


@attrs.frozen(kw_only=True)
class Measurement:
    """One row of the results table."""

    system: str
    database: str
    workers: int
    batch_size: int | None
    tasks: int
    seconds: float

    @property
    def per_second(self) -> float:
        """Tasks per second."""
        return self.tasks / self.seconds if self.seconds else 0.0


def _child(
    target: Target,
    url: str,
    batch: int,
    ready: Event,
    go: Event,
    out: multiprocessing.Queue,
) -> None:
    ready.set()
    go.wait()
    start = time.perf_counter()
    done = target(url, batch)
    out.put((done, start, time.perf_counter()))


def measure(
    *,
    system: str,
    database: str,
    url: str,
    workers: int,
    batch_size: int,
    target: Target,
    expected: int,
    count_done: Callable[[], int],
) -> Measurement:
    """Start `workers` processes running `target`, release them together, time them."""
    context = multiprocessing.get_context("spawn")
    go = context.Event()
    out: multiprocessing.Queue = context.Queue()
    readies = [context.Event() for _ in range(workers)]
    processes = [
        context.Process(target=_child, args=(target, url, batch_size, r, go, out))
        for r in readies
    ]
    for process in processes:
        process.start()
    for ready in readies:
        ready.wait(120)
    time.sleep(0.2)  # let every child reach go.wait()
    go.set()
    results = [out.get(timeout=900) for _ in processes]
    for process in processes:
        process.join(60)
    done = count_done()
    seconds = max(r[2] for r in results) - min(r[1] for r in results)
    if done != expected:
        msg = f"{system} on {database} processed {done} of {expected} tasks"
        raise RuntimeError(msg)
    return Measurement(
        system=system,
        database=database,
        workers=workers,
        batch_size=batch_size,
        tasks=done,
        seconds=seconds,
    )
