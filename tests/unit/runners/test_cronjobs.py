"""The CronJob manifests run commands the CLI has, on schedules that parse."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from croniter import croniter

from hmpps_workers.runners.cli import build_parser

K8S = Path(__file__).resolve().parents[3] / "runners" / "k8s"
CRONJOBS = sorted(
    p for p in K8S.glob("*.yaml") if yaml.safe_load(p.read_text())["kind"] == "CronJob"
)
ORIGINAL_SCHEDULES = {
    "hwpv-worker-tasks": "*/5 * * * *",
    "hwpv-daily-tasks": "30 4 * * *",
    "hwpv-auto-approval": "30 3 * * *",
    "hwpv-payment-run": "5 0 * * 1-5",
}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text())


class TestCronJobManifests:
    """Every manifest, checked against the CLI and the original Helm chart."""

    def test_there_is_one_cronjob_per_original_schedule(self):
        """Worker tasks, daily, auto-approval and payment, with their schedules."""
        assert {
            load(p)["metadata"]["name"]: load(p)["spec"]["schedule"] for p in CRONJOBS
        } == ORIGINAL_SCHEDULES

    @pytest.mark.parametrize("path", CRONJOBS, ids=lambda p: p.stem)
    def test_the_schedule_parses_and_runs_are_never_concurrent(self, path):
        """batch/v1, a valid cron expression and concurrencyPolicy Forbid."""
        manifest = load(path)
        assert manifest["apiVersion"] == "batch/v1"
        assert croniter.is_valid(manifest["spec"]["schedule"])
        assert manifest["spec"]["concurrencyPolicy"] == "Forbid"

    @pytest.mark.parametrize("path", CRONJOBS, ids=lambda p: p.stem)
    def test_the_command_exists_in_the_cli(self, path):
        """The container's arguments parse as an `hmpps-workers` command."""
        spec = load(path)["spec"]["jobTemplate"]["spec"]["template"]["spec"]
        (container,) = spec["containers"]
        args = build_parser().parse_args(container["args"])
        assert args.command == container["args"][0]

    @pytest.mark.parametrize("path", CRONJOBS, ids=lambda p: p.stem)
    def test_the_pod_runs_as_non_root_and_never_restarts(self, path):
        """Failed runs show as failed Jobs instead of restarting."""
        spec = load(path)["spec"]["jobTemplate"]["spec"]["template"]["spec"]
        assert spec["restartPolicy"] == "Never"
        assert spec["securityContext"]["runAsNonRoot"] is True

    def test_the_image_runs_as_a_non_root_user(self):
        """The Dockerfile's final USER is not root."""
        dockerfile = (K8S.parent / "images" / "Dockerfile").read_text().splitlines()
        users = [line.split()[1] for line in dockerfile if line.startswith("USER ")]
        assert users
        assert users[-1].split(":")[0] not in {"0", "root"}
