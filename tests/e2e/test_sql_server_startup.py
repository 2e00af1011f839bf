"""The SQL Server path through pyodbc and FreeTDS: every start-up failure is one line.

A closed port, a port that accepts and never answers, and a driver that is not
installed each end the runner non-zero, within the login timeout, with one line naming
the problem, the server and the variable to check, and never the password.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from support import runner
from support.ports import free_port
from support.sql_server import freetds_driver

PASSWORD = "n0t-the-Real-passw0rd"


@pytest.fixture
def closed_port() -> int:
    return free_port()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def _env(port: int, driver: str) -> dict[str, str]:
    return {
        "APVS_DATABASE_SERVER": f"127.0.0.1,{port}",
        "APVS_DATABASE": "HwPV",
        "APVS_ASYNC_WORKER_USERNAME": "worker",
        "APVS_ASYNC_WORKER_PASSWORD": PASSWORD,
        "APVS_DATABASE_ODBC_DRIVER": driver,
        "APVS_DATABASE_LOGIN_TIMEOUT_SECONDS": "2",
        "APVS_OUTSIDE_SERVICES": "fake",
    }


def _one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[-3000:]
    assert PASSWORD not in result.stdout + result.stderr
    return lines[0]


@pytest.mark.parametrize("command", ["worker-tasks", "daily-tasks"])
class TestSqlServerStartup:
    def test_a_closed_port_is_one_line_naming_the_server_setting(
        self, command, closed_port
    ):
        """Nothing listening: `cannot reach`, the server, APVS_DATABASE_SERVER."""
        result = runner.run([command], _env(closed_port, freetds_driver()), timeout=60)
        assert (result.returncode, _one_line(result)) == (
            1,
            (
                f"hmpps-workers: cannot reach SQL Server 127.0.0.1,{closed_port}/HwPV:"
                " check APVS_DATABASE_SERVER"
            ),
        )

    def test_a_silent_server_is_one_line_after_the_login_timeout(
        self, command, silent_port
    ):
        """Accepted, never answered: the login timeout ends the wait, named."""
        result = runner.run([command], _env(silent_port, freetds_driver()), timeout=60)
        assert (result.returncode, _one_line(result)) == (
            1,
            (
                f"hmpps-workers: SQL Server 127.0.0.1,{silent_port}/HwPV did not answer"
                " within 2 s: check APVS_DATABASE_SERVER"
                " (and APVS_DATABASE_LOGIN_TIMEOUT_SECONDS)"
            ),
        )

    def test_a_driver_that_is_not_installed_names_the_driver_setting(
        self, command, closed_port
    ):
        """An unknown ODBC driver name: APVS_DATABASE_ODBC_DRIVER is named."""
        result = runner.run([command], _env(closed_port, "No Such Driver"), timeout=60)
        assert (result.returncode, _one_line(result)) == (
            1,
            (
                f"hmpps-workers: the ODBC driver for SQL Server 127.0.0.1,{closed_port}/HwPV"
                " is not installed: check APVS_DATABASE_ODBC_DRIVER"
            ),
        )
