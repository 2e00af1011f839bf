"""Golden SQL: the message store's conditional save and its migration, on SQL Server."""

from __future__ import annotations

from sqlalchemy.dialects import mssql

from hmpps_workers.adapters.sql.prison_to_probation import (
    add_version_column,
    save_statement,
)
from hmpps_workers.core.testing.contracts.prison_to_probation import message

MSSQL = mssql.dialect()


def tsql(statement) -> str:
    """T-SQL on one line."""
    return " ".join(str(statement.compile(dialect=MSSQL)).split())


class TestP2pGoldenSql:
    """The statements as SQL Server receives them."""

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
            " [matchingCrns]=:matchingCrns, version=:version"
            " WHERE p2p_message.id = :id_1 AND p2p_message.version = :version_1"
        )
        params = statement.compile(dialect=MSSQL).params
        assert (params["version"], params["version_1"]) == (5, 4)

    def test_the_version_column_is_added_with_a_default(self):
        """An additive ALTER TABLE that SQL Server accepts on a table with rows."""
        assert (
            add_version_column(MSSQL)
            == "ALTER TABLE p2p_message ADD version INTEGER DEFAULT 0 NOT NULL"
        )
