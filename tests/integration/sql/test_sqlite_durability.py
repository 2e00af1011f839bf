"""SQLite's commit durability: WAL with synchronous NORMAL by default, FULL on request."""

from __future__ import annotations

import pytest

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.metadata import SCHEMAS

# PRAGMA synchronous answers a number: 1 is NORMAL, 2 is FULL.
LEVELS = {"NORMAL": 1, "FULL": 2}


def _levels(url: str, **options: str) -> dict[str, tuple[str, int]]:
    engine = create_database_engine(url, **options)
    try:
        with engine.connect() as connection:
            return {
                schema: (
                    connection.exec_driver_sql(
                        f'PRAGMA "{schema}".journal_mode'
                    ).scalar_one(),
                    connection.exec_driver_sql(
                        f'PRAGMA "{schema}".synchronous'
                    ).scalar_one(),
                )
                for schema in ("main", *SCHEMAS)
            }
    finally:
        engine.dispose()


class TestSqliteSynchronous:
    """Every attached schema file gets the same journal and synchronous setting."""

    def test_each_schema_file_is_wal_with_synchronous_normal_by_default(self, tmp_path):
        """A commit writes the WAL without waiting for the disk; checkpoints sync."""
        actual = _levels(f"sqlite:///{tmp_path / 'd.db'}")
        expected = dict.fromkeys(("main", *SCHEMAS), ("wal", LEVELS["NORMAL"]))
        assert expected == actual

    def test_full_syncs_every_commit_when_asked_for(self, tmp_path):
        """`sqlite_synchronous="FULL"` restores a sync per commit on every file."""
        actual = _levels(f"sqlite:///{tmp_path / 'd.db'}", sqlite_synchronous="FULL")
        expected = dict.fromkeys(("main", *SCHEMAS), ("wal", LEVELS["FULL"]))
        assert expected == actual

    def test_a_level_that_can_corrupt_the_database_is_refused(self, tmp_path):
        """OFF (or anything else) is refused: a crash could corrupt the files."""
        with pytest.raises(ValueError, match="synchronous"):
            create_database_engine(
                f"sqlite:///{tmp_path / 'd.db'}", sqlite_synchronous="OFF"
            )
