"""The Kubernetes `restricted` Pod Security Standard, as rules over a pod spec.

From kubernetes.io/docs/concepts/security/pod-security-standards (the baseline rules
plus the restricted ones). Each violation is one line naming the field.
"""

from __future__ import annotations

from typing import Any

# restricted: only these volume types
ALLOWED_VOLUMES = {
    "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
    "persistentVolumeClaim", "projected", "secret",
}  # fmt: skip
ALLOWED_ADDED_CAPABILITIES = {"NET_BIND_SERVICE"}
ALLOWED_SECCOMP = {"RuntimeDefault", "Localhost"}


def _containers(spec: dict[str, Any]) -> list[dict[str, Any]]:
    kinds = ("initContainers", "containers", "ephemeralContainers")
    return [c for kind in kinds for c in spec.get(kind, [])]


def _host_namespaces(spec: dict[str, Any]) -> list[str]:
    return [f"spec.{name} is set" for name in ("hostNetwork", "hostPID", "hostIPC")
            if spec.get(name)]  # fmt: skip


def _volumes(spec: dict[str, Any]) -> list[str]:
    found = []
    for volume in spec.get("volumes", []):
        kinds = set(volume) - {"name"}
        if not kinds <= ALLOWED_VOLUMES:
            found.append(f"volume {volume['name']}: {', '.join(sorted(kinds))}")
    return found


def _container(pod: dict[str, Any], container: dict[str, Any]) -> list[str]:
    name = container["name"]
    context = container.get("securityContext", {})
    found = []
    if context.get("privileged"):
        found.append(f"{name}: privileged")
    if context.get("allowPrivilegeEscalation") is not False:
        found.append(f"{name}: allowPrivilegeEscalation is not false")
    capabilities = context.get("capabilities", {})
    if "ALL" not in capabilities.get("drop", []):
        found.append(f"{name}: capabilities.drop lacks ALL")
    if not set(capabilities.get("add", [])) <= ALLOWED_ADDED_CAPABILITIES:
        found.append(f"{name}: capabilities.add beyond NET_BIND_SERVICE")
    if not context.get("runAsNonRoot", pod.get("runAsNonRoot")):
        found.append(f"{name}: runAsNonRoot is not true")
    if context.get("runAsUser", pod.get("runAsUser")) == 0:
        found.append(f"{name}: runAsUser is 0")
    seccomp = context.get("seccompProfile", pod.get("seccompProfile", {}))
    if seccomp.get("type") not in ALLOWED_SECCOMP:
        found.append(f"{name}: seccompProfile is not RuntimeDefault or Localhost")
    if any(port.get("hostPort") for port in container.get("ports", [])):
        found.append(f"{name}: hostPort is set")
    if context.get("procMount", "Default") != "Default":
        found.append(f"{name}: procMount is not Default")
    return found


def restricted_violations(spec: dict[str, Any]) -> list[str]:
    """Every way a pod spec breaks the `restricted` standard; empty when it passes."""
    pod = spec.get("securityContext", {})
    found = [*_host_namespaces(spec), *_volumes(spec)]
    if pod.get("sysctls"):
        found.append("spec.securityContext.sysctls is set")
    for container in _containers(spec):
        found.extend(_container(pod, container))
    return found
