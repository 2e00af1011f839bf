"""Golden SQL: the message store's conditional save and its migration, on SQL Server."""

from __future__ import annotations

import pytest
from sqlalchemy.dialects import mssql, postgresql

from hmpps_workers.adapters.sql import migrations
from hmpps_workers.adapters.sql.prison_to_probation import (
    P2P_MIGRATIONS,
    add_statement,
    save_statement,
)
from hmpps_workers.core.testing.contracts.prison_to_probation import (
    TRACEPARENT,
    message,
)

MSSQL = mssql.dialect()


def tsql(statement) -> str:
    """T-SQL on one line."""
    return " ".join(str(statement.compile(dialect=MSSQL)).split())


class TestP2pGoldenSql:
    """The statements as SQL Server receives them."""

    def test_add_inserts_every_column_with_the_trace_context(self):
        """One INSERT of every column, traceparent last."""
        statement = add_statement(message("a", traceparent=TRACEPARENT))
        assert tsql(statement) == (
            "INSERT INTO p2p_message (id, [bookingId], [retryCount], [createdDate],"
            " [deleteBy], [eventType], message, [processedDate], reportable,"
            " [offenderNo], [bookingNo], [locationId], [locationDescription], recall,"
            " [legalStatus], status, [matchingCrns], version, traceparent)"
            " VALUES (:id, :bookingId, :retryCount, :createdDate, :deleteBy,"
            " :eventType, :message, :processedDate, :reportable, :offenderNo,"
            " :bookingNo, :locationId, :locationDescription, :recall, :legalStatus,"
            " :status, :matchingCrns, :version, :traceparent)"
        )
        assert statement.compile(dialect=MSSQL).params["traceparent"] == TRACEPARENT

    def test_save_is_conditional_on_the_version_read_and_bumps_it(self):
        """Every column set, the version moved on, only where the version read holds."""
        statement = save_statement(message("a", version=4))
        assert tsql(statement) == (
            "UPDATE p2p_message SET id=:id, [bookingId]=:bookingId,"
            " [retryCount]=:retryCount, [createdDate]=:createdDate,"
            " [deleteBy]=:deleteBy, [eventType]=:eventType, message=:message,"
            " [processedDate]=:processedDate, reportable=:reportable,"
            " [offenderNo]=:offenderNo, [bookingNo]=:bookingNo,"
            " [locationId]=:locationId, [locationDescription]=:locationDescription,"
            " recall=:recall, [legalStatus]=:legalStatus, status=:status,"
            " [matchingCrns]=:matchingCrns, version=:version,"
            " traceparent=:traceparent"
            " WHERE p2p_message.id = :id_1 AND p2p_message.version = :version_1"
        )
        params = statement.compile(dialect=MSSQL).params
        assert (params["version"], params["version_1"]) == (5, 4)

    def test_the_columns_added_since_are_additive_alter_tables(self):
        """Version with a default (rows exist), traceparent nullable; each guarded."""
        assert migrations.script(MSSQL, P2P_MIGRATIONS).split("\nGO\n") == [
            "-- p2p_0001_message_version",
            (
                "IF COL_LENGTH(N'p2p_message', N'version') IS NULL\n"
                "    ALTER TABLE p2p_message ADD version INTEGER DEFAULT 0 NOT NULL;"
            ),
            "-- p2p_0002_message_traceparent",
            (
                "IF COL_LENGTH(N'p2p_message', N'traceparent') IS NULL\n"
                "    ALTER TABLE p2p_message ADD traceparent VARCHAR(64) NULL;\n"
            ),
        ]

    @pytest.mark.parametrize(
        "dialect", [mssql, postgresql], ids=["mssql", "postgresql"]
    )
    def test_the_shipped_scripts_are_what_the_migrations_render(self, dialect):
        """The DBA's scripts beside the HwPV ones match the code."""
        name = dialect.dialect.name
        shipped = migrations.shipped_script_path(name, P2P_MIGRATIONS).read_text()
        assert migrations.script(dialect.dialect(), P2P_MIGRATIONS) == shipped
