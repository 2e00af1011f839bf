"""Keep third-party debug logs from carrying request bodies and query strings.

zeep logs every SOAP envelope at DEBUG (NINO, surname, date of birth), and urllib3 logs
each request line with its query string (the Google API key, postcodes). The redaction
filter cannot recognise surnames or keys, so these records are cut at the source.
"""

from __future__ import annotations

import logging
import re

_QUERY = re.compile(r"\?\S*")
_BODY_LOGGERS = ("zeep.transports", "zeep.wsdl.bindings.soap")
_URL_LOGGERS = ("urllib3.connectionpool",)


class DropFilter(logging.Filter):
    """Drop every record: these loggers print payloads."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Never pass."""
        del record
        return False


class QueryStringFilter(logging.Filter):
    """Strip query strings from request lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the message without `?...`; always pass."""
        record.msg = _QUERY.sub("?[query removed]", record.getMessage())
        record.args = None
        return True


def install() -> None:
    """Add the filters once; adapters that call such libraries call this."""
    for name in _BODY_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropFilter) for f in logger.filters):
            logger.addFilter(DropFilter())
    for name in _URL_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, QueryStringFilter) for f in logger.filters):
            logger.addFilter(QueryStringFilter())
