"""Secrets never appear in configuration reprs, configuration errors or --help."""

from __future__ import annotations

import pytest

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.runners.cli import build_parser
from hmpps_workers.runners.prison_visits.config import WorkerConfig
from hmpps_workers.runners.prison_visits.integrations_config import IntegrationsConfig

SECRETS = {
    "APVS_ASYNC_WORKER_PASSWORD": "db-pass-1f9e",
    "APVS_NOTIFY_API_KEY": "notify-key-7c2a",
    "APVS_DWP_BENEFIT_CHECKER_CLIENTREFERENCE": "dwp-ref-55d1",
    "APVS_DISTANCE_CALCULATION_DIRECTIONS_API_KEY": "google-key-0b3e",
    "APVS_ZENDESK_API_KEY": "zendesk-key-91aa",
    "AWS_SECRET_ACCESS_KEY": "aws-secret-4e7f",
}
ENV = {
    **SECRETS,
    "APVS_DATABASE_SERVER": "db.internal",
    "APVS_DATABASE": "hwpv",
    "APVS_ASYNC_WORKER_USERNAME": "worker",
    "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE",
}


def assert_hidden(text: str) -> None:
    leaked = [name for name, value in SECRETS.items() if value in text]
    assert leaked == []


class TestSecretsStayHidden:
    """Every secret the runners read is hidden wherever configuration is shown."""

    def test_worker_config_repr_hides_the_database_password(self):
        """The database URL built from the original variables hides the password."""
        config = WorkerConfig.from_env(ENV)
        assert_hidden(repr(config) + str(config) + config.database.description)

    def test_integrations_config_repr_hides_every_key(self):
        """Notify, DWP, Google, Zendesk and AWS secrets are hidden in reprs."""
        try:
            config = IntegrationsConfig.from_env(ENV)
        except ConfigurationError as error:  # incomplete on purpose is fine
            assert_hidden(str(error))
        else:
            assert_hidden(repr(config))

    @pytest.mark.parametrize(
        "broken",
        [
            {"APVS_ASYNC_WORKER_BATCH_SIZE": "ten"},
            {"APVS_DATABASE": ""},
            {"APVS_DISTANCE_CALCULATION_API": "carrier-pigeon"},
        ],
    )
    def test_configuration_errors_never_quote_a_secret(self, broken):
        """A broken setting beside the secrets names itself, not them."""
        env = {**ENV, **broken}
        for load in (WorkerConfig.from_env, IntegrationsConfig.from_env):
            try:
                load(env)
            except ConfigurationError as error:
                assert_hidden(str(error))

    def test_help_output_carries_no_secret(self, monkeypatch):
        """--help at every level, with the secrets in the environment."""
        for name, value in ENV.items():
            monkeypatch.setenv(name, value)
        parser = build_parser()
        actions = [
            a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"
        ]
        texts = [parser.format_help()]
        texts.extend(sub.format_help() for sub in actions[0].choices.values())
        assert_hidden("\n".join(texts))
