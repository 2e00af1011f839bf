"""One entry point for every check: a session per test tier, lint, typing, bench."""

from __future__ import annotations

import os

import nox

# Compile the installed packages' bytecode at install time. Where the environment sets
# PYTHONDONTWRITEBYTECODE (this machine and CI do), nothing is ever cached, and every
# process the e2e and fault tiers start compiled SQLAlchemy, FastAPI, boto3 and
# OpenTelemetry from source: ~2 s of CPU a runner start, against ~1.6 s with bytecode.
os.environ.setdefault("UV_COMPILE_BYTECODE", "1")
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = False
nox.options.sessions = ["lint", "typing", "unit", "integration", "e2e", "faults", "api"]

PROJECT = (
    "-e", "packages/core",
    "-e", "packages/adapters[mssql,postgres,testing]",
    "-e", "runners",
)  # fmt: skip
PYPROJECT = nox.project.load_toml("pyproject.toml")


def install(session: nox.Session, *groups: str) -> None:
    """Install the three distributions (editable) and the named dependency groups."""
    deps: list[str] = []
    for group in groups:
        deps.extend(nox.project.dependency_groups(PYPROJECT, group))
    session.install(*PROJECT, *deps)


def pytest(session: nox.Session, folder: str, *options: str) -> None:
    """Run one test tier, passing extra arguments through."""
    install(session, "test")
    session.run("pytest", f"tests/{folder}", *options, *session.posargs)


def workers() -> tuple[str, ...]:
    """pytest-xdist options for a tier whose tests are isolated from each other.

    Each worker is a pytest session of its own: its own PostgreSQL database, moto
    servers, fakes and ports. A file's tests stay on one worker (`loadfile`), so a
    module's fixture is built once. One worker per CPU (at most 8): the tiers are
    mostly the runners' start-up, CPU-bound. HMPPS_WORKERS_TEST_WORKERS sets how
    many (`0` runs in one process, as `-- -n 0` does for one run).
    """
    count = os.environ.get("HMPPS_WORKERS_TEST_WORKERS") or str(min(_cpus(), 8))
    return ("-n", count, "--dist", "loadfile")


def _cpus() -> int:
    """The CPUs this process may run on (all of them where that cannot be asked)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows
        return os.cpu_count() or 1


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff lint and format check over everything."""
    install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typing(session: nox.Session) -> None:
    """Mypy --strict over the three packages."""
    install(session, "typing")
    session.run(
        "mypy",
        "-p", "hmpps_workers.core",
        "-p", "hmpps_workers.adapters",
        "-p", "hmpps_workers.runners",
    )  # fmt: skip


@nox.session
def unit(session: nox.Session) -> None:
    """Core and fakes: no network, no sleeping."""
    pytest(session, "unit")


@nox.session
def integration(session: nox.Session) -> None:
    """One adapter at a time against a real server (PostgreSQL, SQLite, moto, fakes)."""
    pytest(session, "integration", "-m", "not mssql", *workers())


@nox.session
def mssql(session: nox.Session) -> None:
    """Every SQL adapter's contract suite and the golden T-SQL on MSSQL_URL's server."""
    if not os.environ.get("MSSQL_URL"):
        session.skip("MSSQL_URL is not set: no SQL Server to run against")
    pytest(session, "integration", "-m", "mssql")


@nox.session
def e2e(session: nox.Session) -> None:
    """The runners as subprocesses against every real part at once."""
    pytest(session, "e2e", *workers())


@nox.session
def faults(session: nox.Session) -> None:
    """Faults injected into running systems; prints what was lost or duplicated."""
    pytest(session, "faults", *workers())


@nox.session
def api(session: nox.Session) -> None:
    """Schemathesis over the service's OpenAPI document, on moto and the fakes."""
    install(session, "test", "api")
    session.run("pytest", "tests/api", *session.posargs)


@nox.session
def smoke(session: nox.Session) -> None:
    """Against a deployed environment named by HMPPS_WORKERS_SMOKE_* variables."""
    if not os.environ.get("HMPPS_WORKERS_SMOKE_DATABASE_URL"):
        session.skip("no target environment: set HMPPS_WORKERS_SMOKE_DATABASE_URL")
    pytest(session, "smoke")


@nox.session
def bench(session: nox.Session) -> None:
    """Throughput figures side by side in one run; prints a table and writes JSON."""
    install(session, "test", "bench")
    session.run("python", "-m", "benchmarks", *session.posargs)


@nox.session
def demo(session: nox.Session) -> None:
    """Quick start: seed sample work on the embedded default and run the workers."""
    install(session)
    session.run("hmpps-workers", "demo", *session.posargs)
