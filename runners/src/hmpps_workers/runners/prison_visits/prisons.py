"""The prisons directory the runners use: the shipped list, or a JSON override.

The original's full prisons list ships in core (`shipped_prisons()`).
`APVS_PRISONS_FILE` may name a replacement: a JSON array of objects with the enum's
keys, `value`, `displayName`, `region` and `postcode`.
"""

from __future__ import annotations

import json
from pathlib import Path

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.prisons import (
    Prison,
    PrisonDirectory,
)

VARIABLE = "APVS_PRISONS_FILE"


def _prison(entry: object, index: int) -> Prison:
    if not isinstance(entry, dict):
        raise ConfigurationError(f"{VARIABLE}: entry {index} is not an object")
    try:
        return Prison(
            value=str(entry["value"]),
            display_name=str(entry["displayName"]),
            region=str(entry.get("region") or ""),
            postcode=str(entry.get("postcode") or ""),
        )
    except KeyError as missing:
        raise ConfigurationError(
            f"{VARIABLE}: entry {index} has no {missing.args[0]}"
        ) from None


def load_prisons(path: Path) -> PrisonDirectory:
    """Read the JSON list; a malformed file is a configuration error naming it."""
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigurationError(
            f"{VARIABLE}: cannot read {path.name} ({type(error).__name__})"
        ) from None
    if not isinstance(entries, list) or not entries:
        raise ConfigurationError(f"{VARIABLE}: expected a non-empty JSON array")
    return PrisonDirectory.of(_prison(entry, i) for i, entry in enumerate(entries))
