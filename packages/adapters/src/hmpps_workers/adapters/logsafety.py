"""Keep third-party debug logs from carrying request bodies and query strings.

At DEBUG, zeep logs every SOAP envelope (NINO, surname, date of birth), botocore logs
request parameters and bodies (document keys, payment files with bank details), and
urllib3 logs request lines with their query strings (the Google API key, postcodes).
The redaction filter cannot recognise surnames or keys, so these libraries are held at
INFO whatever the root level, and query strings are cut from urllib3's request lines.
"""

from __future__ import annotations

import logging
import re

_QUERY = re.compile(r"\?\S*")
QUIET_LIBRARIES = ("zeep", "botocore", "boto3", "s3transfer", "urllib3", "requests")


class QueryStringFilter(logging.Filter):
    """Strip query strings from request lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the message without `?...`; always pass."""
        record.msg = _QUERY.sub("?[query removed]", record.getMessage())
        record.args = None
        return True


def install() -> None:
    """Quieten the libraries once; adapters that call them call this."""
    for name in QUIET_LIBRARIES:
        logger = logging.getLogger(name)
        if logger.level < logging.INFO:
            logger.setLevel(logging.INFO)
    pool = logging.getLogger("urllib3.connectionpool")
    if not any(isinstance(f, QueryStringFilter) for f in pool.filters):
        pool.addFilter(QueryStringFilter())
