"""Configuration from the original services' environment variables, checked up front.

Every error names the variable and what it should hold, and never echoes a secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.startup import DatabaseTarget
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.tasks.retry import RetryPolicy

DEFAULT_SQLITE_FILE = "hmpps-workers.db"
DEFAULT_ODBC_DRIVER = "ODBC Driver 18 for SQL Server"
_MSSQL_PARTS = (
    "APVS_DATABASE_SERVER",
    "APVS_DATABASE",
    "APVS_ASYNC_WORKER_USERNAME",
    "APVS_ASYNC_WORKER_PASSWORD",
)
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


@attrs.frozen
class Secret:
    """A value that must never be printed."""

    value: str = attrs.field(repr=False)

    def __repr__(self) -> str:
        """Hide the value."""
        return "<SECRET>"

    __str__ = __repr__


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(
            f"{name} must be a whole number from {low} to {high}, got {raw[:20]!r}"
        ) from None
    if not low <= value <= high:
        raise ConfigurationError(f"{name} must be from {low} to {high}, got {value}")
    return value


def _bool(env: Mapping[str, str], name: str, *, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ConfigurationError(f"{name} must be true or false, got {raw[:20]!r}")


@attrs.frozen(kw_only=True)
class DatabaseConfig:
    """Where the HwPV database is; the URL may hold the password, so it is hidden."""

    url: Secret
    description: str
    embedded: bool = False
    login_timeout: int = 10
    query_timeout: int = 120
    server_setting: str = "APVS_DATABASE_URL"
    login_settings: str = "APVS_DATABASE_URL"

    def sqlalchemy_url(self) -> sa.URL:
        """The URL for create_engine."""
        return sa.make_url(self.url.value)

    def target(self) -> DatabaseTarget:
        """What start-up failures name: the database and the settings to check."""
        return DatabaseTarget(
            description=self.description,
            server_setting=self.server_setting,
            login_settings=self.login_settings,
            login_timeout=self.login_timeout,
        )


def _login_timeout(env: Mapping[str, str]) -> int:
    return _int(env, "APVS_DATABASE_LOGIN_TIMEOUT_SECONDS", 10, 1, 300)


def _query_timeout(env: Mapping[str, str]) -> int:
    return _int(env, "APVS_DATABASE_QUERY_TIMEOUT_SECONDS", 120, 0, 86_400)


def database_from_env(
    env: Mapping[str, str], *, cwd: Path | None = None
) -> DatabaseConfig:
    """Read `APVS_DATABASE_URL`, or the original SQL Server variables, or default."""
    url = env.get("APVS_DATABASE_URL", "").strip()
    present = [name for name in _MSSQL_PARTS if env.get(name, "").strip()]
    if url:
        if present:
            raise ConfigurationError(
                "set either APVS_DATABASE_URL or the APVS_DATABASE_SERVER group,"
                f" not both (found {', '.join(present)})"
            )
        try:
            parsed = sa.make_url(url)
        except sa.exc.ArgumentError:
            raise ConfigurationError(
                "APVS_DATABASE_URL is not a database URL"
                " (expected e.g. postgresql+psycopg://user@host/db)"
            ) from None
        return DatabaseConfig(
            url=Secret(url),
            description=parsed.render_as_string(hide_password=True),
            login_timeout=_login_timeout(env),
            query_timeout=_query_timeout(env),
        )
    if present:
        missing = [name for name in _MSSQL_PARTS if name not in present]
        if missing:
            raise ConfigurationError(f"missing database settings: {', '.join(missing)}")
        driver = env.get("APVS_DATABASE_ODBC_DRIVER", "").strip() or DEFAULT_ODBC_DRIVER
        encrypt = _bool(env, "APVS_DATABASE_ENCRYPT", default=True)
        server = env["APVS_DATABASE_SERVER"].strip()
        database = env["APVS_DATABASE"].strip()
        query = {
            "driver": driver,
            "Encrypt": "yes" if encrypt else "no",
            "TrustServerCertificate": "no",
        }
        if "freetds" in driver.lower():
            # FreeTDS's automatic protocol version ignores the login timeout when a
            # server accepts and never answers; 7.4 is SQL Server 2012 and later
            query["TDS_Version"] = "7.4"
        parsed = sa.URL.create(
            "mssql+pyodbc",
            username=env["APVS_ASYNC_WORKER_USERNAME"].strip(),
            password=env["APVS_ASYNC_WORKER_PASSWORD"],
            host=server,
            database=database,
            query=query,
        )
        return DatabaseConfig(
            url=Secret(parsed.render_as_string(hide_password=False)),
            description=f"SQL Server {server}/{database}",
            server_setting="APVS_DATABASE_SERVER",
            login_settings="APVS_ASYNC_WORKER_USERNAME and APVS_ASYNC_WORKER_PASSWORD",
            login_timeout=_login_timeout(env),
            query_timeout=_query_timeout(env),
        )
    path = (cwd or Path.cwd()) / DEFAULT_SQLITE_FILE
    return DatabaseConfig(
        url=Secret(f"sqlite:///{path}"),
        description=f"embedded SQLite database {path}",
        embedded=True,
    )


@attrs.frozen(kw_only=True)
class WorkerConfig:
    """Everything the task worker needs to know."""

    database: DatabaseConfig
    batch_size: int = 10
    lease: timedelta = timedelta(minutes=30)
    retry_policy: RetryPolicy = attrs.field(factory=RetryPolicy)
    log_level: str = "INFO"
    log_format: str = "auto"

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], *, cwd: Path | None = None
    ) -> WorkerConfig:
        """Read and check every worker variable; raise ConfigurationError if wrong."""
        level = env.get("LOGGING_LEVEL", "INFO").strip().upper() or "INFO"
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
            raise ConfigurationError(
                f"LOGGING_LEVEL must be DEBUG, INFO, WARNING or ERROR,"
                f" got {level[:20]!r}"
            )
        log_format = env.get("LOG_FORMAT", "auto").strip().lower() or "auto"
        if log_format not in {"auto", "json", "text"}:
            raise ConfigurationError(
                f"LOG_FORMAT must be auto, json or text, got {log_format[:20]!r}"
            )
        return cls(
            database=database_from_env(env, cwd=cwd),
            batch_size=_int(env, "APVS_ASYNC_WORKER_BATCH_SIZE", 10, 1, 1000),
            lease=timedelta(
                seconds=_int(env, "APVS_TASK_LEASE_SECONDS", 1800, 1, 86_400)
            ),
            retry_policy=RetryPolicy(
                max_attempts=_int(env, "APVS_TASK_MAX_ATTEMPTS", 5, 1, 100),
                base_delay=timedelta(
                    seconds=_int(env, "APVS_TASK_RETRY_BASE_SECONDS", 60, 0, 86_400)
                ),
                max_delay=timedelta(
                    seconds=_int(env, "APVS_TASK_RETRY_MAX_SECONDS", 3600, 0, 604_800)
                ),
            ),
            log_level=level,
            log_format=log_format,
        )
