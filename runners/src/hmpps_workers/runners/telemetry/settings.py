"""Which Application Insights resource to report to, and as which role and instance.

Read from the originals' variables: `APPLICATIONINSIGHTS_CONNECTION_STRING` for both
services, and for the prison-visits worker also the older
`APPINSIGHTS_INSTRUMENTATIONKEY`.
Neither set means telemetry is off: nothing is built and nothing is sent.
"""

from __future__ import annotations

import enum
import socket
from collections.abc import Mapping

import attrs

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.runners.env import Env

CONNECTION_STRING = "APPLICATIONINSIGHTS_CONNECTION_STRING"
INSTRUMENTATION_KEY = "APPINSIGHTS_INSTRUMENTATIONKEY"
ROLE_NAME = "APPLICATIONINSIGHTS_ROLE_NAME"
ROLE_INSTANCE = "APPLICATIONINSIGHTS_ROLE_INSTANCE"
LIVE_METRICS = "APPLICATIONINSIGHTS_LIVE_METRICS"
SQL_INSTRUMENTATION = "APPLICATIONINSIGHTS_SQL_INSTRUMENTATION"
VERSION = "BUILD_NUMBER"


class Service(enum.Enum):
    """The two services, each with the cloud role name its original reported."""

    PRISON_VISITS = "help-with-prison-visits-asynchronous-worker"
    PRISON_TO_PROBATION = "prison-to-probation-update"


class SqlInstrumentation(enum.Enum):
    """How SQL statements become dependencies (`sql_spans` says why)."""

    # Only beneath a recorded span, nothing per statement otherwise: the default.
    LEAN = "lean"
    # The contrib SQLAlchemy instrumentation: a span started for every statement
    # (roots too) and the pool's checkouts as a metric, as before the cut.
    OPENTELEMETRY = "opentelemetry"


@attrs.frozen(kw_only=True)
class TelemetrySettings:
    """Where telemetry goes; `enabled` is False when there is nowhere to send it."""

    connection_string: str | None = attrs.field(default=None, repr=False)
    role_name: str
    role_instance: str
    version: str = "dev"
    live_metrics: bool = False
    sql_instrumentation: SqlInstrumentation = SqlInstrumentation.LEAN

    @property
    def enabled(self) -> bool:
        """True when a connection string (or instrumentation key) was given."""
        return bool(self.connection_string)


def _connection_string(env: Env, service: Service) -> str | None:
    given = env.text(CONNECTION_STRING)
    if given:
        if "instrumentationkey=" not in given.lower():
            raise ConfigurationError(
                f"{CONNECTION_STRING} must hold an InstrumentationKey=... part"
            )
        return given
    key = env.text(INSTRUMENTATION_KEY)
    if key and service is Service.PRISON_VISITS:
        return f"InstrumentationKey={key}"
    return None


def _sql_instrumentation(env: Env) -> SqlInstrumentation:
    given = env.text(SQL_INSTRUMENTATION, SqlInstrumentation.LEAN.value)
    try:
        return SqlInstrumentation(given.lower())
    except ValueError:
        choices = ", ".join(choice.value for choice in SqlInstrumentation)
        raise ConfigurationError(
            f"{SQL_INSTRUMENTATION} must be one of: {choices}"
        ) from None


def telemetry_settings(
    env: Mapping[str, str], service: Service, *, version: str | None = None
) -> TelemetrySettings:
    """The settings for `service` from the environment."""
    read = Env(env)
    return TelemetrySettings(
        connection_string=_connection_string(read, service),
        role_name=read.text(ROLE_NAME, service.value),
        role_instance=read.text(ROLE_INSTANCE) or socket.gethostname(),
        version=version or read.text(VERSION, "dev"),
        live_metrics=read.boolean(LIVE_METRICS, default=False),
        sql_instrumentation=_sql_instrumentation(read),
    )
