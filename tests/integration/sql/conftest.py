"""Task-store environments on SQLite and PostgreSQL for the contract suite."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import attrs
import pytest
import sqlalchemy as sa
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import (
    InMemorySpanExporter,
)
from opentelemetry.trace import SpanKind, StatusCode, Tracer

from hmpps_workers.adapters.sql.task_tables import TASK_TABLES
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.core.tasks import Schema
from hmpps_workers.core.testing import FakeClock
from hmpps_workers.runners.telemetry.sql_spans import SqlSpans
from support.databases import SQL_BACKENDS, backend_url, fresh_engine


@attrs.define
class SqlEnvironment:
    """A SQL task store with a fake clock and a way to insert as the web apps do."""

    engine: sa.Engine
    store: SqlTaskStore
    clock: FakeClock

    def insert_foreign_row(
        self, schema: Schema, *, task: str, status: str, date_created: datetime
    ) -> int:
        """Insert with the original columns only, as the web apps do."""
        table = TASK_TABLES[schema]
        with self.engine.begin() as connection:
            return int(
                connection.execute(
                    sa.insert(table)
                    .values(Task=task, Status=status, DateCreated=date_created)
                    .returning(table.c.TaskId)
                ).scalar_one()
            )

    def advance(self, delta: timedelta) -> None:
        """Move the clock on."""
        self.clock.advance(delta)


@pytest.fixture(params=SQL_BACKENDS)
def database_url(request, tmp_path) -> sa.URL | str:
    """Each SQL backend: SQLite, PostgreSQL, and SQL Server under MSSQL_URL."""
    return backend_url(request.param, request, tmp_path)


@pytest.fixture
def engine(database_url) -> Iterator[sa.Engine]:
    """A fresh schema on the backend."""
    with fresh_engine(database_url) as engine:
        yield engine


@pytest.fixture
def task_env(engine) -> SqlEnvironment:
    """The contract suite's environment on the backend."""
    return SqlEnvironment(engine=engine, store=SqlTaskStore(engine), clock=FakeClock())


@attrs.frozen
class RecordedSql:
    """Telemetry's SQL hooks on a recording tracer: what a statement became."""

    tracer: Tracer
    exporter: InMemorySpanExporter

    def statements(self) -> list[tuple[str, StatusCode]]:
        """Each SQL span's first word of its statement and its status, in order."""
        return [
            (str(s.attributes["db.statement"]).split()[0], s.status.status_code)
            for s in self.exporter.get_finished_spans()
            if s.attributes is not None and s.kind is SpanKind.CLIENT
        ]


@pytest.fixture
def recorded_sql() -> Iterator[RecordedSql]:
    """`sql_spans`' hooks installed for the test, spans kept in memory."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracer = provider.get_tracer("test")
    spans = SqlSpans(tracer=tracer)
    spans.instrument()
    try:
        yield RecordedSql(tracer=tracer, exporter=exporter)
    finally:
        spans.uninstrument()
