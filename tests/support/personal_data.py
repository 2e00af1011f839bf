"""The personal data the test data uses, and a scanner that fails a test on any leak.

Every value here is made up, but each is used by the builders and fakes as a name,
NINO, date of birth, email, phone number, address, sort code or account number. None
may appear in any log record our code emits, nor in a runner's output.
"""

from __future__ import annotations

import json
import logging

import attrs

# (category, value); the values the claim builders and the fakes use
KNOWN: tuple[tuple[str, str], ...] = (
    ("NINO", "QQ123456C"),
    ("NINO", "QQ654321C"),
    ("email", "visitor@example.com"),
    ("phone number", "07700900000"),
    ("address", "1 Test Street"),
    ("postcode", "AA1 1AA"),
    *(
        ("name", name)
        for name in (
            "Valentina",
            "Quillfeather",
            "Peregrine",
            "Ashcombe-Thistle",
            "Benedikt",
            "Marchbanks",
            "Kimberleigh",
            "Elowen",
            "Fairweather",
            "Thaddeus",
            "Wolstenholme",
        )
    ),
    *(
        ("date of birth", text)
        for born in ("1985-05-17", "1980-02-29", "1968-11-23", "1991-08-14")
        for text in (born, born.replace("-", ""))
    ),
    ("date of birth", "1966-04-19"),
    ("sort code", "938271"),
    ("account number", "57319824"),
)

# Records from these loggers are the fakes' or the test tools' own, not our product's.
IGNORED_LOGGERS = (
    "hmpps_workers.adapters.testing",
    "werkzeug",
    "moto",
    "hypothesis",
    "asyncio",
    "faker",
)


def leaks(text: str) -> list[str]:
    """Name the categories of known personal data found in `text`."""
    return sorted({category for category, value in KNOWN if value in text})


@attrs.define(eq=False)  # handlers live in sets: keep identity hashing
class LeakScanner(logging.Handler):
    """A logging handler that keeps every record mentioning known personal data."""

    found: list[str] = attrs.field(factory=list)

    def __attrs_post_init__(self) -> None:
        """Initialise the handler machinery (attrs owns __init__)."""
        logging.Handler.__init__(self, logging.DEBUG)

    def emit(self, record: logging.LogRecord) -> None:
        """Check the record's message, fields and traceback."""
        if record.name.startswith(IGNORED_LOGGERS):
            return
        parts = [str(record.msg)]
        try:
            parts.append(record.getMessage())
        except (TypeError, ValueError):
            parts.append(repr(record.args))
        parts.extend(repr(v) for k, v in vars(record).items() if k not in _STANDARD)
        if record.exc_info and record.exc_info[1] is not None:
            parts.append(logging.Formatter().formatException(record.exc_info))
        categories = leaks("\n".join(parts))
        if categories:
            self.found.append(f"{record.name}: {', '.join(categories)}")


_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


# Keys that would mean a header, a body or a query string was recorded.
_EXPORT_KEY_WORDS = ("header", "body", "query", "cookie", "authorization", "parameter")


def exported_leaks(envelopes: list[dict[str, object]]) -> list[str]:
    """What in exported telemetry could carry personal data: values, URLs, keys.

    Known test personal data anywhere; a query string in any URL a request or
    dependency records; a property whose key names a header, body or parameter.
    """
    text = json.dumps(envelopes)
    found = [f"personal data: {category}" for category in leaks(text)]
    for envelope in envelopes:
        base = envelope.get("data", {}).get("baseData", {})  # type: ignore[attr-defined]
        name = base.get("name")
        found.extend(
            f"query string in {name!r}"
            for field in ("data", "url")
            if "?" in str(base.get(field, ""))
        )
        found.extend(
            f"property {key!r} in {name!r}"
            for key in base.get("properties", {})
            if any(word in key.lower() for word in _EXPORT_KEY_WORDS)
        )
    return found
