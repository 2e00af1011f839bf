"""Keep personal data out of every span before it is exported.

Instrumentations record what a request looked like: full URLs (query strings carry
postcodes), headers when asked, exception messages (httpx puts the URL in them). This
processor runs before the exporter's and rewrites each finished span: query strings
stripped, headers, bodies and parameters dropped, the rest through core's redaction.

It runs on every span, so it does the least it can: whether a key is dropped is
decided once per key, numbers and booleans pass untouched, and a string goes through
the redaction patterns only when it holds a digit or an `@` (every pattern needs one).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any

from opentelemetry.context import Context
from opentelemetry.sdk.trace import Event, ReadableSpan, Span, SpanProcessor
from opentelemetry.trace import Status
from opentelemetry.util.types import AttributeValue

from hmpps_workers.core.redaction import redact

_URL_KEYS = frozenset({"http.url", "url.full", "http.target", "url.path"})
_DROPPED_PREFIXES = (
    "http.request.header.",
    "http.response.header.",
    "db.query.parameter.",
    "messaging.message.",
)
_DROPPED_KEYS = frozenset(
    {"url.query", "exception.stacktrace", "db.statement.parameters"}
)
_DROPPED_WORDS = ("body", "cookie", "authorization", "password", "secret", "token")
_STATEMENT_KEYS = frozenset({"db.statement", "db.query.text"})
_STATEMENTS_KEPT = 512
# What every SQL span repeats from its engine's URL (`sql_spans.engine_attributes`).
_ENGINE_KEYS = frozenset({"db.system", "db.name", "db.user", "net.peer.name"})
_QUERY = re.compile(r"\?[^\s#'\"]*")
# Each of core's redaction patterns matches only text holding a digit or an "@".
_MAYBE_PERSONAL = re.compile(r"[\d@]")


def strip_query(text: str) -> str:
    """`text` with every URL query string (and so every value in one) removed."""
    return _QUERY.sub("", text)


@functools.lru_cache(maxsize=4096)
def _dropped(key: str) -> bool:
    lowered = key.lower()
    return (
        lowered in _DROPPED_KEYS
        or lowered.startswith(_DROPPED_PREFIXES)
        or any(word in lowered for word in _DROPPED_WORDS)
    )


def strip_url(url: str) -> str:
    """A URL without its query string or fragment, whatever characters they hold."""
    return url.split("?", 1)[0].split("#", 1)[0]


def _clean_text(text: str) -> str:
    if "?" in text:
        text = strip_query(text)
    return redact(text) if _MAYBE_PERSONAL.search(text) else text


@functools.lru_cache(maxsize=_STATEMENTS_KEPT)
def _clean_statement(text: str) -> str:
    """A statement's text cleaned once: the worker sends the same few again and again.

    Redacting a 7 KB read (its digits send it through every pattern) cost more than
    the rest of a span; the statements are our compiled texts with their values bound
    apart (`db.statement.parameters` is dropped), so the set is small and bounded.
    """
    return _clean_text(text)


@functools.lru_cache(maxsize=64)
def _clean_engine_value(text: str) -> str:
    """An engine's name, user or server, cleaned once: every SQL span repeats it.

    A SQLite file's path or a server's address holds digits, which sent it through
    every redaction pattern on every span.
    """
    return _clean_text(text)


def _clean(key: str, value: AttributeValue) -> AttributeValue:
    if isinstance(value, str):
        if key in _STATEMENT_KEYS:
            return _clean_statement(value)
        if key in _ENGINE_KEYS:
            return _clean_engine_value(value)
        return _clean_text(strip_url(value) if key in _URL_KEYS else value)
    if isinstance(value, tuple | list) and value and isinstance(value[0], str):
        return tuple(_clean_text(str(item)) for item in value)
    return value


def clean_attributes(
    attributes: Mapping[str, AttributeValue] | None,
) -> dict[str, AttributeValue]:
    """Attributes safe to export: risky keys dropped, values stripped and redacted."""
    return {
        key: _clean(key, value)
        for key, value in (attributes or {}).items()
        if not _dropped(key)
    }


class PrivacySpanProcessor(SpanProcessor):
    """Rewrites each span's attributes, events and status text before export."""

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        """Strip URLs as soon as they are known, so even a dropped span is clean."""
        del parent_context
        attributes = span.attributes
        if not attributes or _URL_KEYS.isdisjoint(attributes):
            return  # read key by key, a missing key costs the mapping a KeyError
        for key in _URL_KEYS:
            value = attributes.get(key)
            if isinstance(value, str) and ("?" in value or "#" in value):
                span.set_attribute(key, strip_url(value))

    def on_end(self, span: ReadableSpan) -> None:
        """Clean the finished span in place; the exporter's processor runs after."""
        # The SDK gives no public way to change a finished span; its fields are ours to
        # rewrite here because every later processor reads this same object.
        target: Any = span
        target._attributes = clean_attributes(span.attributes)  # noqa: SLF001
        if span.events:
            target._events = tuple(  # noqa: SLF001
                Event(
                    event.name,
                    attributes=clean_attributes(event.attributes),
                    timestamp=event.timestamp,
                )
                for event in span.events
            )
        description = span.status.description
        if description:
            target._status = Status(  # noqa: SLF001
                span.status.status_code, _clean_text(description)
            )

    def shutdown(self) -> None:
        """Nothing to release."""

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        """Nothing is held."""
        del timeout_millis
        return True
