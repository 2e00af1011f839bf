"""Start-up database failures as one line each; SQL Server login and query timeouts."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.startup import describe
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.runners.prison_visits.config import (
    EMBEDDED,
    SQLITE_SYNCHRONOUS,
    database_from_env,
)

SQL_SERVER = {
    "APVS_DATABASE_SERVER": "db.internal,1433",
    "APVS_DATABASE": "HwPV",
    "APVS_ASYNC_WORKER_USERNAME": "worker",
    "APVS_ASYNC_WORKER_PASSWORD": "Sup3r-secret",
}
TARGET = database_from_env(SQL_SERVER).target()


class DriverError(Exception):
    """Shaped like pyodbc's errors: (SQLSTATE, message)."""


def odbc(state, text):
    return sa.exc.OperationalError("SELECT 1", None, DriverError(state, text))


class TestDescribe:
    @pytest.mark.parametrize(
        ("error", "expected"),
        [
            (
                odbc("08S01", "[FreeTDS]Unable to connect: Sup3r-secret"),
                (
                    "cannot reach SQL Server db.internal,1433/HwPV:"
                    " check APVS_DATABASE_SERVER"
                ),
            ),
            (
                odbc("HYT00", "Login timeout expired"),
                (
                    "SQL Server db.internal,1433/HwPV did not answer within 10 s:"
                    " check APVS_DATABASE_SERVER (and APVS_DATABASE_LOGIN_TIMEOUT_SECONDS)"
                ),
            ),
            (
                odbc("28000", "Login failed for user 'worker'"),
                (
                    "SQL Server db.internal,1433/HwPV refused the login:"
                    " check APVS_ASYNC_WORKER_USERNAME and APVS_ASYNC_WORKER_PASSWORD"
                ),
            ),
            (
                sa.exc.DBAPIError(
                    "SELECT 1", None, DriverError("01000", "Can't open lib 'X'")
                ),
                (
                    "the ODBC driver for SQL Server db.internal,1433/HwPV is not"
                    " installed: check APVS_DATABASE_ODBC_DRIVER"
                ),
            ),
            (
                ImportError("libodbc.so.2: cannot open shared object", name="pyodbc"),
                (
                    "the database driver cannot be loaded (pyodbc): install unixODBC and"
                    " the ODBC driver (the image carries both), or check"
                    " APVS_DATABASE_ODBC_DRIVER"
                ),
            ),
        ],
        ids=["unreachable", "silent", "login-refused", "no-driver", "no-libodbc"],
    )
    def test_each_failure_is_one_line_naming_the_setting(self, error, expected):
        """The problem, the server and the variable; never the driver's text."""
        assert describe(error, TARGET) == expected

    def test_a_url_database_names_apvs_database_url(self):
        """With APVS_DATABASE_URL, that is the variable to check, password hidden."""
        target = database_from_env(
            {"APVS_DATABASE_URL": "postgresql+psycopg://u:pw-123456@db.internal/x"}
        ).target()
        assert describe(odbc("08001", "refused"), target) == (
            "cannot reach postgresql+psycopg://u:***@db.internal/x:"
            " check APVS_DATABASE_URL"
        )


class TestSqlServerTimeouts:
    def test_login_and_query_timeouts_default_and_can_be_set(self):
        """10 s to log in and 120 s per statement unless configured."""
        default = database_from_env(SQL_SERVER)
        configured = database_from_env(
            {
                **SQL_SERVER,
                "APVS_DATABASE_LOGIN_TIMEOUT_SECONDS": "3",
                "APVS_DATABASE_QUERY_TIMEOUT_SECONDS": "30",
            }
        )
        assert (default.login_timeout, default.query_timeout) == (10, 120)
        assert (configured.login_timeout, configured.query_timeout) == (3, 30)

    def test_the_driver_name_is_configurable_and_freetds_gets_a_protocol(self):
        """APVS_DATABASE_ODBC_DRIVER chooses the driver; FreeTDS is pinned to TDS 7.4."""
        url = database_from_env(
            {**SQL_SERVER, "APVS_DATABASE_ODBC_DRIVER": "FreeTDS"}
        ).sqlalchemy_url()
        assert (url.query["driver"], url.query["TDS_Version"]) == ("FreeTDS", "7.4")
        default = database_from_env(SQL_SERVER).sqlalchemy_url()
        assert default.query["driver"] == "ODBC Driver 18 for SQL Server"
        assert "TDS_Version" not in default.query


class TestFailsClosed:
    def test_no_database_configured_is_an_error_naming_the_variables(self, tmp_path):
        """Nothing set: ConfigurationError naming both ways and the embedded switch."""
        with pytest.raises(ConfigurationError) as raised:
            database_from_env({}, cwd=tmp_path)
        message = str(raised.value)
        for name in ("APVS_DATABASE_URL", "APVS_DATABASE_SERVER", EMBEDDED):
            assert name in message

    def test_the_embedded_default_only_when_asked_for(self, tmp_path):
        """HMPPS_WORKERS_EMBEDDED=true: SQLite in the working directory."""
        config = database_from_env({EMBEDDED: "true"}, cwd=tmp_path)
        assert (config.embedded, config.sqlalchemy_url().database) == (
            True,
            str(tmp_path / "hmpps-workers.db"),
        )

    @pytest.mark.parametrize(
        "url", ["oracle+cx_oracle://u:pw@db/x", "mysql://u:pw@db/x", "foo://x/y"]
    )
    def test_an_unsupported_database_names_the_variable_not_the_password(self, url):
        """A URL for a database this project does not run on is refused by name."""
        with pytest.raises(ConfigurationError, match="APVS_DATABASE_URL") as raised:
            database_from_env({"APVS_DATABASE_URL": url})
        assert ":pw@" not in str(raised.value)


class TestSqliteSynchronous:
    def test_normal_by_default_and_full_when_asked_for(self, tmp_path):
        """HMPPS_WORKERS_SQLITE_SYNCHRONOUS picks SQLite's commit durability."""
        embedded = {EMBEDDED: "true"}
        default = database_from_env(embedded, cwd=tmp_path)
        full = database_from_env(
            embedded | {SQLITE_SYNCHRONOUS: " full "}, cwd=tmp_path
        )
        assert (default.sqlite_synchronous, full.sqlite_synchronous) == (
            "NORMAL",
            "FULL",
        )

    def test_another_value_is_an_error_naming_the_variable(self, tmp_path):
        """Only FULL and NORMAL keep a WAL database consistent after power loss."""
        with pytest.raises(ConfigurationError, match=SQLITE_SYNCHRONOUS):
            database_from_env(
                {EMBEDDED: "true", SQLITE_SYNCHRONOUS: "OFF"}, cwd=tmp_path
            )
