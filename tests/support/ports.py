"""Loopback ports for the servers tests start as subprocesses, picked where nothing races.

A port found free by binding port 0 comes from the kernel's ephemeral range, the range
every outgoing connection's local port and every other port-0 bind draws from. Between
the pick and the subprocess binding it (seconds: a `bootstrap-aws` run or two, the
service's own start-up) a connection to moto or to a fake, in this test or in a
parallel one, could take it, and the service then stopped with "address already in
use". The kernel never hands out a port below that range, so a port picked there at
random can only be taken by another such pick: one chance in thousands per pair of
pytest workers starting a service at the same moment, not one per connection made.
"""

from __future__ import annotations

import random
import socket
from pathlib import Path

# Linux's default ephemeral range starts here; read the real one where it is exposed.
_DEFAULT_EPHEMERAL_LOW = 32768
_LOWEST = 10_000  # above the well-known and the usual registered server ports
_ATTEMPTS = 100
_RNG = random.SystemRandom()


def ephemeral_low() -> int:
    """The first port of the kernel's ephemeral range."""
    try:
        text = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text()
        return int(text.split()[0])
    except (OSError, ValueError, IndexError):
        return _DEFAULT_EPHEMERAL_LOW


def _bindable(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    """A loopback port nothing listens on, below the ephemeral range when it can be."""
    high = ephemeral_low()
    if high - _LOWEST >= 1000:  # room enough for a random pick
        for _ in range(_ATTEMPTS):
            port = _RNG.randrange(_LOWEST, high)
            if _bindable(port):
                return port
    with socket.socket() as sock:  # an unusual range: the kernel's pick, racy as before
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
