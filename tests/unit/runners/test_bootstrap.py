"""One bootstrap per service: one archive set-up, owned resources closed, no network."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hmpps_workers.adapters.aws.p2p_resources import P2pResources
from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.metadata import INT_SCHEMA
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_to_probation import PipelineSettings
from hmpps_workers.core.testing import FakeClock
from hmpps_workers.core.testing.prison_to_probation.world import World
from hmpps_workers.runners.cli import main
from hmpps_workers.runners.env import Env, Secret
from hmpps_workers.runners.logging import LogSettings
from hmpps_workers.runners.prison_to_probation.bootstrap import bootstrap as p2p
from hmpps_workers.runners.prison_to_probation.config import (
    AwsBootstrapConfig,
    P2pConfig,
)
from hmpps_workers.runners.prison_to_probation.embedded import (
    embedded_pipeline,
    sqlite_engine,
)
from hmpps_workers.runners.prison_visits.bootstrap import bootstrap
from hmpps_workers.runners.prison_visits.config import EMBEDDED, WorkerConfig
from hmpps_workers.runners.prison_visits.handlers import handler_ports
from hmpps_workers.runners.process import worker_id

MSSQL = {
    "APVS_DATABASE_SERVER": "db.internal",
    "APVS_DATABASE": "hwpv",
    "APVS_ASYNC_WORKER_USERNAME": "worker",
    "APVS_ASYNC_WORKER_PASSWORD": "pa55-Secret-value",
}


class TestArchiveDatabase:
    """The archive database is configured one way for the handlers and daily jobs."""

    def test_the_archive_database_name_on_sql_server_is_honoured(self):
        """`APVS_ARCHIVE_DATABASE` points at that database on the main server."""
        config = WorkerConfig.from_env(MSSQL | {"APVS_ARCHIVE_DATABASE": "archive"})
        assert config.archive_url is not None
        assert "/archive?" in config.archive_url.value
        assert "pa55" not in repr(config)

    def test_a_malformed_archive_url_names_the_variable(self):
        """ConfigurationError names APVS_ARCHIVE_DATABASE_URL."""
        with pytest.raises(ConfigurationError, match="APVS_ARCHIVE_DATABASE_URL"):
            WorkerConfig.from_env(
                {"APVS_ARCHIVE_DATABASE_URL": "not a url", EMBEDDED: "true"}
            )

    def test_the_handlers_use_the_archive_on_the_int_schema_and_close_it(
        self, tmp_path
    ):
        """ARCHIVE-CLAIM's archive is the bootstrap's; closing disposes its engine."""
        environ = {
            "APVS_DATABASE_URL": f"sqlite:///{tmp_path / 'main.db'}",
            "APVS_ARCHIVE_DATABASE_URL": f"sqlite:///{tmp_path / 'archive.db'}",
            "APVS_OUTSIDE_SERVICES": "fake",
        }
        services = bootstrap(environ=environ)
        archive_engine = services.archive_engine
        assert archive_engine is not None
        assert handler_ports(services).archive is not None
        assert services.config.archive_schemas == (INT_SCHEMA,)
        pool = archive_engine.pool
        services.close()
        assert archive_engine.pool is not pool

    def test_close_leaves_an_engine_it_was_given_alone(self, tmp_path):
        """Only what bootstrap built is disposed."""
        engine = create_database_engine(f"sqlite:///{tmp_path / 'given.db'}")
        services = bootstrap(environ={EMBEDDED: "true"}, engine=engine)
        pool = engine.pool
        services.close()
        assert engine.pool is pool
        engine.dispose()


class TestProcess:
    """The worker id is formatted once, for leases and locks alike."""

    def test_the_p2p_pipeline_owns_its_lock_under_the_worker_id(self):
        """The embedded pipeline's owner is the same string the task worker uses."""
        world = World()
        engine = sqlite_engine(None)
        pipeline = embedded_pipeline(
            engine,
            prison_api=world.prison_api,
            search=world.search,
            community_api=world.community_api,
            telemetry=world.telemetry,
            clock=FakeClock(),
            settings=PipelineSettings(),
        )
        engine.dispose()
        assert worker_id() == pipeline.owner


class TestLogging:
    """The logging variables are read once, checked, for every command."""

    def test_a_bad_log_format_names_the_variable(self):
        """ConfigurationError names LOG_FORMAT."""
        with pytest.raises(ConfigurationError, match="LOG_FORMAT"):
            LogSettings.from_env({"LOG_FORMAT": "xml"})

    def test_the_level_is_read_in_any_case(self):
        """`debug` is DEBUG."""
        assert LogSettings(level="DEBUG") == LogSettings.from_env(
            {"LOGGING_LEVEL": "debug"}
        )

    def test_a_p2p_command_refuses_a_bad_logging_level(self, monkeypatch, capsys):
        """Exit 2 naming LOGGING_LEVEL, before any of the service's settings."""
        monkeypatch.setenv("LOGGING_LEVEL", "LOUD")
        assert main(["p2p", "run-job", "process"]) == 2
        assert "LOGGING_LEVEL" in capsys.readouterr().err


class TestPrisonToProbationBootstrap:
    """bootstrap-aws needs only names; wiring the service reaches no network."""

    def test_bootstrap_aws_needs_no_service_settings(self):
        """With nothing set, the original's local names, and no OAuth or API URLs."""
        assert P2pResources() == AwsBootstrapConfig.from_env({}).aws

    def test_wiring_the_service_reaches_no_network(self, monkeypatch):
        """Every endpoint refuses connections, yet bootstrap returns unconnected."""
        monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
        monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
        monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
        config = P2pConfig.from_env(
            {
                "OAUTH_ENDPOINT_URL": "http://127.0.0.1:9",
                "OAUTH_CLIENT_ID": "client",
                "OAUTH_CLIENT_SECRET": "secret",
                "PRISON_ENDPOINT_URL": "http://127.0.0.1:9",
                "COMMUNITY_ENDPOINT_URL": "http://127.0.0.1:9",
                "OFFENDER_SEARCH_ENDPOINT_URL": "http://127.0.0.1:9",
                "DYNAMODB_TABLENAME": "cp-message",
                "DYNAMODB_SCHEDULE_TABLENAME": "cp-schedule",
            }
        )
        services = p2p(config, clock=FakeClock(), wait_seconds=0)
        services.close()
        assert services.consumer.queue_url == ""


class TestEnv:
    """The one environment reader names the variable and never echoes a secret."""

    def test_a_missing_secret_is_named_and_a_present_one_hidden(self):
        """required_secret names the variable; the value never reaches a repr."""
        with pytest.raises(ConfigurationError, match="OAUTH_CLIENT_SECRET"):
            Env({}).required_secret("OAUTH_CLIENT_SECRET")
        secret = Env({"KEY": "pa55-Secret-value"}).required_secret("KEY")
        assert (Secret("pa55-Secret-value"), "<SECRET>") == (secret, repr(secret))

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [("15m", timedelta(minutes=15)), ("1000", timedelta(seconds=1))],
    )
    def test_a_duration_takes_a_unit_or_bare_milliseconds(self, raw, expected):
        """Spring's forms: 15m, or 1000 (milliseconds)."""
        assert expected == Env({"WAIT": raw}).duration("WAIT", "0")

    def test_a_bad_integer_names_the_variable(self):
        """ConfigurationError names the variable and the range."""
        with pytest.raises(ConfigurationError, match="BATCH must be a whole number"):
            Env({"BATCH": "many"}).integer("BATCH", 1, 1, 10)
