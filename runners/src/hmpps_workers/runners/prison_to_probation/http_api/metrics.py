"""Process, Python and queue-depth metrics on the service's Prometheus registry.

Depths are read from SQS when Prometheus scrapes (every 30 s or so), not on a timer,
so an idle pod makes no calls; a queue that cannot be read is left out of that scrape.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Iterator, Sequence

import attrs
from prometheus_client import (
    CollectorRegistry,
    GCCollector,
    Histogram,
    PlatformCollector,
    ProcessCollector,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from hmpps_workers.adapters.aws.sqs_admin import SqsQueueAdmin, SqsQueueHealth
from hmpps_workers.runners.prison_to_probation.http_api.middleware import (
    request_histogram,
)

log = logging.getLogger(__name__)
_DONE: weakref.WeakKeyDictionary[CollectorRegistry, Histogram] = (
    weakref.WeakKeyDictionary()
)


def _gauge() -> GaugeMetricFamily:
    return GaugeMetricFamily(
        "ptpu_queue_messages",
        "Visible messages on the queues, their dead-letter queues and parking queue",
        labels=["queue", "kind"],
    )


@attrs.define(eq=False)
class QueueDepths(Collector):
    """`ptpu_queue_messages{queue=...,kind=...}`: visible messages per queue."""

    admin: SqsQueueAdmin
    also: Sequence[SqsQueueHealth] = ()

    def describe(self) -> Iterator[Metric]:
        """The gauge without samples (so registering makes no SQS call)."""
        yield _gauge()

    def collect(self) -> Iterator[Metric]:
        """One gauge sample per queue that answered."""
        gauge = _gauge()
        kinds = {
            self.admin.queue: "queue",
            self.admin.dlq: "dlq",
            self.admin.parking_queue: "parked",
        }
        depths: dict[str, int] = {}
        sources: list[SqsQueueAdmin | SqsQueueHealth] = [self.admin, *self.also]
        for source in sources:
            if isinstance(source, SqsQueueHealth):
                kinds |= {source.queue: "queue", source.dlq: "dlq"}
            try:
                depths |= source.depths()
            except Exception as error:  # noqa: BLE001 - a scrape never fails
                log.warning(
                    "queue depths unavailable", extra={"error": type(error).__name__}
                )
        for name, count in depths.items():
            gauge.add_metric([name, kinds.get(name, "queue")], count)
        yield gauge


def instrument_registry(
    registry: CollectorRegistry,
    admin: SqsQueueAdmin,
    also: Sequence[SqsQueueHealth] = (),
) -> Histogram:
    """Add the process, Python, depth and HTTP meters once; the HTTP histogram."""
    if registry not in _DONE:
        ProcessCollector(registry=registry)
        PlatformCollector(registry=registry)
        GCCollector(registry=registry)
        registry.register(QueueDepths(admin, also))
        _DONE[registry] = request_histogram(registry)
    return _DONE[registry]
