"""The Azure Monitor distro against a fake ingestion endpoint: what arrives, and how."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hmpps_workers.adapters.testing.app_insights import FakeAppInsights
from support import aws
from support.personal_data import exported_leaks, leaks
from support.runner import runner_env

SCENARIO = Path(__file__).with_name("scenario.py")
EVERY_TRACE = {
    "OTEL_TRACES_SAMPLER": "microsoft.fixed_percentage",
    "OTEL_TRACES_SAMPLER_ARG": "1.0",
}
# Section 10.2 of the prison-to-probation spec, less the two DLQ events
P2P_EVENTS = {
    f"P2P{name}"
    for name in [
        "ExternalMovement",
        "TransferIgnored",
        "TransferProbationUpdated",
        "TransferProbationRecordNotFound",
        "OffenderMatch",
        "OffenderNumberSet",
        "OffenderNoMatch",
        "OffenderTooManyMatches",
        "ChangeIgnored",
        "ImprisonmentStatusNotSequenceZero",
        "ImprisonmentStatusNoSentenceStartDate",
        "ImprisonmentStatusIgnored",
        "BookingNumberNotAssigned",
        "LocationNotUpdated",
        "KeyDatesNotUpdated",
        "ImprisonmentStatusUpdated",
        "SentenceDatesChanged",
        "SentenceDatesRecordNotFound",
        "SentenceDatesChangeIgnored",
        "BookingNumberChanged",
        "BookingNumberChangedOffenderNotFound",
    ]
}


def _run_scenario(moto, fake, extra):
    """Run the scenario in its own interpreter, every trace kept; its output."""
    env = runner_env(
        {
            **aws.aws_environment(moto),
            "APPLICATIONINSIGHTS_CONNECTION_STRING": fake.connection_string,
            **EVERY_TRACE,
            "PYTHONPATH": str(Path(__file__).parents[2]),
            **extra,
        }
    )
    result = subprocess.run(
        [sys.executable, str(SCENARIO), fake.url],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def arrived():
    """Run the scenario once with telemetry on; the fake keeps what it was sent."""
    with aws.moto_server() as moto, FakeAppInsights() as fake:
        output = _run_scenario(
            moto,
            fake,
            {
                "APPINSIGHTS_INSTRUMENTATIONKEY": "unused-when-a-string-is-set",
                "APPLICATIONINSIGHTS_ROLE_INSTANCE": "test-pod-1",
                "BUILD_NUMBER": "2026-12-04.1",
            },
        )
        assert leaks(output) == []
        assert "exported by: PlainSpanExporter EventPipeline" in output
        # the distro added no handler of its own beside ours: its logs are off
        assert "root handlers: RunnerHandler\n" in output
        yield fake


def _batch(fake):
    (batch,) = [
        r
        for r in fake.of_type("RequestData")
        if r["data"]["baseData"]["properties"].get("batch.claimed") == "1"
    ]
    return batch


def _dependencies(fake, kind):
    found = fake.of_type("RemoteDependencyData")
    return [d for d in found if d["data"]["baseData"].get("type") == kind]


class TestExportToApplicationInsights:
    """Events, requests and dependencies as Application Insights expects them."""

    def test_the_custom_event_arrives_with_its_name_and_properties(self, arrived):
        """Name and the original's property keys, values unchanged."""
        (event,) = [
            e
            for e in arrived.events("P2POffenderNumberSet")
            if "crn" in e["properties"]
        ]
        properties = event["properties"]
        assert {k: properties[k] for k in ("offenderNo", "bookingNumber", "crn")} == {
            "offenderNo": "A5089DY",
            "bookingNumber": "38339A",
            "crn": "X142620",
        }

    def test_every_envelope_carries_the_cloud_role_and_instance(self, arrived):
        """ai.cloud.role is the original's name; the instance is configurable."""
        tags = {
            (e["tags"]["ai.cloud.role"], e["tags"]["ai.cloud.roleInstance"])
            for e in arrived.envelopes
        }
        assert tags == {("help-with-prison-visits-asynchronous-worker", "test-pod-1")}

    def test_the_batch_is_a_request_and_the_calls_are_its_dependencies(self, arrived):
        """HTTP (httpx and requests), SQL and AWS calls all hang off the batch."""
        batch = _batch(arrived)
        operation = batch["tags"]["ai.operation.id"]
        http = _dependencies(arrived, "HTTP")
        sql = _dependencies(arrived, "SQL")
        aws_calls = [
            d
            for d in arrived.of_type("RemoteDependencyData")
            if "SQS" in d["data"]["baseData"]["name"]
        ]
        linked = {d["tags"]["ai.operation.id"] for d in [*http, *sql, *aws_calls]}
        assert (len(http), len(sql) >= 1, len(aws_calls) >= 1, linked) == (
            2,
            True,
            True,
            {operation},
        )

    def test_the_task_span_is_the_child_of_the_batch(self, arrived):
        """The task's parent id is the batch request's id."""
        batch = _batch(arrived)
        (task,) = [
            d
            for d in arrived.of_type("RemoteDependencyData")
            if d["data"]["baseData"]["name"] == "task DWP-CHECK"
        ]
        assert task["tags"]["ai.operation.parentId"] == batch["data"]["baseData"]["id"]

    def test_dependency_urls_carry_no_query_string(self, arrived):
        """The distance and Notify calls are recorded by path only."""
        urls = sorted(
            d["data"]["baseData"]["data"] for d in _dependencies(arrived, "HTTP")
        )
        assert [url.rsplit("/", 1)[-1] for url in urls] == ["distance", "notify"]

    def test_nothing_personal_arrives(self, arrived):
        """The personal-data scan finds nothing in anything exported."""
        assert leaks(arrived.everything()) == []

    def test_the_scan_of_exported_telemetry_finds_nothing(self, arrived):
        """No query string, header, body or parameter key anywhere."""
        assert exported_leaks(arrived.envelopes) == []

    def test_every_p2p_event_arrives_by_name_with_its_properties(self, arrived):
        """Every section 10.2 event and a DLQ event, names and properties unchanged."""
        names = {e["name"] for e in arrived.events() if e["name"].startswith("P2P")}
        (dlq,) = arrived.events("TRANSFERRED_EVENT_DLQ")
        (ignored,) = arrived.events("P2PChangeIgnored")
        assert (
            names,
            dlq["properties"]["messages-on-queue"],
            ignored["properties"]["reason"],
        ) == (P2P_EVENTS, "2", "test")

    def test_pool_checkouts_are_not_recorded_as_dependencies(self, arrived):
        """Statements are dependencies; each "connect" is not."""
        names = {_name for d in arrived.of_type("RemoteDependencyData")
                 if (_name := d["data"]["baseData"]["name"])}  # fmt: skip
        assert ("connect" in names, "SELECT" in names) == (False, True)


