"""Every test says what it checks: a one-line docstring on each test under tests/."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parents[1]


def undocumented(path: Path, root: Path = TESTS) -> list[str]:
    """`file:line name` of each test function or method in `path` with no summary."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        f"{path.relative_to(root)}:{node.lineno} {node.name}"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test")
        and not (ast.get_docstring(node) or "").strip()
    ]


class TestTestDocstrings:
    """The house rule for tests, checked on every test module."""

    def test_every_test_function_and_method_has_a_docstring(self):
        """A test without a one-line docstring is named here, with its place."""
        expected: list[str] = []
        actual = [
            found
            for path in sorted(TESTS.rglob("test_*.py"))
            for found in undocumented(path)
        ]
        assert expected == actual

    def test_the_check_finds_a_test_without_a_docstring(self, tmp_path):
        """The rule itself notices a bare test (so an empty result means something)."""
        bare = tmp_path / "test_bare.py"
        bare.write_text(
            "class TestX:\n    def test_y(self):\n        assert True\n",
            encoding="utf-8",
        )
        expected = ["test_bare.py:2 test_y"]
        actual = undocumented(bare, tmp_path)
        assert expected == actual
