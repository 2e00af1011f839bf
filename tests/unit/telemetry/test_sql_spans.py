"""SQL statements as dependencies: beneath recorded spans only, nothing personal."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import SpanKind, StatusCode

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.settings import (
    Service,
    SqlInstrumentation,
    telemetry_settings,
)
from hmpps_workers.runners.telemetry.sql_spans import SqlSpans, engine_attributes
from hmpps_workers.runners.telemetry.tracing import tracer
from support.personal_data import leaks
from support.sampling import CountingSampler

PERSONAL = {"name": "Valentina"}


@pytest.fixture
def sql_spans():
    """Our SQL listener on every engine for the length of one test."""
    spans = SqlSpans()
    spans.instrument()
    yield spans
    spans.uninstrument()


@pytest.fixture
def engine():
    """An in-memory SQLite engine with one table."""
    made = sa.create_engine("sqlite://")
    with made.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE visitor (name TEXT)")
    yield made
    made.dispose()


def _select(engine):
    with engine.connect() as connection:
        connection.execute(
            sa.text("SELECT name FROM visitor WHERE name = :name"), PERSONAL
        )


def _sql(exported):
    return [s for s in exported.get_finished_spans() if s.kind is SpanKind.CLIENT]


def _text(span):
    return json.dumps([span.name, dict(span.attributes), span.status.description])


class TestSqlSpans:
    """A span per statement under a recorded span; nothing at all otherwise."""

    def test_a_statement_under_a_recorded_span_is_its_client_child(
        self, sql_spans, engine, exported
    ):
        """Named for the operation, the statement kept, the parameters not."""
        del sql_spans
        with tracer().start_as_current_span("task X") as task:
            _select(engine)
        (span,) = _sql(exported)
        assert (
            span.name,
            span.parent.span_id,
            span.attributes["db.system"],
            span.attributes["db.statement"].startswith("SELECT name FROM visitor"),
            leaks(_text(span)),
        ) == ("SELECT", task.get_span_context().span_id, "sqlite", True, [])

    def test_a_statement_under_a_dropped_span_asks_no_sampler_and_makes_no_span(
        self, engine
    ):
        """The trace is not kept: no span is started, the sampler is not asked."""
        sampler = CountingSampler()
        provider = TracerProvider(sampler=sampler)
        spans = SqlSpans(tracer=provider.get_tracer("test"))
        spans.instrument()
        try:
            with provider.get_tracer("test").start_as_current_span("batch"):
                for _ in range(3):
                    _select(engine)
        finally:
            spans.uninstrument()
        assert sampler.asked == 1  # the batch's own span only

    def test_a_statement_outside_any_span_is_not_recorded(
        self, sql_spans, engine, exported
    ):
        """It belongs to no operation, so it is not a dependency."""
        del sql_spans
        _select(engine)
        assert _sql(exported) == []

    def test_a_failed_statement_is_an_error_naming_only_the_error_type(
        self, sql_spans, engine, exported
    ):
        """The driver's message (which can quote values) is not recorded."""
        del sql_spans
        with (
            tracer().start_as_current_span("task X"),
            pytest.raises(sa.exc.OperationalError),
            engine.connect() as connection,
        ):
            connection.exec_driver_sql("SELECT * FROM missing WHERE n = 'Valentina'")
        (span,) = _sql(exported)
        assert (
            span.status.status_code,
            span.status.description,
            span.attributes["error.type"],
        ) == (StatusCode.ERROR, "OperationalError", "OperationalError")

    def test_each_statement_runs_once_under_a_recorded_span(
        self, sql_spans, engine, exported
    ):
        """The hook runs the statement itself: single, many and no-parameter forms."""
        del sql_spans
        with tracer().start_as_current_span("task X"), engine.begin() as connection:
            connection.execute(sa.text("INSERT INTO visitor VALUES (:name)"), PERSONAL)
            connection.execute(
                sa.text("INSERT INTO visitor VALUES (:name)"),
                [{"name": "a"}, {"name": "b"}],
            )
            connection.exec_driver_sql("DELETE FROM visitor WHERE name = 'a'")
            rows = connection.exec_driver_sql("SELECT count(*) FROM visitor").scalar()
        assert (rows, [s.name for s in _sql(exported)]) == (
            2,
            ["INSERT", "INSERT", "DELETE", "SELECT"],
        )

    def test_an_engine_stays_on_sqlalchemys_path_without_connection_events(
        self, sql_spans, engine, exported
    ):
        """No connection event listened to: SQLAlchemy's no-event path stays (18d)."""
        del sql_spans
        with tracer().start_as_current_span("task X"):
            _select(engine)
        assert (engine._has_events, len(_sql(exported))) == (False, 1)

    def test_engines_made_before_instrumenting_are_covered(self, engine, exported):
        """The listener is on the Engine class, not on each engine."""
        spans = SqlSpans()
        spans.instrument()
        try:
            with tracer().start_as_current_span("task X"):
                _select(engine)
        finally:
            spans.uninstrument()
        assert len(_sql(exported)) == 1

    def test_uninstrumenting_stops_the_spans(self, engine, exported):
        """After uninstrument nothing is recorded."""
        spans = SqlSpans()
        spans.instrument()
        spans.uninstrument()
        with tracer().start_as_current_span("task X"):
            _select(engine)
        assert _sql(exported) == []

    def test_the_engine_attributes_name_system_database_and_server(self):
        """What the exporter needs for a dependency's type and target; no password."""
        engine = sa.create_engine(
            "postgresql+psycopg://hwpv:secret@db.internal:6543/hwpv"
        )
        assert engine_attributes(engine) == {
            "db.system": "postgresql",
            "db.name": "hwpv",
            "db.user": "hwpv",
            "net.peer.name": "db.internal",
            "net.peer.port": 6543,
        }


