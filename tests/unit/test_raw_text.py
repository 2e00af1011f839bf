"""Task-row text decoded value by value: a bad value is named, never fatal."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace
from typing import Any, cast

import sqlalchemy as sa

from hmpps_workers.adapters.sql.raw_text import ENCODINGS, decode_row
from hmpps_workers.adapters.sql.tasks import row_to_task
from hmpps_workers.core.tasks import Schema

COLUMNS = ("Reference", "AdditionalData")


class TestDecodeRow:
    """SQLite sends UTF-8 bytes, SQL Server UTF-16LE bytes, PostgreSQL text."""

    def test_sql_server_lone_surrogate_is_named_not_raised(self):
        """NVARCHAR holding half a surrogate pair: None, and the column named."""
        row = {
            "Reference": "ABC1234".encode("utf-16-le"),
            "AdditionalData": b"\x00\xd8",
        }
        decoded, bad = decode_row(row, COLUMNS, ENCODINGS["mssql"])
        assert (decoded, bad) == (
            {"Reference": "ABC1234", "AdditionalData": None},
            ["AdditionalData"],
        )

    def test_sqlite_utf8_bytes_decode_whole(self):
        """Valid UTF-8, accents and all, decodes to the same text."""
        text = "Zoë~~Æthelflæd~~naïve"
        decoded, bad = decode_row(
            {"AdditionalData": text.encode()}, COLUMNS, ENCODINGS["sqlite"]
        )
        assert (decoded["AdditionalData"], bad) == (text, [])

    def test_text_and_nulls_pass_through(self):
        """PostgreSQL's already-decoded text and NULLs are left as they are."""
        row = {"Reference": "ABC1234", "AdditionalData": None}
        assert decode_row(row, COLUMNS, "utf-8") == (row, [])


def _row(**text: object) -> sa.Row[Any]:
    values = dict.fromkeys(
        (
            "Reference", "EligibilityId", "ClaimId", "AdditionalData",
            "DateProcessed", "Attempts", "NextAttemptDate", "LeaseExpiryDate",
            "LeaseOwner", "LastError",
        )
    )  # fmt: skip
    values |= {
        "TaskId": 7,
        "Status": "PENDING",
        "DateCreated": datetime.now().astimezone(),
    }
    return cast("sa.Row[Any]", SimpleNamespace(_mapping=values | text))


class TestRowToTask:
    """A row read as text on PostgreSQL is taken as it is; bytes are still decoded."""

    def test_text_row_is_read_as_it_is(self):
        """No encoding (PostgreSQL): the text columns as the driver sent them."""
        task = row_to_task(
            Schema.INT, _row(Task="DWP-CHECK", Reference="ABC1234"), None
        )
        assert (task.task, task.reference, task.unreadable) == (
            "DWP-CHECK",
            "ABC1234",
            None,
        )

    def test_bytes_from_a_sql_ascii_database_are_decoded_as_utf8(self):
        """A SQL_ASCII database's text comes as bytes: decoded, a bad value named."""
        row = _row(Task=b"DWP-CHECK", AdditionalData=b"\xff")
        task = row_to_task(Schema.INT, row, None)
        assert (task.task, task.additional_data, task.unreadable) == (
            "DWP-CHECK",
            None,
            (
                "the task row's AdditionalData is not valid UTF-8 text, so the task"
                " cannot be read; correct the row, then retry the task"
            ),
        )
