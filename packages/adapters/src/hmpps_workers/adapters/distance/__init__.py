"""Driving distances from Google: Directions (as the original), Matrix, Routes."""

from hmpps_workers.adapters.distance.google import (
    DistanceSettings,
    GoogleDirectionsDistanceCalculator,
    GoogleDistanceMatrixDistanceCalculator,
    GoogleRoutesDistanceCalculator,
)

__all__ = [
    "DistanceSettings",
    "GoogleDirectionsDistanceCalculator",
    "GoogleDistanceMatrixDistanceCalculator",
    "GoogleRoutesDistanceCalculator",
]
