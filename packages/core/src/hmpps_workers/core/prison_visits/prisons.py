"""The prisons directory: the NameOfPrison slug to display name, region, postcode.

The original keeps this as a JavaScript enum (`app/constants/prisons-enum.js`, 160
entries on its main branch). The same public list ships here as data,
`data/prisons.json` (its source and licence are in `data/README.md`);
`shipped_prisons()` reads it, and a runner may replace it (APVS_PRISONS_FILE).
Lookups of an unknown slug return None and the callers decide what that means,
instead of crashing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from importlib import resources

import attrs


@attrs.frozen(kw_only=True)
class Prison:
    """One prison; `postcode` is empty where the original had none (Channel Islands)."""

    value: str
    display_name: str
    region: str
    postcode: str = ""


CHANNEL_ISLANDS = (
    Prison(value="la-moye", display_name="La Moye", region="JSY"),
    Prison(value="les-nicolles", display_name="Les Nicolles", region="GSY"),
)


def _index(prisons: Iterable[Prison]) -> Mapping[str, Prison]:
    return {prison.value: prison for prison in prisons}


@attrs.frozen
class PrisonDirectory:
    """Prisons by slug, matched exactly as the original's enum lookup did."""

    by_value: Mapping[str, Prison] = attrs.field(converter=_index)

    @classmethod
    def of(cls, prisons: Iterable[Prison]) -> PrisonDirectory:
        """A directory of `prisons` plus the two Channel Islands prisons."""
        return cls((*CHANNEL_ISLANDS, *prisons))

    def find(self, value: str | None) -> Prison | None:
        """The prison stored as `value`, or None."""
        return self.by_value.get(value) if value else None

    def postcode(self, value: str | None) -> str | None:
        """The prison's postcode, or None if unknown or empty."""
        prison = self.find(value)
        return prison.postcode or None if prison else None

    def display_name(self, value: str | None) -> str:
        """The prison's name for emails; an unknown slug is shown humanised.

        The original threw on an unknown slug and the accepted-claim email failed;
        "new-hall" is shown as "New Hall" instead.
        """
        if not value:
            return ""
        prison = self.find(value)
        if prison is not None:
            return prison.display_name
        return " ".join(word.capitalize() for word in value.split("-"))


def shipped_prisons() -> tuple[Prison, ...]:
    """The original's prisons list as shipped in this package, in its order."""
    text = (
        resources.files("hmpps_workers.core.prison_visits")
        .joinpath("data", "prisons.json")
        .read_text(encoding="utf-8")
    )
    return tuple(
        Prison(
            value=entry["value"],
            display_name=entry["displayName"],
            region=entry["region"],
            postcode=entry["postcode"],
        )
        for entry in json.loads(text)
    )
