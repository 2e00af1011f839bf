"""Each scheduled run as one request: named for its job, with outcome and counts.

A CronJob's run (`daily-tasks`, `auto-approval`, `payment-run`, `p2p run-job ...`)
is one Application Insights request; each of its steps (the daily jobs, the payment
run and its clean-up) is a child span, and the SQL, S3 and HTTP calls a step makes hang
off that step. The outcome is the status: failed with a reason that names the step and
the kind of error, never an exception's message from outside our code (a driver's may
quote SQL parameters) and never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

import attrs
from opentelemetry.trace import Span, SpanKind, Status, StatusCode

from hmpps_workers.core.jobs import JobsReport, describe_error
from hmpps_workers.core.redaction import redact
from hmpps_workers.runners.telemetry.tracing import tracer

SUCCESS, FAILED = "success", "failed"
# Application Insights keeps a request's result text short; so do we.
REASON_LIMIT = 500


def reason_text(text: str) -> str:
    """A failure reason fit to export: redacted, and short."""
    return redact(text)[:REASON_LIMIT]


@attrs.define
class ScheduledRun:
    """The request span of one run, told how the run ended."""

    span: Span

    def succeeded(self, counts: Mapping[str, int] | None = None) -> None:
        """Mark the run a success, with its counts as attributes."""
        self._counts(counts or {})
        self.span.set_attribute("run.outcome", SUCCESS)
        self.span.set_status(Status(StatusCode.OK))

    def failed(self, reason: str, counts: Mapping[str, int] | None = None) -> None:
        """Mark the run failed, saying why without personal data."""
        self._counts(counts or {})
        self.span.set_attribute("run.outcome", FAILED)
        self.span.set_status(Status(StatusCode.ERROR, reason_text(reason)))

    def jobs_finished(self, report: JobsReport) -> None:
        """Record every step's counts; failed if any step failed, naming them."""
        counts = {
            f"{outcome.name}.{key}": value
            for outcome in report.outcomes
            for key, value in outcome.summary.items()
        }
        counts["run.steps"] = len(report.outcomes)
        counts["run.steps_failed"] = len(report.failed)
        if report.ok:
            self.succeeded(counts)
            return
        self.span.set_attribute("run.failed_steps", ", ".join(report.failed))
        reasons = "; ".join(
            f"{outcome.name}: {outcome.error}"
            for outcome in report.outcomes
            if not outcome.ok
        )
        self.failed(reasons, counts)

    def _counts(self, counts: Mapping[str, int]) -> None:
        for key, value in counts.items():
            self.span.set_attribute(key, value)


@contextmanager
def scheduled_request(name: str) -> Iterator[ScheduledRun]:
    """One run as a request named `job <name>`; an escaping error marks it failed.

    The error goes on unchanged after the span has its outcome, so the runner still
    logs it and exits as before. With telemetry off the span is a no-op.
    """
    with tracer().start_as_current_span(
        f"job {name}",
        kind=SpanKind.CONSUMER,
        attributes={"job.name": name},
        record_exception=False,
        set_status_on_exception=False,
    ) as span:
        run = ScheduledRun(span)
        try:
            yield run
        except BaseException as error:
            run.failed(describe_error(error))
            span.set_attribute("run.error_type", type(error).__name__)
            raise


def traced_step(
    name: str, step: Callable[[], Mapping[str, int]]
) -> Callable[[], Mapping[str, int]]:
    """A run's step as a child span with its counts; an error marks it failed."""

    def run() -> Mapping[str, int]:
        with tracer().start_as_current_span(
            name,
            attributes={"job.step": name},
            record_exception=False,
            set_status_on_exception=False,
        ) as span:
            try:
                summary = step()
            except BaseException as error:
                span.set_status(
                    Status(StatusCode.ERROR, reason_text(describe_error(error)))
                )
                span.set_attribute("step.error_type", type(error).__name__)
                raise
            for key, value in summary.items():
                span.set_attribute(f"step.{key}", value)
            return summary

    return run


def traced_steps(
    steps: Mapping[str, Callable[[], Mapping[str, int]]],
) -> dict[str, Callable[[], Mapping[str, int]]]:
    """Every step of a run as its own child span, in the same order."""
    return {name: traced_step(name, step) for name, step in steps.items()}
