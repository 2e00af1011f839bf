"""Road distances between postcodes, for pricing car journeys."""

from hmpps_workers.core.prison_visits.distance.ports import (
    DistanceCalculator,
    DistanceQuery,
)

__all__ = ["DistanceCalculator", "DistanceQuery"]
