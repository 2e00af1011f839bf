"""The image, checked statically (no Docker engine here): pinned, locked, no pip."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DOCKERFILE = ROOT / "runners/images/Dockerfile"


def instructions():
    """(instruction, arguments) with continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    lines = [line.strip() for line in text.splitlines()]
    return [
        tuple(line.split(None, 1))
        for line in lines
        if line and not line.startswith("#")
    ]


def arg_defaults():
    found = {}
    for instruction, rest in instructions():
        if instruction == "ARG" and "=" in rest:
            name, _, value = rest.partition("=")
            found[name] = value
    return found


def stages():
    """Stage name -> its instructions, FROM first."""
    found, current = {}, None
    for instruction, rest in instructions():
        if instruction == "FROM":
            current = rest.split(" AS ")[-1] if " AS " in rest else rest
            found[current] = []
        if current is not None:
            found[current].append((instruction, rest))
    return found


def bases():
    defaults = arg_defaults()
    return [
        re.sub(r"\$\{(\w+)\}", lambda m: defaults[m.group(1)], rest.split()[0])
        for instruction, rest in instructions()
        if instruction == "FROM"
    ]


class TestImage:
    def test_every_base_is_pinned_by_digest(self):
        """Each FROM resolves to an image named by its sha256 digest."""
        assert all(re.search(r"@sha256:[0-9a-f]{64}$", b) for b in bases()), bases()

    def test_the_base_is_the_python_the_tests_run_on(self):
        """The image's Python is the tests' major.minor."""
        ours = f"{sys.version_info.major}.{sys.version_info.minor}"
        assert {b.split(":")[1].split("-")[0] for b in bases()} == {ours}

    def test_dependencies_come_from_the_lock_file(self):
        """uv.lock is copied and installed with --frozen (a stale lock fails the build)."""
        build = stages()["build"]
        copies = " ".join(rest for i, rest in build if i == "COPY")
        runs = " ".join(rest for i, rest in build if i == "RUN")
        assert "uv.lock" in copies
        assert re.search(r"uv sync --frozen --no-dev\b", runs)
        assert "!uv.lock" in (ROOT / ".dockerignore").read_text().splitlines()

    def test_the_runtime_stage_has_no_pip(self):
        """The runtime stage removes pip and never installs with it."""
        runs = " ".join(rest for i, rest in stages()["runtime"] if i == "RUN")
        assert "pip install" not in runs
        assert "pip uninstall -y pip" in runs

    def test_the_sql_server_driver_comes_from_microsofts_repository(self):
        """UnixODBC and ODBC Driver 18 are installed from packages.microsoft.com."""
        runs = " ".join(rest for i, rest in stages()["runtime"] if i == "RUN")
        assert "https://packages.microsoft.com/debian/12/prod" in runs
        assert re.search(r"ACCEPT_EULA=Y apt-get install .*\bunixodbc\b", runs)
        assert "msodbcsql18" in runs

    def test_the_driver_name_the_image_sets_is_the_one_it_installs(self):
        """APVS_DATABASE_ODBC_DRIVER names Driver 18, which the image carries."""
        envs = " ".join(rest for i, rest in stages()["runtime"] if i == "ENV")
        assert 'APVS_DATABASE_ODBC_DRIVER="ODBC Driver 18 for SQL Server"' in envs
