"""Golden T-SQL as statements a T-SQL parser (and SQL Server) accepts.

The golden files hold SQLAlchemy's compiled text: `:name` bind markers and
`__[POSTCOMPILE_name]` placeholders that SQLAlchemy fills in just before sending.
`executable()` makes them what SQL Server sees: `@name` parameters, `TOP n` literals
and expanded IN lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import mssql

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_FILES = (
    *sorted((ROOT / "tests/unit/prison_visits/golden").glob("*.mssql.sql")),
    *sorted((ROOT / "packages/adapters/src/hmpps_workers/adapters/sql/migrations")
            .glob("*.mssql.sql")),
)  # fmt: skip


def statements(text: str) -> Iterator[str]:
    """The statements of a golden file: comments dropped, split at `;` or GO."""
    text = re.sub(r"^--.*$", "", text, flags=re.MULTILINE)
    for part in re.split(r";\s*\n|^GO\s*$", text, flags=re.MULTILINE):
        if part.strip():
            yield part.strip()


def executable(statement: str) -> str:
    """Bind markers as T-SQL parameters, post-compile placeholders filled in."""
    statement = re.sub(r"TOP __\[POSTCOMPILE_\w+\]", "TOP 10", statement)
    statement = re.sub(r"__\[POSTCOMPILE_(\w+)\]", r"@\1_1, @\1_2", statement)
    return re.sub(r"(?<![:\w]):(\w+)", r"@\1", statement)


def golden_statements() -> Iterator[tuple[str, str]]:
    """(where, statement) for every statement in every golden T-SQL file."""
    for path in GOLDEN_FILES:
        for index, statement in enumerate(statements(path.read_text()), 1):
            yield f"{path.name}#{index}", statement


def compiled(statement: sa.Executable) -> str:
    """A statement as the mssql dialect compiles it."""
    return str(statement.compile(dialect=mssql.dialect()))
