"""How often and how long to wait before a retryable failure is tried again."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta

import attrs


def _no_jitter(delay: float) -> float:
    return delay


def full_jitter(delay: float) -> float:
    """Spread retries between half the delay and the whole of it."""
    return random.uniform(delay / 2, delay)  # noqa: S311 - not for security


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """Exponential back-off: base * 2**(attempt-1), capped, for at most `max_attempts`.

    Attempts count claims, so a task whose worker died mid-run also uses one up: a task
    that kills its worker every time ends FAILED instead of looping for ever.
    """

    max_attempts: int = attrs.field(default=5, validator=attrs.validators.ge(1))
    base_delay: timedelta = timedelta(minutes=1)
    max_delay: timedelta = timedelta(hours=1)
    jitter: Callable[[float], float] = attrs.field(default=_no_jitter, eq=False)

    def should_retry(self, attempts: int) -> bool:
        """Say whether a task that has been claimed `attempts` times may run again."""
        return attempts < self.max_attempts

    def delay(self, attempts: int) -> timedelta:
        """Return the wait before the next attempt after `attempts` claims."""
        exponent = min(max(attempts - 1, 0), 30)
        raw = min(
            self.base_delay.total_seconds() * 2**exponent,
            self.max_delay.total_seconds(),
        )
        return timedelta(seconds=self.jitter(raw))
