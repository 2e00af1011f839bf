"""Render the kustomize overlays in Python, and read pods and environments out of them.

Only what `runners/k8s` uses: `resources` (files and folders), `namespace` and `images`.
The same overlays render with `kubectl kustomize` (docs/operations.md); this keeps the
tests free of a kubectl binary.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
K8S = ROOT / "runners" / "k8s"
ENVIRONMENTS = ("dev", "preprod", "prod")
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding"}

Resource = dict[str, Any]


def render(folder: Path) -> list[Resource]:
    """The resources of a kustomization folder, transformed as kustomize would."""
    kustomization = yaml.safe_load((folder / "kustomization.yaml").read_text())
    resources: list[Resource] = []
    for entry in kustomization.get("resources", []):
        path = (folder / entry).resolve()
        if path.is_dir():
            resources.extend(render(path))
        else:
            resources.extend(d for d in yaml.safe_load_all(path.read_text()) if d)
    namespace = kustomization.get("namespace")
    for resource in resources:
        if namespace and resource["kind"] not in CLUSTER_SCOPED:
            resource.setdefault("metadata", {})["namespace"] = namespace
        for image in kustomization.get("images", []):
            _set_image(resource, image)
    return resources


def overlay(environment: str) -> list[Resource]:
    """One environment's rendered manifests."""
    return render(K8S / "overlays" / environment)


def base() -> list[Resource]:
    """The base, as an overlay sees it before its own changes."""
    return render(K8S / "base")


def pod_spec(resource: Resource) -> Resource | None:
    """The pod template's spec of a workload, None for other kinds."""
    spec = resource.get("spec", {})
    if resource["kind"] == "CronJob":
        return spec["jobTemplate"]["spec"]["template"]["spec"]  # type: ignore[no-any-return]
    if resource["kind"] in {"Deployment", "StatefulSet", "DaemonSet", "Job"}:
        return spec["template"]["spec"]  # type: ignore[no-any-return]
    return None


def workloads(resources: list[Resource]) -> Iterator[tuple[Resource, Resource]]:
    """(resource, pod spec) of every workload."""
    for resource in resources:
        spec = pod_spec(resource)
        if spec is not None:
            yield resource, spec


def containers(spec: Resource) -> list[Resource]:
    """Init and regular containers of a pod spec."""
    return [*spec.get("initContainers", []), *spec["containers"]]


def _set_image(resource: Resource, image: Mapping[str, str]) -> None:
    spec = pod_spec(resource)
    if spec is None:
        return
    for container in containers(spec):
        name, _, _ = container["image"].partition(":")
        if name == image["name"]:
            new_name = image.get("newName", name)
            tag = image.get("newTag")
            container["image"] = f"{new_name}:{tag}" if tag else new_name


def container_environment(
    resources: list[Resource],
    container: Resource,
    secrets: Mapping[str, Mapping[str, str]],
) -> dict[str, str]:
    """What the container's process sees: envFrom ConfigMaps and Secrets, then env.

    `secrets` maps a Secret's name to its keys, as the cluster would hold them.
    """
    config_maps = {
        r["metadata"]["name"]: r.get("data", {})
        for r in resources
        if r["kind"] == "ConfigMap"
    }
    environment: dict[str, str] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            environment.update(config_maps[source["configMapRef"]["name"]])
        if "secretRef" in source:
            environment.update(secrets[source["secretRef"]["name"]])
    for variable in container.get("env", []):
        if "value" in variable:
            environment[variable["name"]] = variable["value"]
        else:
            ref = variable["valueFrom"]["secretKeyRef"]
            environment[variable["name"]] = secrets[ref["name"]][ref["key"]]
    return environment
