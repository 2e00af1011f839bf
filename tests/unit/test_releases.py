"""Releases a team can pin: locked, in lockstep, versioned, licensed, fully declared."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
DISTRIBUTIONS = {
    "hmpps-workers-core": ROOT / "packages/core",
    "hmpps-workers-adapters": ROOT / "packages/adapters",
    "hmpps-workers-runners": ROOT / "runners",
}
# Only behind `if TYPE_CHECKING:` or a find_spec guard, so never needed at run time.
OPTIONAL_IMPORTS = {"moto"}


def project(name):
    path = DISTRIBUTIONS[name] / "pyproject.toml"
    return tomllib.loads(path.read_text())["project"]


def requirements(name, *, extras=True):
    meta = project(name)
    found = [Requirement(r) for r in meta.get("dependencies", [])]
    if extras:
        for group in meta.get("optional-dependencies", {}).values():
            found += [Requirement(r) for r in group]
    return found


def _type_checking_only(node, parents):
    return any(
        isinstance(p, ast.If) and "TYPE_CHECKING" in ast.unparse(p.test)
        for p in parents.get(node, ())
    )


def third_party_imports(folder):
    """Top-level names imported at run time by the distribution's own modules."""
    names = set()
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text())
        parents = {}
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                parents[child] = (*parents.get(parent, ()), parent)
        for node in ast.walk(tree):
            if _type_checking_only(node, parents):
                continue
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {
        n
        for n in names
        if n not in sys.stdlib_module_names and n not in {"hmpps_workers", "__future__"}
    }


def _normal(name):
    return name.lower().replace("_", "-")


class TestLockFile:
    def test_the_lock_file_matches_every_pyproject(self):
        """`uv lock --check` passes: nobody changed a dependency without relocking."""
        result = subprocess.run(
            [sys.executable, "-m", "uv", "lock", "--check", "--offline"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]


class TestLockstep:
    def test_the_three_distributions_share_one_version(self):
        """core, adapters and runners are released together at one version."""
        versions = {project(name)["version"] for name in DISTRIBUTIONS}
        assert len(versions) == 1

    def test_each_depends_on_the_others_at_exactly_that_version(self):
        """Every dependency between them, extras included, pins `==` the version."""
        version = project("hmpps-workers-core")["version"]
        internal = {
            (name, str(r.name), str(r.specifier))
            for name in DISTRIBUTIONS
            for r in requirements(name)
            if r.name in DISTRIBUTIONS
        }
        assert {spec for _, _, spec in internal} == {f"=={version}"}
        assert {(n, d) for n, d, _ in internal} >= {
            ("hmpps-workers-adapters", "hmpps-workers-core"),
            ("hmpps-workers-runners", "hmpps-workers-core"),
            ("hmpps-workers-runners", "hmpps-workers-adapters"),
        }

    def test_the_cli_prints_the_released_version(self):
        """`hmpps-workers --version` names the installed release."""
        result = subprocess.run(
            [sys.executable, "-m", "hmpps_workers.runners", "--version"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        expected = metadata.version("hmpps-workers-runners")
        assert result.stdout.strip() == f"hmpps-workers {expected}"


class TestDeclarations:
    def test_database_drivers_are_extras_only(self):
        """A prison-to-probation-only service installs neither pyodbc nor psycopg."""
        required = {
            r.name.lower()
            for name in DISTRIBUTIONS
            for r in requirements(name, extras=False)
        }
        extras = project("hmpps-workers-adapters")["optional-dependencies"]
        assert ({"pyodbc", "psycopg"} & required, sorted(extras)) == (
            set(),
            ["mssql", "postgres", "testing"],
        )

    def test_every_imported_third_party_package_is_declared(self):
        """Each distribution declares what its modules import (extras count)."""
        providers = metadata.packages_distributions()
        undeclared = {}
        for name, folder in DISTRIBUTIONS.items():
            declared = {_normal(r.name) for r in requirements(name)}
            missing = sorted(
                module
                for module in third_party_imports(folder / "src") - OPTIONAL_IMPORTS
                if not {_normal(d) for d in providers.get(module, [module])} & declared
            )
            if missing:
                undeclared[name] = missing
        assert undeclared == {}

    def test_the_licence_is_mit_as_the_originals(self):
        """LICENSE is the MIT text; each distribution says MIT."""
        text = (ROOT / "LICENSE").read_text()
        assert text.startswith("MIT License")
        assert {project(n)["license"] for n in DISTRIBUTIONS} == {"MIT"}
