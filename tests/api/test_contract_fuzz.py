"""Schemathesis over /v3/api-docs: the running service on moto and the fakes.

Real tokens from the fake HMPPS Auth carry both roles, so every operation is reached
past its security; the checks are that no answer is a 5xx and every answer matches
the document (status, content type and body schema).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from support import aws
from support.hmpps import hmpps_fakes
from support.personal_data import leaks
from support.ports import free_port
from support.runner import COMMAND, run, runner_env

ROLES = ["ROLE_PTPU_REPORT", "ROLE_PTPU_QUEUE_ADMIN"]
CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


def _wait_up(url, process):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(url + "/health/ping", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail("the service did not start")


@pytest.fixture
def service(tmp_path):
    """The service as a subprocess, its log in a file (the fuzzing logs a lot)."""
    if not SCHEMATHESIS.exists():
        pytest.skip("schemathesis is not installed: run `nox -s api`")
    with aws.moto_server() as moto_url, hmpps_fakes(None) as fakes:
        port = free_port()
        env = {
            **aws.aws_environment(moto_url),
            **fakes.environment(),
            "DYNAMODB_TABLENAME": "cp-message",
            "DYNAMODB_SCHEDULE_TABLENAME": "cp-schedule",
            "PRISONTOPROBATION_SQS_WAIT_TIME_SECONDS": "1",
            "SERVER_PORT": str(port),
        }
        booted = run(["p2p", "bootstrap-aws"], env)
        assert booted.returncode == 0, booted.stderr
        log = tmp_path / "service.log"
        with log.open("w") as sink:
            process = subprocess.Popen(
                [*COMMAND, "p2p", "serve"], env=runner_env(env),
                stdout=sink, stderr=sink, text=True,
            )  # fmt: skip
            url = f"http://127.0.0.1:{port}"
            try:
                _wait_up(url, process)
                yield url, fakes, log
            finally:
                process.send_signal(signal.SIGTERM)
                code = process.wait(60)
        assert code == 0, log.read_text()[-3000:]


class TestContract:
    """The document is the contract the service keeps."""

    def test_no_operation_answers_5xx_or_breaks_its_schema(self, service, tmp_path):
        """Schemathesis, positive and negative cases, real tokens: zero failures."""
        url, fakes, log = service
        token = fakes.auth.issue(roles=ROLES, lifetime=3600)
        result = subprocess.run(
            [
                str(SCHEMATHESIS), "run", url + "/v3/api-docs",
                "--checks", CHECKS,
                "--header", f"Authorization: Bearer {token}",
                "--max-examples", "30", "--seed", "14", "--workers", "2",
                "--generation-database", "none", "--request-timeout", "30",
                "--no-color", "--phases", "examples,coverage,fuzzing",
            ],
            capture_output=True, text=True, timeout=900, cwd=tmp_path, check=False,
        )  # fmt: skip
        output = result.stdout + result.stderr
        print(output[-2500:])  # noqa: T201 - the summary, for the session's log
        assert result.returncode == 0, output[-8000:]
        assert "Traceback" not in log.read_text()
        assert leaks(log.read_text()) == []