def test_otel_logs_exporter_none_sends_no_events_but_still_traces():
    """`OTEL_LOGS_EXPORTER=none` turns custom events off, as the distro takes it.

    Our own events pipeline (18e) is skipped too: no custom event arrives, while the
    batch's request still does.
    """
    with aws.moto_server() as moto, FakeAppInsights() as fake:
        _run_scenario(moto, fake, {"OTEL_LOGS_EXPORTER": "none"})
        requests_sent = [
            r
            for r in fake.of_type("RequestData")
            if r["data"]["baseData"]["properties"].get("batch.claimed") == "1"
        ]
        assert (fake.of_type("EventData"), len(requests_sent)) == ([], 1)


def test_a_dropped_trace_sends_no_spans_but_every_custom_event():
    """Traces sampled away (none kept): no request or dependency, every event arrives.

    The task's call spans beneath the dropped batch are dropped with it (`sampling`),
    while the event sent inside the task, and the rest, are never sampled.
    """
    with aws.moto_server() as moto, FakeAppInsights() as fake:
        _run_scenario(moto, fake, {"OTEL_TRACES_SAMPLER_ARG": "0.0"})
        names = {event["name"] for event in fake.events()}
        assert (
            fake.of_type("RequestData"),
            fake.of_type("RemoteDependencyData"),
            names >= P2P_EVENTS,
            "TRANSFERRED_EVENT_DLQ" in names,
        ) == ([], [], True, True)
