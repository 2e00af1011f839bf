"""The prisons directory the runners use: a small sample, or the full list from JSON.

The specification describes the original's 145-entry prisons enum but does not list
it, so only a clearly labelled sample ships here (the prisons the test data and the
demo use). Production points `APVS_PRISONS_FILE` at the full list: a JSON array of
objects with the enum's keys, `value`, `displayName`, `region` and `postcode`.
"""

from __future__ import annotations

import json
from pathlib import Path

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.prisons import Prison, PrisonDirectory

SAMPLE_PRISONS = (
    Prison(value="hewell", display_name="Hewell", region="ENG", postcode="B97 6QS"),
    Prison(
        value="birmingham", display_name="Birmingham", region="ENG", postcode="B18 4AS"
    ),
    Prison(
        value="belmarsh", display_name="Belmarsh", region="ENG", postcode="SE28 0EB"
    ),
    # the original's enum spells Magilligan's postcode with a letter O
    Prison(
        value="magilligan", display_name="Magilligan", region="NI", postcode="BT49 OLR"
    ),
)
"""A SAMPLE, not the prisons list: set APVS_PRISONS_FILE in every real environment."""

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
