"""Translate database driver errors into core errors without leaking row data.

SQLAlchemy's own messages include the SQL and, unless the engine hides them, the bound
values, which can be personal data. The translated errors name only the action, the
driver's error class and, where the driver gives one, its SQLSTATE code.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc

from hmpps_workers.adapters.errors import DatabaseError, DatabaseUnavailableError

log = logging.getLogger(__name__)

_TRANSIENT = (exc.OperationalError, exc.InterfaceError, exc.TimeoutError)


def _code(error: exc.SQLAlchemyError) -> str:
    original = getattr(error, "orig", None)
    sqlstate = getattr(original, "sqlstate", None) or getattr(original, "pgcode", None)
    name = type(original).__name__ if original is not None else type(error).__name__
    return f"{name} {sqlstate}" if sqlstate else name


@contextmanager
def translate_errors(action: str) -> Iterator[None]:
    """Raise DatabaseUnavailableError (retryable) or DatabaseError (permanent)."""
    try:
        yield
    except _TRANSIENT as error:
        log.warning(
            "database unavailable", extra={"action": action, "error": _code(error)}
        )
        raise DatabaseUnavailableError(
            f"database unavailable while trying to {action} ({_code(error)})"
        ) from None
    except exc.DBAPIError as error:
        if error.connection_invalidated:
            raise DatabaseUnavailableError(
                f"database connection lost while trying to {action} ({_code(error)})"
            ) from None
        raise DatabaseError(f"database refused to {action} ({_code(error)})") from None
