"""ptpu_statusChangeCounter counts what the original's MessageProcessor counted."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hmpps_workers.core.prison_to_probation import Done, SynchroniseState, TryLater
from hmpps_workers.core.testing.contracts.prison_to_probation import NOW, message
from hmpps_workers.runners.prison_to_probation.metrics import (
    P2pMetrics,
    StatusChangeMeter,
)

S = SynchroniseState


def counted(outcome, *, delete_in=timedelta(hours=5), event_type=None):
    """The fail and success counts after one attempt."""
    metrics = P2pMetrics()
    before = message(
        "a",
        delete_by=NOW + delete_in,
        **({"event_type": event_type} if event_type else {}),
    )
    StatusChangeMeter(metrics)(before, outcome, NOW)
    value = metrics.registry.get_sample_value
    return tuple(
        value("ptpu_statusChangeCounter_total", {"type": kind})
        for kind in ("fail", "success", "total")
    )


class TestStatusChangeCounter:
    """Failures count only inside the last day, and never for exceptions."""

    def test_handler_try_later_in_the_last_day_is_a_failure(self):
        """A business TryLater with deleteBy five hours away counts as fail."""
        assert counted(TryLater(status=S.NO_MATCH)) == (1.0, 0.0, 1.0)

    def test_try_later_with_time_left_is_not_counted(self):
        """Two days left: not the final failure, nothing counted."""
        outcome = TryLater(status=S.NO_MATCH)
        assert counted(outcome, delete_in=timedelta(days=2)) == (0.0, 0.0, 0.0)

    def test_an_exception_is_not_a_counted_failure(self):
        """The original's exceptions escaped before its metrics: ERROR is not fail."""
        assert counted(TryLater(status=S.ERROR)) == (0.0, 0.0, 0.0)

    def test_done_is_a_success(self):
        """Done counts total and success."""
        assert counted(Done()) == (0.0, 1.0, 1.0)

    @pytest.mark.parametrize("event_type", ["SENTENCE_DATES-CHANGED"])
    def test_other_event_types_are_not_counted(self, event_type):
        """Only imprisonment-status changes count."""
        assert counted(Done(), event_type=event_type) == (0.0, 0.0, 0.0)