class TestTheContribInstrumentation:
    """The contrib instrumentation, kept behind a setting, and why it is not used."""

    def test_it_still_asks_the_sampler_for_every_statement_of_a_dropped_trace(
        self, engine
    ):
        """If this fails, the contrib instrumentation learned to skip dropped traces.

        That per-statement work is why `sql_spans` exists: when it is gone,
        consider the contrib instrumentation again (docs/telemetry-cost.md).
        """
        from opentelemetry.instrumentation.sqlalchemy import (  # noqa: PLC0415
            SQLAlchemyInstrumentor,
        )

        sampler = CountingSampler()
        provider = TracerProvider(sampler=sampler)
        instrumentor = SQLAlchemyInstrumentor()
        instrumentor.instrument(
            engine=engine, tracer_provider=provider, skip_dep_check=True
        )
        try:
            with provider.get_tracer("test").start_as_current_span("batch"):
                for _ in range(3):
                    _select(engine)
        finally:
            instrumentor.uninstrument()
        assert sampler.asked >= 1 + 3  # the batch, then each statement (and connect)

    def test_the_setting_brings_it_back_without_connect_spans(self, exported):
        """`opentelemetry`: statements are spans, pool checkouts are not."""
        instrumentor = setup.sql_instrumentor(SqlInstrumentation.OPENTELEMETRY)
        try:
            engine = sa.create_engine("sqlite://")
            with tracer().start_as_current_span("task X"):
                _select_one(engine)
            engine.dispose()
        finally:
            instrumentor.uninstrument()
        assert [s.name for s in _sql(exported)] == ["SELECT"]

    def test_ours_records_what_it_recorded(self, tmp_path, exported):
        """Same name, kind and attributes for the same statement, so the same dependency."""
        url = f"sqlite:///{tmp_path / 'claims.db'}"
        recorded = []
        for choice in (SqlInstrumentation.OPENTELEMETRY, SqlInstrumentation.LEAN):
            instrumentor = setup.sql_instrumentor(choice)
            try:
                engine = sa.create_engine(url)
                with tracer().start_as_current_span("task X"):
                    _select_one(engine)
                engine.dispose()
            finally:
                instrumentor.uninstrument()
            (span,) = _sql(exported)
            recorded.append((span.name, span.kind, dict(span.attributes)))
            exported.clear()
        assert recorded[1] == recorded[0]


def _select_one(engine):
    with engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))


class TestSqlInstrumentationSetting:
    """APPLICATIONINSIGHTS_SQL_INSTRUMENTATION chooses how SQL is recorded."""

    def test_the_default_is_the_lean_listener(self):
        """Unset: lean."""
        settings = telemetry_settings({}, Service.PRISON_VISITS)
        assert settings.sql_instrumentation is SqlInstrumentation.LEAN

    def test_opentelemetry_asks_for_the_contrib_instrumentation(self):
        """Case does not matter."""
        env = {"APPLICATIONINSIGHTS_SQL_INSTRUMENTATION": "OpenTelemetry"}
        settings = telemetry_settings(env, Service.PRISON_TO_PROBATION)
        assert settings.sql_instrumentation is SqlInstrumentation.OPENTELEMETRY

    def test_anything_else_is_a_configuration_error_naming_the_variable(self):
        """A typo fails at start, not silently."""
        env = {"APPLICATIONINSIGHTS_SQL_INSTRUMENTATION": "sometimes"}
        with pytest.raises(ConfigurationError, match="SQL_INSTRUMENTATION"):
            telemetry_settings(env, Service.PRISON_VISITS)
