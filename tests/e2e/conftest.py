"""Databases for the runner subprocesses: a SQLite file and a PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from support.databases import fresh_engine, sqlite_url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path) -> Iterator[tuple[str, sa.Engine]]:
    """A fresh database URL (with password) and an engine on it for checks."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path)
    else:
        url = request.getfixturevalue("postgres_server").render_as_string(
            hide_password=False
        )
    with fresh_engine(url) as engine:
        yield url, engine
