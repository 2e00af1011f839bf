"""The service process: listener, hold-back scheduler and retry tiers, until SIGTERM.

Each piece is a loop on its own thread, and each scheduled job is also runnable once
(`run_job`) for a CronJob. The processor runs `delay` after its previous run ends, as
the original's fixed-delay schedule did; each retry tier sleeps until its cron fires.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:  # the CLI's parser imports JOBS: no boto3 or OpenTelemetry for it
    from hmpps_workers.adapters.aws.sqs_admin import RedriveReport
    from hmpps_workers.core.prison_to_probation import RunReport
    from hmpps_workers.runners.prison_to_probation.bootstrap import P2pServices

log = logging.getLogger(__name__)

JOBS = ("process", "retry-short", "retry-medium", "retry-long", "housekeeping")


def run_job(services: P2pServices, job: str) -> list[RunReport] | list[RedriveReport]:
    """One run of a scheduled job; with telemetry on, a request with its counts."""
    if not services.telemetry.enabled:
        return _run_job(services, job)
    from hmpps_workers.runners.telemetry.runs import scheduled_request  # noqa: PLC0415

    with scheduled_request(job) as request:
        reports = _run_job(services, job)
        request.succeeded(job_counts(reports))
    return reports


def job_counts(reports: list[RunReport] | list[RedriveReport]) -> dict[str, int]:
    """The reports' counts added up, as `job.<count>` attributes."""
    counts: dict[str, int] = {"job.batches": len(reports)}
    for run in reports:
        for key, value in attrs.asdict(run).items():
            if isinstance(value, int):  # bool "skipped" counts runs another held
                counts[f"job.{key}"] = counts.get(f"job.{key}", 0) + int(value)
    return counts


def _run_job(services: P2pServices, job: str) -> list[RunReport] | list[RedriveReport]:
    """One run of a scheduled job (the process job drains every ready batch)."""
    if job == "housekeeping":
        return services.queue_admin.retry_all()
    if job == "process":
        reports = [services.pipeline.process_ready()]
        while reports[-1].processed >= services.config.settings.batch_size:
            reports.append(services.pipeline.process_ready())
        return reports
    tier = next(t for t in services.config.tiers if f"retry-{t.name}" == job)
    return [services.pipeline.retry(tier)]


@attrs.define
class Service:
    """The threads of one service process."""

    services: P2pServices
    stop_event: threading.Event = attrs.field(factory=threading.Event)
    threads: list[threading.Thread] = attrs.field(factory=list)

    def _loop(self, name: str, body: Callable[[], timedelta]) -> None:
        while not self.stop_event.is_set():
            try:
                pause = body()
            except Exception:
                log.exception("scheduled job failed", extra={"job": name})
                pause = timedelta(seconds=5)
            self.stop_event.wait(pause.total_seconds())

    def _process(self) -> timedelta:
        run_job(self.services, "process")
        return self.services.config.delay

    def _tier(self, job: str) -> Callable[[], timedelta]:
        tier = next(t for t in self.services.config.tiers if f"retry-{t.name}" == job)
        state = {"next": tier.cron.next_after(self.services.clock.now())}

        def body() -> timedelta:
            now = self.services.clock.now()
            if now >= state["next"]:
                run_job(self.services, job)
                state["next"] = tier.cron.next_after(self.services.clock.now())
            return min(state["next"] - now, timedelta(seconds=30))

        return body

    def start(self) -> None:
        """Start the listener and, when enabled, the scheduled jobs."""
        config = self.services.config
        targets: dict[str, Callable[[], None]] = {}
        if config.listener_enabled:
            targets["listener"] = self.services.consumer.run
            targets["hmpps-listener"] = self.services.hmpps_consumer.run
        if config.processor_enabled:
            targets["process"] = lambda: self._loop("process", self._process)
            for tier in config.tiers:
                job = f"retry-{tier.name}"
                body = self._tier(job)
                targets[job] = lambda job=job, body=body: self._loop(job, body)  # type: ignore[misc]
        for name, target in targets.items():
            thread = threading.Thread(target=target, name=f"p2p-{name}", daemon=True)
            thread.start()
            self.threads.append(thread)
        log.info("service started", extra={"threads": sorted(targets)})

    def alive(self) -> bool:
        """True while every thread runs (liveness)."""
        return all(thread.is_alive() for thread in self.threads)

    def ready(self) -> bool:
        """Alive, and the listener (when enabled) is taking messages (readiness)."""
        # The log-only domain-events listener does not decide readiness; /health
        # shows its queue.
        listening = (
            not self.services.config.listener_enabled
            or self.services.consumer.receiving
        )
        return self.alive() and listening

    def stop(self, timeout: float = 30) -> None:
        """Stop taking messages, finish the work in hand, and join the threads.

        Every thread is told at once and all share one deadline, so shutdown takes
        the longest thread's time, not the sum; a listener still inside a long poll
        at the deadline is left (its daemon thread ends with the process, and any
        message that poll receives returns to the queue after its visibility timeout).
        """
        self.services.consumer.stop()
        self.services.hmpps_consumer.stop()
        self.stop_event.set()
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        left = [thread.name for thread in self.threads if thread.is_alive()]
        log.info("service stopped", extra={"threads_left": left})
