"""Ports for the services the e2e and fault tests start: no race with the kernel's picks."""

from __future__ import annotations

import socket

from support.ports import ephemeral_low, free_port


class TestFreePort:
    """A port picked for a subprocess to bind later cannot be handed out meanwhile."""

    def test_picked_ports_lie_below_the_kernels_ephemeral_range(self):
        """Outgoing connections and port-0 binds never take a picked port."""
        picked = [free_port() for _ in range(20)]
        assert [p for p in picked if p >= ephemeral_low()] == []

    def test_a_picked_port_is_free_to_bind(self):
        """The service can bind the port it is given."""
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", free_port()))
            sock.listen()
