"""Task-row text decoded value by value: a bad value is named, never fatal."""

from __future__ import annotations

from hmpps_workers.adapters.sql.raw_text import ENCODINGS, decode_row

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
