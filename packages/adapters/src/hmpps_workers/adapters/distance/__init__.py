"""Driving distances from Google: Directions (as the original) or the Routes API."""

from hmpps_workers.adapters.distance.google import (
    DistanceSettings,
    GoogleDirectionsDistanceCalculator,
    GoogleRoutesDistanceCalculator,
)

__all__ = [
    "DistanceSettings",
    "GoogleDirectionsDistanceCalculator",
    "GoogleRoutesDistanceCalculator",
]
