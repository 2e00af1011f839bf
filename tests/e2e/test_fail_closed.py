"""Configuration fails closed: no embedded database unless asked, start-up failures in one line.

A runner with no database configured exits 2 before claiming anything, naming the
variables, and writes nothing; the embedded default (SQLite and in-process fakes) is
used only when asked for (`--embedded` or HMPPS_WORKERS_EMBEDDED). An unsupported
driver, a malformed Notify key and an unreachable AWS endpoint are each one line.
"""

from __future__ import annotations

import pytest

from support import runner
from support.ports import free_port

PRISON_VISITS = (["worker-tasks"], ["daily-tasks"], ["auto-approval"],
                 ["payment-run"], ["tasks", "counts"])  # fmt: skip


def _one_line(result):
    """The one line that is not a JSON log record (the libraries' INFO logs may precede it)."""
    lines = [
        line for line in result.stderr.strip().splitlines() if not line.startswith("{")
    ]
    assert len(lines) == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    return lines[0]


class TestNoDatabaseConfigured:
    @pytest.mark.parametrize("command", PRISON_VISITS, ids=" ".join)
    def test_exits_2_naming_the_variables_and_writes_nothing(self, command, tmp_path):
        """No database settings: exit 2, the settings named, no SQLite file made."""
        result = runner.run(command, {}, cwd=str(tmp_path))
        line = _one_line(result)
        assert result.returncode == 2
        assert "APVS_DATABASE_URL" in line
        assert "APVS_DATABASE_SERVER" in line
        assert "HMPPS_WORKERS_EMBEDDED" in line
        assert list(tmp_path.iterdir()) == []

    def test_the_embedded_default_runs_when_asked_for_by_variable(self, tmp_path):
        """HMPPS_WORKERS_EMBEDDED=true: SQLite in the working directory, exit 0."""
        result = runner.run(
            ["worker-tasks"], {"HMPPS_WORKERS_EMBEDDED": "true"}, cwd=str(tmp_path)
        )
        assert result.returncode == 0, result.stderr[-3000:]
        assert (tmp_path / "hmpps-workers.db").is_file()

    def test_the_embedded_default_runs_when_asked_for_by_flag(self, tmp_path):
        """`hmpps-workers --embedded worker-tasks` does the same."""
        result = runner.run(["--embedded", "worker-tasks"], {}, cwd=str(tmp_path))
        assert result.returncode == 0, result.stderr[-3000:]
        assert (tmp_path / "hmpps-workers.db").is_file()

    def test_half_configured_sql_server_names_the_missing_settings(self, tmp_path):
        """Only the server: exit 2, the other three named."""
        result = runner.run(
            ["worker-tasks"], {"APVS_DATABASE_SERVER": "db.internal"}, cwd=str(tmp_path)
        )
        line = _one_line(result)
        assert result.returncode == 2
        for name in ("APVS_DATABASE", "APVS_ASYNC_WORKER_USERNAME",
                     "APVS_ASYNC_WORKER_PASSWORD"):  # fmt: skip
            assert name in line


class TestStartUpFailuresAreOneLine:
    def test_an_unsupported_database_driver(self, tmp_path):
        """A URL naming a driver the image lacks: exit 2, APVS_DATABASE_URL named."""
        result = runner.run(
            ["worker-tasks"], {"APVS_DATABASE_URL": "oracle+cx://u:pw@db/x"},
            cwd=str(tmp_path),
        )  # fmt: skip
        line = _one_line(result)
        assert result.returncode == 2
        assert "APVS_DATABASE_URL" in line
        assert "pw" not in line.split("APVS_DATABASE_URL")[1]

    def test_a_malformed_notify_key(self, tmp_path):
        """A Notify key of the wrong shape: exit 2, APVS_NOTIFY_API_KEY named."""
        result = runner.run(
            ["worker-tasks"],
            {
                "APVS_DATABASE_URL": f"sqlite:///{tmp_path / 'hwpv.db'}",
                "APVS_OUTSIDE_SERVICES": "real",
                "APVS_NOTIFY_API_KEY": "not-a-notify-key",
                "APVS_DISTANCE_CALCULATION_ENABLED": "false",
            },
            cwd=str(tmp_path),
        )
        line = _one_line(result)
        assert result.returncode == 2
        assert "APVS_NOTIFY_API_KEY" in line
        assert "not-a-notify-key" not in line

    def test_an_unreachable_aws_endpoint(self, tmp_path):
        """Nothing at the AWS endpoint: exit 1, the endpoint and the variable named."""
        port = free_port()
        result = runner.run(
            ["p2p", "bootstrap-aws"],
            {
                "AWS_ENDPOINT_URL": f"http://127.0.0.1:{port}",
                "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_REGION": "eu-west-2",
                "AWS_MAX_ATTEMPTS": "1",
            },
            cwd=str(tmp_path),
            timeout=120,
        )
        line = _one_line(result)
        assert result.returncode == 1
        assert f"127.0.0.1:{port}" in line
        assert "AWS_ENDPOINT_URL" in line
