"""The Kubernetes manifests as the platform takes them: schema, pod security, limits."""

from __future__ import annotations

import copy

import jsonschema
import kubernetes_validate
import pytest

from support.manifests import (
    ENVIRONMENTS,
    K8S,
    base,
    containers,
    overlay,
    workloads,
)
from support.pod_security import restricted_violations

KUBERNETES_VERSION = "1.31"
P2P = "prison-to-probation-update"
# The Prometheus Operator's ServiceMonitor, kept to the fields these manifests use.
SERVICE_MONITOR_SCHEMA = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "properties": {
        "apiVersion": {"const": "monitoring.coreos.com/v1"},
        "kind": {"const": "ServiceMonitor"},
        "metadata": {"type": "object", "required": ["name"]},
        "spec": {
            "type": "object",
            "required": ["selector", "endpoints"],
            "additionalProperties": False,
            "properties": {
                "selector": {
                    "type": "object",
                    "properties": {"matchLabels": {"type": "object"}},
                },
                "endpoints": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "properties": {
                            "port": {"type": "string"},
                            "path": {"type": "string"},
                            "interval": {"type": "string", "pattern": "^[0-9]+[smh]$"},
                        },
                    },
                },
            },
        },
    },
}


def validate(resource):
    """Schema-check one resource; ServiceMonitor against the vendored schema."""
    if resource["kind"] == "ServiceMonitor":
        jsonschema.validate(resource, SERVICE_MONITOR_SCHEMA)
    else:
        kubernetes_validate.validate(resource, KUBERNETES_VERSION, strict=True)


@pytest.fixture(params=ENVIRONMENTS)
def rendered(request):
    return overlay(request.param)


class TestSchemas:
    def test_every_rendered_resource_is_valid_for_the_cluster_version(self, rendered):
        """Each overlay's resources pass the Kubernetes schemas, strictly."""
        for resource in rendered:
            validate(resource)

    def test_the_schema_check_catches_an_unknown_field(self):
        """A misspelt field fails the check, so the check is real."""
        job = next(r for r in base() if r["kind"] == "CronJob")
        broken = copy.deepcopy(job)
        broken["spec"]["jobTemplate"]["spec"]["activeDeadlineSecond"] = 60
        with pytest.raises(kubernetes_validate.ValidationError):
            validate(broken)

    def test_each_environment_has_an_overlay_on_the_base(self):
        """dev, preprod and prod overlays exist beside one base."""
        found = sorted(p.name for p in (K8S / "overlays").iterdir())
        assert (found, (K8S / "base/kustomization.yaml").is_file()) == (
            sorted(ENVIRONMENTS),
            True,
        )


class TestImages:
    def test_every_container_has_a_pinned_tag_never_latest(self, rendered):
        """Each environment names its image tag; no container runs `latest`."""
        tags = set()
        for _, spec in workloads(rendered):
            for container in containers(spec):
                name, _, tag = container["image"].rpartition(":")
                assert name, container["image"]
                assert tag not in {"", "latest"}, container["image"]
                tags.add(tag)
        assert len(tags) == 1

    def test_the_base_carries_no_tag(self):
        """Tags live in the overlays only."""
        images = {c["image"] for _, s in workloads(base()) for c in containers(s)}
        assert images == {"hmpps-workers"}


class TestPodSecurity:
    def test_every_pod_passes_the_restricted_standard(self, rendered):
        """No workload breaks a rule of the `restricted` Pod Security Standard."""
        found = {
            r["metadata"]["name"]: restricted_violations(spec)
            for r, spec in workloads(rendered)
        }
        assert {name: v for name, v in found.items() if v} == {}

    def test_the_checker_names_each_broken_rule(self):
        """A root, privileged, host-mounting pod is caught on every count."""
        spec = {
            "hostNetwork": True,
            "volumes": [{"name": "root", "hostPath": {"path": "/"}}],
            "containers": [
                {"name": "bad", "securityContext": {"privileged": True,
                                                    "runAsUser": 0}}],
        }  # fmt: skip
        assert restricted_violations(spec) == [
            "spec.hostNetwork is set",
            "volume root: hostPath",
            "bad: privileged",
            "bad: allowPrivilegeEscalation is not false",
            "bad: capabilities.drop lacks ALL",
            "bad: runAsNonRoot is not true",
            "bad: runAsUser is 0",
            "bad: seccompProfile is not RuntimeDefault or Localhost",
        ]


class TestCronJobs:
    def test_every_cron_job_is_bounded_in_time_retries_history_and_resources(self):
        """activeDeadlineSeconds, backoffLimit, both history limits and resources."""
        jobs = [r for r in base() if r["kind"] == "CronJob"]
        assert len(jobs) == 5
        for job in jobs:
            spec = job["spec"]
            job_spec = spec["jobTemplate"]["spec"]
            assert job_spec["activeDeadlineSeconds"] > 0
            assert "backoffLimit" in job_spec
            assert spec["concurrencyPolicy"] == "Forbid"
            assert spec["successfulJobsHistoryLimit"] > 0
            assert spec["failedJobsHistoryLimit"] > 0
            for container in containers(job_spec["template"]["spec"]):
                resources = container["resources"]
                assert {"cpu", "memory"} <= set(resources["requests"])
                assert {"cpu", "memory"} <= set(resources["limits"])

    def test_no_secret_reference_is_optional(self):
        """A missing Secret stops the pod rather than starting it half-configured."""
        optional = []
        for resource, spec in workloads(base()):
            for container in containers(spec):
                refs = [s["secretRef"] for s in container.get("envFrom", [])
                        if "secretRef" in s]  # fmt: skip
                refs += [e["valueFrom"]["secretKeyRef"] for e in container.get("env", [])
                         if "secretKeyRef" in e.get("valueFrom", {})]  # fmt: skip
                assert refs, resource["metadata"]["name"]
                optional += [r["name"] for r in refs if r.get("optional")]
        assert optional == []

    def test_archiving_is_off_in_the_shipped_configuration(self):
        """The ConfigMap names no archive database: archive-old-claims archives none."""
        config = next(
            r for r in base() if r["metadata"]["name"] == "hwpv-worker-config"
        )
        assert config["data"]["APVS_ARCHIVE_DATABASE"] == ""


class TestPrisonToProbation:
    def _kinds(self):
        return {r["kind"]: r for r in base() if r["metadata"]["name"] == P2P}

    def test_the_service_has_a_service_a_budget_and_a_scrape(self):
        """Service, PodDisruptionBudget and ServiceMonitor select the Deployment's pods."""
        kinds = self._kinds()
        labels = kinds["Deployment"]["spec"]["template"]["metadata"]["labels"]
        selectors = (
            kinds["Service"]["spec"]["selector"],
            kinds["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"],
            kinds["ServiceMonitor"]["spec"]["selector"]["matchLabels"],
        )
        assert all(s.items() <= labels.items() for s in selectors)
        assert (
            kinds["PodDisruptionBudget"]["spec"]["minAvailable"]
            < (kinds["Deployment"]["spec"]["replicas"])
        )

    def test_the_scrape_reads_the_metrics_path_on_the_named_port(self):
        """The ServiceMonitor scrapes /prometheus on the Service's port."""
        kinds = self._kinds()
        endpoint = kinds["ServiceMonitor"]["spec"]["endpoints"][0]
        ports = {p["name"] for p in kinds["Service"]["spec"]["ports"]}
        assert (endpoint["path"], endpoint["port"] in ports) == ("/prometheus", True)
