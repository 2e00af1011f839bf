"""The local SQL Server driver path: pyodbc over unixODBC with FreeTDS.

`.ci/run` installs Debian's `unixodbc` and `tdsodbc`; without them a test skips with
the reason locally and fails under CI.
"""

from __future__ import annotations

from support.availability import unavailable

FREETDS = "FreeTDS"


def freetds_driver() -> str:
    """The FreeTDS ODBC driver's registered name, or skip (fail under CI)."""
    try:
        import pyodbc  # noqa: PLC0415 - the import itself is what may fail
    except ImportError as error:
        unavailable(f"pyodbc cannot load ({error}): apt-get install unixodbc")
    if FREETDS not in pyodbc.drivers():
        unavailable("the FreeTDS ODBC driver is not installed: apt-get install tdsodbc")
    return FREETDS
