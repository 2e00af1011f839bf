"""Core stays pure: it imports the standard library and attrs, nothing else."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import hmpps_workers.core

CORE = Path(hmpps_workers.core.__file__).parent
ALLOWED = {"attrs", "hmpps_workers"}


def imported_roots(path: Path) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update((alias.name, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add((node.module, node.module))
    return found


class TestCoreImports:
    """The rule of the design, checked on every module of core."""

    def test_core_imports_only_stdlib_attrs_and_itself(self):
        """No adapter, runner or I/O library is imported anywhere in core."""
        offenders = []
        for path in sorted(CORE.rglob("*.py")):
            for module, _ in imported_roots(path):
                root = module.split(".")[0]
                if module.startswith(
                    ("hmpps_workers.adapters", "hmpps_workers.runners")
                ) or (root not in ALLOWED and root not in sys.stdlib_module_names):
                    offenders.append(f"{path.relative_to(CORE)}: {module}")
        assert offenders == []
