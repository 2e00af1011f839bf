"""Which prisons the pipeline acts for (`PRISONTOPROBATION_ONLY_PRISONS`)."""

from __future__ import annotations

from collections.abc import Iterable

import attrs


def _frozen(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


@attrs.frozen(kw_only=True)
class InterestedPrisons:
    """An empty set means every prison, as in every environment of the original."""

    only: frozenset[str] = attrs.field(default=frozenset(), converter=_frozen)

    @classmethod
    def parse(cls, text: str) -> InterestedPrisons:
        """Read the comma-separated setting; blanks are ignored."""
        return cls(only=frozenset(p.strip() for p in text.split(",") if p.strip()))

    def includes(self, agency_id: str | None) -> bool:
        """True when the pipeline acts for this prison."""
        return not self.only or agency_id in self.only
