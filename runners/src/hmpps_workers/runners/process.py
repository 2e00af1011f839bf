"""This process: its name in leases and locks, and its stop signals, set up once."""

from __future__ import annotations

import logging
import os
import signal
import socket
from collections.abc import Callable
from types import FrameType

log = logging.getLogger("hmpps_workers.runners")

HOST_CHARACTERS = 40  # the lease owner column is narrow


def worker_id() -> str:
    """Name this process in leases and locks: host (pod) name and pid."""
    return f"{socket.gethostname()[:HOST_CHARACTERS]}:{os.getpid()}"


def on_stop(stop: Callable[[], object], *, message: str = "stopping") -> None:
    """Call `stop` on SIGTERM or SIGINT (the one place handlers are installed)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        del frame
        log.info(message, extra={"signal": signum})
        stop()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)
