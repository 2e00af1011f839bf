"""An in-memory distance calculator using the same rule as the fake distance server."""

from __future__ import annotations

import hashlib

import attrs

from hmpps_workers.core.prison_visits.distance.ports import DistanceQuery
from hmpps_workers.core.testing.failures import FailureQueue

NO_ROUTE = "ZZ99 9ZZ"
"""A postcode no route reaches (the fakes answer "not found")."""

KNOWN_METRES = {
    # Belfast to Londonderry, the original's integration test (230-240 km return).
    ("BT7 1NT", "BT48 7NR"): 117_500,
}


def _normal(place: str) -> str:
    return " ".join(place.upper().split())


def distance_rule(origin: str, destination: str) -> int | None:
    """The test rule: known pairs, None for NO_ROUTE, else a stable 1-300 km."""
    pair = (_normal(origin), _normal(destination))
    if NO_ROUTE in pair:
        return None
    if pair in KNOWN_METRES:
        return KNOWN_METRES[pair]
    if pair[::-1] in KNOWN_METRES:
        return KNOWN_METRES[pair[::-1]]
    digest = hashlib.sha256("|".join(sorted(pair)).encode()).digest()
    return 1_000 + int.from_bytes(digest[:4], "big") % 299_000


@attrs.define
class InMemoryDistanceCalculator:
    """Answers by `distance_rule`; records each query."""

    queries: list[DistanceQuery] = attrs.field(factory=list)
    failures: FailureQueue = attrs.field(factory=FailureQueue)

    def driving_metres(self, query: DistanceQuery) -> int | None:
        """Record the query and answer by the rule."""
        self.failures.raise_next()
        self.queries.append(query)
        return distance_rule(query.origin, query.destination)

    def ping(self) -> None:
        """Fail if a failure is queued, else succeed."""
        self.failures.raise_next()
