"""Configuration never crashes a runner and never echoes a secret, whatever it holds."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.runners.logging import LogSettings
from hmpps_workers.runners.prison_visits.config import WorkerConfig

VARIABLES = (
    "APVS_DATABASE_URL",
    "APVS_DATABASE_SERVER",
    "APVS_DATABASE",
    "APVS_ASYNC_WORKER_USERNAME",
    "APVS_ASYNC_WORKER_BATCH_SIZE",
    "APVS_TASK_LEASE_SECONDS",
    "APVS_TASK_MAX_ATTEMPTS",
    "APVS_TASK_RETRY_BASE_SECONDS",
    "APVS_DATABASE_ENCRYPT",
    "LOGGING_LEVEL",
    "LOG_FORMAT",
)
SECRET = "pa55-Secret-value"


class TestConfigurationFuzz:
    """Any mapping of strings gives a config or a ConfigurationError naming a variable."""

    @given(st.dictionaries(st.sampled_from(VARIABLES), st.text(max_size=40)))
    def test_arbitrary_values_give_a_config_or_a_named_error(self, env):
        """No other exception escapes, and the password never appears in the error."""
        env = {**env, "APVS_ASYNC_WORKER_PASSWORD": SECRET}
        try:
            config = WorkerConfig.from_env(env)
        except ConfigurationError as error:
            message = str(error)
            assert SECRET not in message
            assert any(
                name in message
                for name in (
                    *VARIABLES,
                    "APVS_ASYNC_WORKER_PASSWORD",
                    "APVS_DATABASE_URL",
                )
            )
        else:
            assert SECRET not in repr(config)


class TestLogSettingsFuzz:
    """The logging variables give settings or an error naming the variable."""

    @given(
        st.dictionaries(
            st.sampled_from(("LOGGING_LEVEL", "LOG_FORMAT")), st.text(max_size=40)
        )
    )
    def test_arbitrary_values_give_settings_or_a_named_error(self, env):
        """No other exception escapes; a refusal names LOGGING_LEVEL or LOG_FORMAT."""
        try:
            LogSettings.from_env(env)
        except ConfigurationError as error:
            message = str(error)
            assert "LOGGING_LEVEL" in message or "LOG_FORMAT" in message
