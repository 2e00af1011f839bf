"""AWS calls as dependencies: as the contrib instrumentation makes them, none beneath a dropped span."""

from __future__ import annotations

import boto3
import pytest
from botocore.stub import Stubber
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.trace import SpanKind

from hmpps_workers.runners.telemetry.aws_spans import AwsSpans
from hmpps_workers.runners.telemetry.tracing import tracer
from support.sampling import CountingSampler

QUEUE = "https://sqs.eu-west-2.amazonaws.com/000000000000/events"


@pytest.fixture
def sqs():
    """An SQS client whose calls are answered by a stub, never the network."""
    client = boto3.client(
        "sqs",
        region_name="eu-west-2",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    with Stubber(client) as stubbed:
        yield client, stubbed


def _delete(client, stubbed):
    stubbed.add_response(
        "delete_message", {}, {"QueueUrl": QUEUE, "ReceiptHandle": "r"}
    )
    client.delete_message(QueueUrl=QUEUE, ReceiptHandle="r")


def _instrumented(provider=None):
    spans = AwsSpans()
    spans.instrument(skip_dep_check=True, tracer_provider=provider)
    return spans


class TestAwsSpans:
    """A client span per call, except beneath a span that was dropped."""

    def test_a_call_under_a_recorded_span_is_its_client_child(self, sqs, exported):
        """Named for the service and operation, as the contrib instrumentation names it."""
        spans = _instrumented()
        try:
            with tracer().start_as_current_span("message") as message:
                _delete(*sqs)
        finally:
            spans.uninstrument()
        (call,) = [
            s for s in exported.get_finished_spans() if s.kind is SpanKind.CLIENT
        ]
        assert (call.name, call.parent.span_id) == (
            "SQS.DeleteMessage",
            message.get_span_context().span_id,
        )

    def test_a_call_outside_any_span_is_still_recorded(self, sqs, exported):
        """As before: the consumer's polls and deletes stay dependencies of their own."""
        spans = _instrumented()
        try:
            _delete(*sqs)
        finally:
            spans.uninstrument()
        assert [s.name for s in exported.get_finished_spans()] == ["SQS.DeleteMessage"]

    def test_a_call_under_a_dropped_span_asks_no_sampler_and_still_happens(self, sqs):
        """The trace is not kept: the call goes straight to botocore, unsampled."""
        sampler = CountingSampler()
        provider = TracerProvider(sampler=sampler)
        spans = _instrumented(provider)
        client, stubbed = sqs
        try:
            with provider.get_tracer("test").start_as_current_span("message"):
                for _ in range(3):
                    _delete(client, stubbed)
        finally:
            spans.uninstrument()
        stubbed.assert_no_pending_responses()
        assert sampler.asked == 1  # the message's own span only
