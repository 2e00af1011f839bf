"""Each scheduled run is one request with its outcome, counts and a step per job."""

from __future__ import annotations

import pytest
from opentelemetry.trace import SpanKind, StatusCode

from hmpps_workers.core.errors import WorkerError
from hmpps_workers.core.jobs import run_jobs
from hmpps_workers.runners.telemetry.runs import (
    REASON_LIMIT,
    reason_text,
    scheduled_request,
    traced_steps,
)
from support.personal_data import leaks


class _StuckError(WorkerError):
    """Payment file for claim 12 was not written."""


def _broken():
    raise RuntimeError("duplicate key (Valentina Crowhurst, AB123456C)")


def _reset():
    raise ConnectionResetError("server closed the connection")


def _spans(exported):
    return {span.name: span for span in exported.get_finished_spans()}


class TestScheduledRequest:
    """The request span of one CronJob run."""

    def test_a_run_of_good_steps_is_a_successful_request_with_its_counts(
        self, exported
    ):
        """Consumer span named for the job; each step a child with its counts."""
        steps = {"mark-overpayments": lambda: {"selected": 3, "done": 2}}
        with scheduled_request("daily-tasks") as request:
            request.jobs_finished(run_jobs(traced_steps(steps)))
        spans = _spans(exported)
        run, step = spans["job daily-tasks"], spans["mark-overpayments"]
        assert (
            run.kind,
            run.status.status_code,
            run.attributes["run.outcome"],
            run.attributes["mark-overpayments.done"],
            run.attributes["run.steps"],
            step.parent.span_id,
            step.attributes["step.selected"],
        ) == (SpanKind.CONSUMER, StatusCode.OK, "success", 2, 1, run.context.span_id, 3)

    def test_a_failed_step_fails_the_request_and_names_only_its_kind(self, exported):
        """The other steps still run; the reason is the step and the error's type."""
        steps = {"clean-up": _reset, "auto-reject-claims": lambda: {"done": 1}}
        with scheduled_request("daily-tasks") as request:
            request.jobs_finished(run_jobs(traced_steps(steps)))
        spans = _spans(exported)
        run = spans["job daily-tasks"]
        assert (
            run.status.status_code,
            run.status.description,
            run.attributes["run.failed_steps"],
            run.attributes["auto-reject-claims.done"],
            spans["clean-up"].status.status_code,
            spans["clean-up"].attributes["step.error_type"],
        ) == (
            StatusCode.ERROR,
            "clean-up: ConnectionResetError",
            "clean-up",
            1,
            StatusCode.ERROR,
            "ConnectionResetError",
        )

    def test_an_error_escaping_the_run_fails_the_request_and_goes_on(self, exported):
        """Our own error's text is the reason; the exception is re-raised unchanged."""
        with pytest.raises(_StuckError), scheduled_request("payment-run"):
            raise _StuckError
        (run,) = exported.get_finished_spans()
        assert (
            run.status.description,
            run.attributes["run.error_type"],
            run.events,
        ) == (
            "_StuckError: Payment file for claim 12 was not written.",
            "_StuckError",
            (),
        )

    def test_a_foreign_errors_message_never_reaches_the_span(self, exported):
        """A driver's message may quote parameters: only its type is kept."""
        with pytest.raises(RuntimeError), scheduled_request("auto-approval"):
            _broken()
        (run,) = exported.get_finished_spans()
        assert (run.status.description, leaks(str(run.to_json()))) == (
            "RuntimeError",
            [],
        )

    def test_a_reason_is_redacted_and_kept_short(self):
        """Personal data in our own text is replaced; long text is cut."""
        text = reason_text("for visitor@example.com " + "x" * 1000)
        assert ("visitor@example.com" in text, len(text)) == (False, REASON_LIMIT)
