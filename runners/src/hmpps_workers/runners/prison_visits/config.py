"""The prison-visits database settings, shared by every prison-visits command.

Read through the one environment reader, so every error names the variable and what
it should hold, and never echoes a secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import SQLITE_SYNCHRONOUS_LEVELS
from hmpps_workers.adapters.sql.metadata import INT_SCHEMA
from hmpps_workers.adapters.sql.startup import DatabaseTarget
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.tasks.retry import RetryPolicy
from hmpps_workers.runners.env import Env, Secret
from hmpps_workers.runners.prison_visits import EMBEDDED

DEFAULT_SQLITE_FILE = "hmpps-workers.db"
SQLITE_SYNCHRONOUS = "HMPPS_WORKERS_SQLITE_SYNCHRONOUS"
DEFAULT_ODBC_DRIVER = "ODBC Driver 18 for SQL Server"
_MSSQL_PARTS = (
    "APVS_DATABASE_SERVER",
    "APVS_DATABASE",
    "APVS_ASYNC_WORKER_USERNAME",
    "APVS_ASYNC_WORKER_PASSWORD",
)


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
    sqlite_synchronous: str = "NORMAL"

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


SUPPORTED_BACKENDS = ("mssql", "postgresql", "sqlite")
NO_DATABASE = (
    "no database configured: set APVS_DATABASE_URL, or APVS_DATABASE_SERVER,"
    " APVS_DATABASE, APVS_ASYNC_WORKER_USERNAME and APVS_ASYNC_WORKER_PASSWORD"
    f" (for the embedded SQLite database and fakes: --embedded or {EMBEDDED}=true)"
)


def _login_timeout(env: Mapping[str, str]) -> int:
    return Env(env).integer("APVS_DATABASE_LOGIN_TIMEOUT_SECONDS", 10, 1, 300)


def _query_timeout(env: Mapping[str, str]) -> int:
    return Env(env).integer("APVS_DATABASE_QUERY_TIMEOUT_SECONDS", 120, 0, 86_400)


def _sqlite_synchronous(env: Mapping[str, str]) -> str:
    value = Env(env).text(SQLITE_SYNCHRONOUS, "NORMAL").upper()
    if value not in SQLITE_SYNCHRONOUS_LEVELS:
        raise ConfigurationError(
            f"{SQLITE_SYNCHRONOUS} must be NORMAL or FULL (got {value[:20]!r})"
        )
    return value


def _supported(parsed: sa.URL) -> sa.URL:
    """Refuse a URL naming a database this project does not run on, by name."""
    if parsed.get_backend_name() not in SUPPORTED_BACKENDS:
        raise ConfigurationError(
            f"APVS_DATABASE_URL names an unsupported database ({parsed.drivername}):"
            " use mssql+pyodbc, postgresql+psycopg or sqlite"
        )
    return parsed


def database_from_env(
    env: Mapping[str, str], *, cwd: Path | None = None
) -> DatabaseConfig:
    """Read `APVS_DATABASE_URL`, or the original SQL Server variables.

    With neither, the embedded SQLite default only when HMPPS_WORKERS_EMBEDDED asks
    for it; otherwise ConfigurationError naming the variables (exit 2).
    """
    reader = Env(env)
    url = reader.text("APVS_DATABASE_URL")
    present = [name for name in _MSSQL_PARTS if reader.present(name)]
    if url:
        if present:
            raise ConfigurationError(
                "set either APVS_DATABASE_URL or the APVS_DATABASE_SERVER group,"
                f" not both (found {', '.join(present)})"
            )
        try:
            parsed = _supported(sa.make_url(url))
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
            sqlite_synchronous=_sqlite_synchronous(env),
        )
    if present:
        missing = [name for name in _MSSQL_PARTS if name not in present]
        if missing:
            raise ConfigurationError(f"missing database settings: {', '.join(missing)}")
        driver = reader.text("APVS_DATABASE_ODBC_DRIVER", DEFAULT_ODBC_DRIVER)
        encrypt = reader.boolean("APVS_DATABASE_ENCRYPT", default=True)
        server = reader.text("APVS_DATABASE_SERVER")
        database = reader.text("APVS_DATABASE")
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
            username=reader.text("APVS_ASYNC_WORKER_USERNAME"),
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
    if not reader.boolean(EMBEDDED, default=False):
        raise ConfigurationError(NO_DATABASE)
    path = (cwd or Path.cwd()) / DEFAULT_SQLITE_FILE
    return DatabaseConfig(
        url=Secret(f"sqlite:///{path}"),
        description=f"embedded SQLite database {path}",
        embedded=True,
        sqlite_synchronous=_sqlite_synchronous(env),
    )


def archive_url(env: Mapping[str, str], main: DatabaseConfig) -> Secret | None:
    """`APVS_ARCHIVE_DATABASE_URL`, or `APVS_ARCHIVE_DATABASE` on the main server."""
    reader = Env(env)
    url = reader.text("APVS_ARCHIVE_DATABASE_URL")
    if url:
        try:
            sa.make_url(url)
        except sa.exc.ArgumentError:
            raise ConfigurationError(
                "APVS_ARCHIVE_DATABASE_URL is not a database URL"
            ) from None
        return Secret(url)
    name = reader.text("APVS_ARCHIVE_DATABASE")
    parsed = main.sqlalchemy_url()
    if name and parsed.get_backend_name() == "mssql":
        return Secret(parsed.set(database=name).render_as_string(hide_password=False))
    return None


@attrs.frozen(kw_only=True)
class WorkerConfig:
    """The database, the task engine's settings and the archive database."""

    database: DatabaseConfig
    batch_size: int = 10
    lease: timedelta = timedelta(minutes=30)
    retry_policy: RetryPolicy = attrs.field(factory=RetryPolicy)
    archive_url: Secret | None = None
    archive_schemas: tuple[str, ...] = (INT_SCHEMA,)

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], *, cwd: Path | None = None
    ) -> WorkerConfig:
        """Read and check every worker variable; raise ConfigurationError if wrong."""
        reader = Env(env)
        database = database_from_env(env, cwd=cwd)
        return cls(
            database=database,
            batch_size=reader.integer("APVS_ASYNC_WORKER_BATCH_SIZE", 10, 1, 1000),
            lease=reader.seconds("APVS_TASK_LEASE_SECONDS", 1800, 1, 86_400),
            retry_policy=RetryPolicy(
                max_attempts=reader.integer("APVS_TASK_MAX_ATTEMPTS", 5, 1, 100),
                base_delay=reader.seconds(
                    "APVS_TASK_RETRY_BASE_SECONDS", 60, 0, 86_400
                ),
                max_delay=reader.seconds(
                    "APVS_TASK_RETRY_MAX_SECONDS", 3600, 0, 604_800
                ),
            ),
            archive_url=archive_url(env, database),
        )
