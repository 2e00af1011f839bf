"""The CronJob manifests run commands the CLI has, on schedules that parse."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from croniter import croniter

from hmpps_workers.runners.cli import build_parser

K8S = Path(__file__).resolve().parents[3] / "runners" / "k8s"
CRONJOBS = [
    document
    for path in sorted((K8S / "base").glob("*.yaml"))
    for document in yaml.safe_load_all(path.read_text())
    if document
    and document.get("kind") == "CronJob"
    and document["metadata"]["name"].startswith("hwpv-")
]
ORIGINAL_SCHEDULES = {
    "hwpv-worker-tasks": "*/5 * * * *",
    "hwpv-daily-tasks": "30 4 * * *",
    "hwpv-auto-approval": "30 3 * * *",
    "hwpv-payment-run": "5 0 * * 1-5",
}


def name(document: dict) -> str:
    return document["metadata"]["name"]


class TestCronJobManifests:
    """Every manifest, checked against the CLI and the original Helm chart."""

    def test_there_is_one_cronjob_per_original_schedule(self):
        """Worker tasks, daily, auto-approval and payment, with their schedules."""
        schedules = {name(d): d["spec"]["schedule"] for d in CRONJOBS}
        assert {k: v for k, v in schedules.items() if k.startswith("hwpv-")} == (
            ORIGINAL_SCHEDULES
        )

    @pytest.mark.parametrize("manifest", CRONJOBS, ids=name)
    def test_the_schedule_parses_and_runs_are_never_concurrent(self, manifest):
        """batch/v1, a valid cron expression and concurrencyPolicy Forbid."""
        assert manifest["apiVersion"] == "batch/v1"
        assert croniter.is_valid(manifest["spec"]["schedule"])
        assert manifest["spec"]["concurrencyPolicy"] == "Forbid"

    @pytest.mark.parametrize("manifest", CRONJOBS, ids=name)
    def test_the_command_exists_in_the_cli(self, manifest):
        """The container's arguments parse as an `hmpps-workers` command."""
        spec = manifest["spec"]["jobTemplate"]["spec"]["template"]["spec"]
        (container,) = spec["containers"]
        args = build_parser().parse_args(container["args"])
        assert args.command == container["args"][0]

    @pytest.mark.parametrize("manifest", CRONJOBS, ids=name)
    def test_the_pod_runs_as_non_root_and_never_restarts(self, manifest):
        """Failed runs show as failed Jobs instead of restarting."""
        spec = manifest["spec"]["jobTemplate"]["spec"]["template"]["spec"]
        assert spec["restartPolicy"] == "Never"
        assert spec["securityContext"]["runAsNonRoot"] is True

    def test_the_image_runs_as_a_non_root_user(self):
        """The Dockerfile's final USER is not root."""
        dockerfile = (K8S.parent / "images" / "Dockerfile").read_text().splitlines()
        users = [line.split()[1] for line in dockerfile if line.startswith("USER ")]
        assert users
        assert users[-1].split(":")[0] not in {"0", "root"}
