"""Logging for the runners: JSON in containers, text on a terminal, always redacted."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar, TextIO

import attrs

from hmpps_workers.core.redaction import redact
from hmpps_workers.runners.env import Env

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k not in _STANDARD}


class RedactingFilter(logging.Filter):
    """Scrub personal data from the message, its arguments and structured fields."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite `record` in place; never drops it."""
        record.msg = redact(record.getMessage())
        record.args = None
        for key, value in _extras(record).items():
            if isinstance(value, str):
                setattr(record, key, redact(value))
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(
                logging.Formatter().formatException(record.exc_info)
            )
            record.exc_info = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the structured fields beside the message."""

    def format(self, record: logging.LogRecord) -> str:
        """Render `record` as JSON."""
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **_extras(record),
        }
        if record.exc_text:
            entry["exception"] = record.exc_text
        return json.dumps(entry, default=str)


class TextFormatter(logging.Formatter):
    """Readable lines for a terminal, structured fields as key=value."""

    COLOURS: ClassVar[dict[str, str]] = {}

    def format(self, record: logging.LogRecord) -> str:
        """Render `record` as one line (plus any traceback)."""
        fields = " ".join(f"{k}={v}" for k, v in _extras(record).items())
        line = f"{record.levelname:<7} {record.getMessage()}" + (
            f"  {fields}" if fields else ""
        )
        if record.exc_text:
            line += "\n" + record.exc_text
        return line


LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
FORMATS = ("auto", "json", "text")


@attrs.frozen(kw_only=True)
class LogSettings:
    """`LOGGING_LEVEL` and `LOG_FORMAT`, read once by the command line and checked."""

    level: str = "INFO"
    format: str = "auto"

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> LogSettings:
        """Read and check both variables; the error names the wrong one."""
        reader = Env(env)
        return cls(
            level=reader.choice("LOGGING_LEVEL", LEVELS, "INFO").upper(),
            format=reader.choice("LOG_FORMAT", FORMATS, "auto"),
        )


class RunnerHandler(logging.StreamHandler[TextIO]):
    """The handler `configure` installs: stderr, redacted, JSON or text."""


def configure(level: str = "INFO", fmt: str = "auto") -> None:
    """Send redacted logs to stderr; `auto` means JSON unless stderr is a terminal.

    Replaces only the handler an earlier call installed: any other handler on the
    root logger (a host service's, the tests' personal-data scan) stays. Ours
    redacts each record in place, so a handler added before it sees the record as
    logged, one added after sees it redacted.
    """
    use_json = fmt == "json" or (fmt == "auto" and not sys.stderr.isatty())
    handler = RunnerHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(JsonFormatter() if use_json else TextFormatter())
    root = logging.getLogger()
    for existing in list(root.handlers):
        if isinstance(existing, RunnerHandler):
            root.removeHandler(existing)
            existing.close()
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("sqlalchemy").setLevel("WARNING")
