"""The shape holds: who may import whom, and where configuration is read."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import hmpps_workers.adapters
import hmpps_workers.core
import hmpps_workers.runners

CORE = Path(hmpps_workers.core.__file__).parent
ADAPTERS = Path(hmpps_workers.adapters.__file__).parent
RUNNERS = Path(hmpps_workers.runners.__file__).parent
PRODUCT = (CORE, ADAPTERS, RUNNERS)
SERVICES = ("prison_visits", "prison_to_probation")
CONTRACTS = "hmpps_workers.core.testing.contracts"

# Reading the environment outside runners, each with its reason.
ENVIRONMENT_ALLOWED: dict[str, str] = {}
# The one place signal handlers are installed.
SIGNALS_ALLOWED = {RUNNERS / "process.py"}


def modules(*roots: Path) -> Iterator[tuple[Path, ast.Module]]:
    """Every module under the roots, parsed."""
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports(tree: ast.Module) -> set[str]:
    """The absolute module names a module imports (names imported from included)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def service_of(parts: tuple[str, ...]) -> str | None:
    """The service a path or dotted name belongs to, if it sits in a service folder."""
    for part in parts:
        for service in SERVICES:
            if part == service or part.removesuffix(".py") == service:
                return service
    return None


def name(path: Path) -> str:
    """The path inside the hmpps_workers namespace, e.g. `core/clock.py`."""
    parts = path.parts
    start = len(parts) - parts[::-1].index("hmpps_workers")
    return "/".join(parts[start:])


def environment_reads(tree: ast.Module) -> list[int]:
    """Lines that touch os.environ or os.getenv (or import them from os)."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if (
            isinstance(node, ast.Attribute)
            and node.attr in {"environ", "getenv", "environb"}
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
        )
        or (
            isinstance(node, ast.ImportFrom)
            and node.module == "os"
            and {a.name for a in node.names} & {"environ", "getenv", "environb"}
        )
    ]


class TestLayers:
    """Adapters and core know nothing of the runners."""

    def test_adapters_never_import_runners(self):
        """No adapter module imports hmpps_workers.runners."""
        offenders = [
            f"{name(path)}: {module}"
            for path, tree in modules(ADAPTERS)
            for module in imports(tree)
            if module.startswith("hmpps_workers.runners")
        ]
        assert offenders == []


class TestServices:
    """Prison visits and prison to probation are separate bounded contexts."""

    def test_neither_service_imports_the_others_modules(self):
        """In core, adapters and runners, a service's folder never imports the other."""
        offenders = []
        for path, tree in modules(*PRODUCT):
            own = service_of(tuple(name(path).split("/")))
            if own is None:
                continue
            for module in imports(tree):
                other = service_of(tuple(module.split(".")))
                if module.startswith("hmpps_workers.") and other not in {None, own}:
                    offenders.append(f"{name(path)}: {module}")
        assert offenders == []


class TestContracts:
    """The contract suites are for tests; product code never leans on them."""

    def test_product_code_never_imports_the_contract_suites(self):
        """Outside the contracts package, nothing imports it or its sample data."""
        contracts = CORE / "testing" / "contracts"
        offenders = [
            f"{name(path)}: {module}"
            for path, tree in modules(*PRODUCT)
            if contracts not in path.parents
            for module in imports(tree)
            if module == CONTRACTS or module.startswith(CONTRACTS + ".")
        ]
        assert offenders == []


class TestConfiguration:
    """Configuration is read in runners only, through the one reader."""

    def test_the_environment_is_read_only_in_runners(self):
        """No core or adapter module touches os.environ or os.getenv."""
        offenders = [
            f"{name(path)}:{line}"
            for path, tree in modules(CORE, ADAPTERS)
            if name(path) not in ENVIRONMENT_ALLOWED
            for line in environment_reads(tree)
        ]
        assert offenders == []

    def test_core_has_no_configuration_loading(self):
        """No core class reads a mapping of variables (no `from_env`)."""
        offenders = [
            f"{name(path)}:{node.lineno}"
            for path, tree in modules(CORE)
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name == "from_env"
        ]
        assert offenders == []

    def test_signal_handlers_are_installed_in_one_place(self):
        """Only runners/process.py calls signal.signal."""
        offenders = [
            f"{name(path)}:{node.lineno}"
            for path, tree in modules(*PRODUCT)
            if path not in SIGNALS_ALLOWED
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and node.attr == "signal"
            and isinstance(node.value, ast.Name)
            and node.value.id == "signal"
        ]
        assert offenders == []
