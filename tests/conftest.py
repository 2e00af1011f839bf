"""Fixtures every tier shares: the shared fixtures folder and the PostgreSQL server.

A test that needs a server or `../shared` skips with a reason on a developer's machine
and fails when `CI` is set, so a CI run can never pass by skipping: under `CI` any skip
is a failure unless its reason is allowed (`support.ci_skips`: servers a CI machine
is not expected to have, named by an unset variable).

Tests that only need a template or sample events use `samples_dir`: the project's own
ADI-shaped workbook and prison-to-probation samples, generated, in the same layout as
`../shared`. Only comparisons with the originals' artefacts need `shared_dir`.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from support.adi_workbook import write_adi_template
from support.availability import unavailable
from support.p2p_samples import write_samples

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# `support.ci_skips` turns a skip under CI into a failure, `support.logging_guard`
# fails a test that leaves a logging handler behind, `support.log_scan` one during
# which our code logged personal data; pytester tests all three.
pytest_plugins = (
    "pytester",
    "support.ci_skips",
    "support.logging_guard",
    "support.log_scan",
)
POSTGRES_ADMIN_URL = os.environ.get(
    "HMPPS_WORKERS_TEST_POSTGRES_URL",
    "postgresql+psycopg://postgres@127.0.0.1:5432/test",
)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The `../shared` folder of real artefacts from the original services."""
    if not SHARED.is_dir():
        unavailable(f"{SHARED} is absent")
    return SHARED


@pytest.fixture(scope="session")
def samples_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own samples, laid out as `../shared`: no original needed."""
    root = tmp_path_factory.mktemp("samples")
    write_adi_template(root / "fixtures/payments/adi_template.xlsm")
    return write_samples(root)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[sa.URL]:
    """A fresh database on the local PostgreSQL server for this test session."""
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"hmpps_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except sa.exc.OperationalError:
        admin.dispose()
        unavailable(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}")
    try:
        yield sa.make_url(POSTGRES_ADMIN_URL).set(database=name)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()
