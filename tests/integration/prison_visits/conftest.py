"""A fresh claims database per test, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from support.databases import fresh_engine, sqlite_url


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def engine(request, tmp_path):
    """An engine with every table created empty."""
    if request.param == "sqlite":
        url = sqlite_url(tmp_path)
    else:
        url = request.getfixturevalue("postgres_server")
    with fresh_engine(url) as created:
        yield created


@pytest.fixture
def repository(engine):
    """The claim repository on that engine."""
    return SqlClaimRepository(engine)
