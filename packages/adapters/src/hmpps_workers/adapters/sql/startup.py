"""One connection before any work, so a database problem is one clear line at start-up.

A runner that cannot load its driver, reach its server, log in, or get an answer
within the login timeout stops here, before claiming anything, with a message naming
the problem, the host (not personal data) and the setting to check. Credentials and
driver tracebacks never reach the message.
"""

from __future__ import annotations

import contextvars
import re
import threading

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.errors import DatabaseUnavailableError

# SQLSTATEs the ODBC driver managers and SQL Server drivers report at login
_TIMEOUT_STATES = {"HYT00", "HYT01"}
_UNREACHABLE_STATES = {"08001", "08S01"}
_LOGIN_STATES = {"28000"}
_NO_DRIVER = re.compile(r"Can't open lib|Data source name not found|IM002")


class DatabaseStartupError(DatabaseUnavailableError):
    """The database could not be used at start-up."""


@attrs.frozen(kw_only=True)
class DatabaseTarget:
    """What the messages name: where the database is and which settings say so."""

    description: str
    server_setting: str = "APVS_DATABASE_URL"
    login_settings: str = "APVS_DATABASE_URL"
    driver_setting: str = "APVS_DATABASE_ODBC_DRIVER"
    login_timeout_setting: str = "APVS_DATABASE_LOGIN_TIMEOUT_SECONDS"
    login_timeout: float = 10


def _state(error: BaseException) -> str:
    args = getattr(error, "args", ())
    first = args[0] if args else ""
    if isinstance(first, str) and re.fullmatch(r"[0-9A-Z]{5}", first):
        return first
    return str(getattr(error, "sqlstate", "") or "")


def describe(error: BaseException, target: DatabaseTarget) -> str:
    """One line for a failed first connection; never the driver's text verbatim."""
    original = getattr(error, "orig", None) or error
    text = " ".join(str(a) for a in getattr(original, "args", ()))
    state = _state(original)
    where = target.description
    if isinstance(error, ImportError):
        return (
            f"the database driver cannot be loaded ({error.name or 'driver'}):"
            " install unixODBC and the ODBC driver (the image carries both),"
            f" or check {target.driver_setting}"
        )
    if _NO_DRIVER.search(text):
        return (
            f"the ODBC driver for {where} is not installed:"
            f" check {target.driver_setting}"
        )
    if state in _TIMEOUT_STATES or "timeout" in text.lower():
        return (
            f"{where} did not answer within {target.login_timeout:g} s:"
            f" check {target.server_setting} (and {target.login_timeout_setting})"
        )
    if state in _LOGIN_STATES or "login failed" in text.lower():
        return f"{where} refused the login: check {target.login_settings}"
    if state in _UNREACHABLE_STATES or isinstance(error, sa.exc.OperationalError):
        return f"cannot reach {where}: check {target.server_setting}"
    return (
        f"cannot use {where} ({type(original).__name__}): check {target.server_setting}"
    )


def _select_one(engine: sa.Engine, outcome: list[BaseException | None]) -> None:
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
        outcome.append(None)
    except (sa.exc.DBAPIError, ImportError) as error:
        outcome.append(error)


def check_connection(
    engine: sa.Engine, target: DatabaseTarget, *, grace: float = 5
) -> None:
    """Connect and run `SELECT 1`; raise DatabaseStartupError with one clear line.

    The driver's login timeout should end a silent server's wait; the thread's
    deadline (login timeout plus `grace`) ends it when a driver ignores that.
    """
    outcome: list[BaseException | None] = []
    # The caller's context goes with the check, so a trace in progress is its parent.
    context = contextvars.copy_context()
    thread = threading.Thread(
        target=context.run,
        args=(_select_one, engine, outcome),
        name="db-check",
        daemon=True,
    )
    thread.start()
    thread.join(target.login_timeout + grace)
    if not outcome:
        raise DatabaseStartupError(describe(TimeoutError("timeout"), target))
    error = outcome[0]
    if error is not None:
        # the runner prints this one line; the driver's text and traceback stay out
        raise DatabaseStartupError(describe(error, target)) from None
