"""A sampler for tests that counts how often the SDK asks it."""

from __future__ import annotations

from typing import Any

from opentelemetry.sdk.trace.sampling import ALWAYS_OFF, Sampler, SamplingResult


class CountingSampler(Sampler):
    """Drops every span and counts how often it was asked."""

    def __init__(self) -> None:
        self.asked = 0

    def should_sample(self, *args: Any, **kwargs: Any) -> SamplingResult:
        """Count the question, then drop."""
        self.asked += 1
        return ALWAYS_OFF.should_sample(*args, **kwargs)

    def get_description(self) -> str:
        """The sampler's name."""
        return "counting"
