"""Every runner, started with exactly the environment its manifest gives it, exits 0.

Each container's environment is rendered from the prod overlay (its ConfigMap and
Secret, taken with envFrom); the Secret's keys and the values naming outside services
are filled with the e2e environment's (PostgreSQL, moto, the fake HMPPS APIs, the
generated ADI template). The only additions are what the platform injects into a pod:
IRSA's AWS credentials, here moto's, and the endpoint that sends boto3 to moto; and, for
the prison-to-probation service alone, a 1-second SQS long poll instead of the default
20 s, which SIGTERM would otherwise wait out.
"""

from __future__ import annotations

import signal
import time

import httpx
import pytest

from hmpps_workers.adapters.testing.bundle import FakeServices
from support import aws, runner
from support.databases import fresh_engine
from support.hmpps import hmpps_fakes
from support.manifests import container_environment, containers, overlay, workloads
from support.payment_run import BUCKET, bucket, moto_url
from support.ports import free_port

__all__ = ["bucket", "moto_url"]  # fixtures
HWPV_RUNNERS = ("worker-tasks", "daily-tasks", "auto-approval", "payment-run")


def _platform(moto):
    """What the cluster adds to every pod: IRSA credentials (moto's here)."""
    return {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_ENDPOINT_URL": moto,
    }


def _rendered():
    resources = overlay("prod")
    found = {}
    for resource, spec in workloads(resources):
        for container in containers(spec):
            found[resource["metadata"]["name"]] = (resources, container)
    return found


def _environment(name, e2e, secrets, moto, test_only=None):
    """The container's environment, each of its keys the e2e value where one exists.

    `test_only` adds settings the manifest leaves to their defaults, named by the test.
    """
    resources, container = _rendered()[name]
    environment = container_environment(resources, container, secrets)
    filled = {k: e2e.get(k, v) for k, v in environment.items()}
    return {**filled, **_platform(moto), **(test_only or {})}, container["args"]


SECRET_KEYS = ("APVS_NOTIFY_API_KEY", "APVS_DISTANCE_CALCULATION_DIRECTIONS_API_KEY")


@pytest.fixture
def hwpv(postgres_server, bucket, moto_url, samples_dir, tmp_path):
    """The e2e values for the prison-visits runners, and the Secret holding them."""
    url = postgres_server.render_as_string(hide_password=False)
    fakes = FakeServices(with_s3=False).start()
    outside = fakes.environment()
    e2e = {
        **outside,
        "APVS_DATABASE_URL": url,
        "AWS_S3_BUCKET_NAME": BUCKET,
        "APVS_FILE_TMP_DIR": str(tmp_path),
        "APVS_ADI_TEMPLATE_PATH": str(
            samples_dir / "fixtures/payments/adi_template.xlsm"
        ),
    }
    secrets = {"hwpv-worker-secrets": {
        "APVS_DATABASE_URL": url, **{k: outside[k] for k in SECRET_KEYS}}}  # fmt: skip
    try:
        with fresh_engine(url):
            yield e2e, secrets, moto_url
    finally:
        fakes.stop()


class TestManifestEnvironments:
    @pytest.mark.parametrize("name", HWPV_RUNNERS)
    def test_each_prison_visits_runner_exits_0_on_its_manifest_environment(
        self, hwpv, name
    ):
        """worker-tasks, daily-tasks, auto-approval and payment-run succeed as shipped."""
        e2e, secrets, moto = hwpv
        env, args = _environment(f"hwpv-{name}", e2e, secrets, moto)
        result = runner.run(args, env)
        assert result.returncode == 0, result.stdout + result.stderr[-3000:]

    def test_the_prison_to_probation_service_and_housekeeping_exit_0(self, samples_dir):
        """`p2p serve` answers and stops cleanly; the housekeeping CronJob exits 0."""
        with aws.moto_server() as moto, hmpps_fakes(samples_dir) as fakes:
            port = free_port()
            e2e = {**fakes.environment(), "SERVER_PORT": str(port)}
            secrets = {"prison-to-probation-update": {
                "OAUTH_CLIENT_ID": fakes.auth.client_id,
                "OAUTH_CLIENT_SECRET": fakes.auth.client_secret}}  # fmt: skip
            # The one addition: the manifest leaves the long poll at its 20 s default,
            # which SIGTERM waits out; a 1 s poll stops the service as cleanly, sooner.
            quick_poll = {"PRISONTOPROBATION_SQS_WAIT_TIME_SECONDS": "1"}
            env, args = _environment(
                "prison-to-probation-update", e2e, secrets, moto, quick_poll
            )
            booted = runner.run(
                ["p2p", "bootstrap-aws"], env
            )  # the platform's terraform
            assert booted.returncode == 0, booted.stderr[-3000:]
            housekeeping, job_args = _environment(
                "prison-to-probation-update-queue-housekeeping", e2e, secrets, moto
            )
            result = runner.run(job_args, housekeeping)
            assert result.returncode == 0, result.stderr[-3000:]
            process = runner.start(args, env)
            try:
                _wait_until_up(f"http://127.0.0.1:{port}/health/ping", process)
            finally:
                code, stderr = runner.stop(process, signal.SIGTERM)
            assert code == 0, stderr[-3000:]


def _wait_until_up(url, process, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    code = process.poll()
    state = f"exited with {code}" if code is not None else f"no answer in {timeout} s"
    pytest.fail(
        f"the service did not answer on its manifest environment ({state});"
        f" its log ends:\n{process.log_tail()}"
    )
