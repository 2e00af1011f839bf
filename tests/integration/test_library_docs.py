"""Every python example of docs/library.md runs as it stands, in a fresh interpreter."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from support.personal_data import leaks

LIBRARY_DOC = Path(__file__).resolve().parents[2] / "docs" / "library.md"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
_HEADING = re.compile(r"^## (.+)$", re.MULTILINE)


def examples() -> list[pytest.param]:
    """(code) per ```python block, named after the section it sits in."""
    text = LIBRARY_DOC.read_text(encoding="utf-8")
    params = []
    for number, block in enumerate(_BLOCK.finditer(text), start=1):
        headings = _HEADING.findall(text, 0, block.start())
        section = headings[-1] if headings else "introduction"
        slug = re.sub(r"[^a-z0-9]+", "-", section.lower()).strip("-")
        params.append(pytest.param(block[1], id=f"{number}-{slug}"))
    return params


class TestLibraryDocs:
    """docs/library.md's examples are executable and pass."""

    def test_the_page_has_examples(self):
        """At least the five sections' examples are found."""
        assert len(examples()) >= 5

    @pytest.mark.parametrize("code", examples())
    def test_example_runs(self, code, tmp_path):
        """The block runs to the end (a block defining tests passes under pytest).

        Its output is scanned for the known personal data, as a runner's is.
        """
        script = tmp_path / "test_example.py"
        script.write_text(code, encoding="utf-8")
        runs_tests = re.search(r"^class Test", code, re.MULTILINE) is not None
        command = (
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W",
             "error", str(script)]
            if runs_tests
            else [sys.executable, str(script)]
        )  # fmt: skip
        result = subprocess.run(
            command,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        output = result.stdout + result.stderr
        assert (result.returncode, leaks(output)) == (0, []), output[-6000:]
