"""The p2p service exports the original's events, requests and dependencies, and nothing personal.

A realistic run: the fixture events published to the topic, validated, held back,
processed against the fake HMPPS APIs, a report fetched; the fake ingestion endpoint
records what the exporter posts and the service flushes on SIGTERM.
"""

from __future__ import annotations

import json
import signal

import httpx
import pytest

from hmpps_workers.adapters.testing.app_insights import FakeAppInsights
from support import aws
from support.hmpps import hmpps_fakes
from support.p2p_service import (
    MESSAGES,
    items,
    progress,
    publish_fixture_events,
    service_env,
    settled,
    wait,
    wait_up,
)
from support.personal_data import exported_leaks
from support.ports import free_port
from support.runner import run, start, stop

# The report request's token: a system client acting for a member of staff.
CLIENT = "prison-to-probation-ui"
STAFF = "JSMITH_GEN"
TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
BOOKING = ("offenderNo", "bookingNumber", "agencyId")
STATUS_KEYS = {*BOOKING, "sentenceStartDate", "imprisonmentStatusSeq", "bookingId"}


@pytest.fixture(scope="module")
def exported(shared_dir):
    """One realistic run of the service with telemetry on; what the fake received.

    Also the message table's items as they were at the end (by event type).
    """
    with (
        aws.moto_server() as moto_url,
        hmpps_fakes(shared_dir) as fakes,
        FakeAppInsights() as app_insights,
    ):
        aws.reset(moto_url)  # moto's backend is per process: forget other modules'
        port = free_port()
        env = {
            **service_env(moto_url, fakes.environment(), port),
            "APPLICATIONINSIGHTS_CONNECTION_STRING": app_insights.connection_string,
            "OTEL_TRACES_SAMPLER": "microsoft.fixed_percentage",  # every trace
            "OTEL_TRACES_SAMPLER_ARG": "1.0",
            "APPLICATIONINSIGHTS_ROLE_INSTANCE": "p2p-pod-1",
        }
        booted = run(["p2p", "bootstrap-aws"], env)
        assert booted.returncode == 0, booted.stderr
        url = f"http://127.0.0.1:{port}"
        process = start(["p2p", "serve"], env)
        try:
            wait_up(url, process)
            with pytest.MonkeyPatch.context() as monkeypatch:
                publish_fixture_events(env, shared_dir, monkeypatch,
                                       {"bookingNumberChanged": TRACEPARENT})  # fmt: skip
                wait(settled, "every event handled", service=process, state=progress)
                stored = {i["eventType"]["S"]: i for i in items()}
            token = fakes.auth.issue(roles=["ROLE_PTPU_REPORT"], client_id=CLIENT,
                                     user_name=STAFF)  # fmt: skip
            report = httpx.get(url + "/report/processed?processedDateStartDateTime="
                               "2020-01-01T00:00:00", timeout=10,
                               headers={"Authorization": f"Bearer {token}"})  # fmt: skip
            assert report.status_code == 200
        finally:
            code, stderr = stop(process, signal.SIGTERM)
        assert code == 0, stderr[-3000:]
        app_insights.stored = stored
        yield app_insights


def _by_id(fake):
    return {
        e["data"]["baseData"]["id"]: e
        for e in fake.envelopes
        if e["data"]["baseType"] in {"RequestData", "RemoteDependencyData"}
    }


def _name(envelope):
    return envelope["data"]["baseData"]["name"]


def _parent(envelope, by_id):
    return by_id.get(envelope["tags"].get("ai.operation.parentId", ""))


class TestP2pTelemetry:
    """What Application Insights receives from a realistic run."""

    def test_the_originals_events_arrive_with_their_property_keys(self, exported):
        """Status updated, movement, booking-number change: names and keys as before."""
        (status,) = exported.events("P2PImprisonmentStatusUpdated")
        (movement,) = exported.events("P2PExternalMovement")
        (changed,) = exported.events("P2PBookingNumberChanged")
        assert (
            set(status["properties"]) >= STATUS_KEYS,
            {"bookingId", "movementSeq"} <= set(movement["properties"]),
            {"bookingId", "offenderNo", "oldOffenderNo", "crn"}
            <= set(changed["properties"]),
            status["properties"]["offenderNo"],
        ) == (True, True, True, "A5089DY")

    def test_every_envelope_carries_the_original_role_and_our_instance(self, exported):
        """ai.cloud.role prison-to-probation-update, instance from the variable."""
        roles = {
            (e["tags"]["ai.cloud.role"], e["tags"]["ai.cloud.roleInstance"])
            for e in exported.envelopes
        }
        assert roles == {("prison-to-probation-update", "p2p-pod-1")}

    def test_each_message_is_a_request_whose_validation_calls_are_its_children(
        self, exported
    ):
        """prison-api and DynamoDB calls made on receipt hang off the message."""
        by_id = _by_id(exported)
        messages = [e for e in exported.of_type("RequestData")
                    if _name(e) == "prison_to_probation_queue process"]  # fmt: skip
        children = [
            d for d in exported.of_type("RemoteDependencyData")
            if (parent := _parent(d, by_id)) is not None and parent in messages
        ]  # fmt: skip
        kinds = {d["data"]["baseData"].get("type") for d in children}
        # one fixture's event type is outside the subscription's filter policy
        assert (len(messages), {"HTTP"} <= kinds) == (len(MESSAGES) - 1, True)
        assert any("DynamoDB" in _name(d) for d in children)

    def test_a_message_with_a_traceparent_continues_the_publishers_trace(
        self, exported
    ):
        """The operation id is the trace id the publisher sent."""
        operations = {
            e["tags"]["ai.operation.id"] for e in exported.of_type("RequestData")
        }
        assert TRACEPARENT.split("-")[1] in operations

    def test_processing_calls_community_api_under_the_job_and_message_spans(
        self, exported
    ):
        """The PUT to community-api hangs off its message, the message off the job."""
        by_id = _by_id(exported)
        puts = [d for d in exported.of_type("RemoteDependencyData")
                if _name(d).startswith("PUT")]  # fmt: skip
        chains = set()
        for put in puts:
            message = _parent(put, by_id)
            job = _parent(message, by_id) if message else None
            chains.add((_name(message) if message else None,
                        _name(job) if job else None))  # fmt: skip
        assert ("process IMPRISONMENT_STATUS-CHANGED", "job process") in chains

    def test_a_stored_message_keeps_the_trace_it_was_received_in(self, exported):
        """Every stored item carries a traceparent; the published one's trace id."""
        stored = exported.stored
        kept = {event: item.get("traceparent", {}).get("S", "")
                for event, item in stored.items()}  # fmt: skip
        assert (
            kept["BOOKING_NUMBER-CHANGED"].split("-")[1],
            all(len(value) == len(TRACEPARENT) for value in kept.values()),
        ) == (TRACEPARENT.split("-")[1], True)

    def test_processing_after_the_hold_back_links_to_the_receiving_request(
        self, exported
    ):
        """The process span, a child of the job, links to the message's request."""
        by_id = _by_id(exported)
        (processed,) = [d for d in exported.of_type("RemoteDependencyData")
                        if _name(d) == "process BOOKING_NUMBER-CHANGED"]  # fmt: skip
        (link,) = json.loads(processed["data"]["baseData"]["properties"]["_MS.links"])
        received = by_id[link["id"]]
        assert (
            _name(_parent(processed, by_id)),
            link["operation_Id"],
            _name(received),
            received["tags"]["ai.operation.id"],
            processed["tags"]["ai.operation.id"] != link["operation_Id"],
        ) == (
            "job process",
            TRACEPARENT.split("-")[1],
            "prison_to_probation_queue process",
            TRACEPARENT.split("-")[1],
            True,
        )

    def test_the_http_service_request_is_recorded_by_path(self, exported):
        """The report request arrives as a request without its query string."""
        served = [e["data"]["baseData"] for e in exported.of_type("RequestData")
                  if "/report/processed" in e["data"]["baseData"].get("url", "")]  # fmt: skip
        assert [s["url"].endswith("/report/processed") for s in served] == [True]

    def test_the_http_service_request_names_its_client_not_its_user(self, exported):
        """As the original's interceptor: `clientId` from the token; no user name."""
        served = [e["data"]["baseData"] for e in exported.of_type("RequestData")
                  if "/report/processed" in e["data"]["baseData"].get("url", "")]  # fmt: skip
        (properties,) = [s.get("properties", {}) for s in served]
        assert (
            properties.get("clientId"),
            STAFF in json.dumps(exported.envelopes),
        ) == (
            CLIENT,
            False,
        )

    def test_nothing_personal_arrives(self, exported):
        """The scan of everything exported finds nothing."""
        assert exported_leaks(exported.envelopes) == []


class TestRunJobTelemetry:
    """`p2p run-job` (the housekeeping CronJob) is one request with its counts."""

    def test_housekeeping_is_a_request_failed_without_its_queues_and_ok_with_them(
        self, samples_dir
    ):
        """No queues yet: a failed request naming the error type; then a good run."""
        with aws.moto_server() as moto_url, hmpps_fakes(samples_dir) as fakes:
            aws.reset(moto_url)
            env = service_env(moto_url, fakes.environment(), free_port())
            runs = []
            for bootstrap in (False, True):
                if bootstrap:
                    assert run(["p2p", "bootstrap-aws"], env).returncode == 0
                with FakeAppInsights() as app_insights:
                    ran = run(["p2p", "run-job", "housekeeping"], {
                        **env,
                        "APPLICATIONINSIGHTS_CONNECTION_STRING":
                            app_insights.connection_string,
                        "OTEL_TRACES_SAMPLER": "microsoft.fixed_percentage",
                        "OTEL_TRACES_SAMPLER_ARG": "1.0",
                    })  # fmt: skip
                (request,) = app_insights.of_type("RequestData")
                by_id = _by_id(app_insights)
                calls = {_name(d) for d in app_insights.of_type("RemoteDependencyData")
                         if _parent(d, by_id) is request}  # fmt: skip
                base = request["data"]["baseData"]
                runs.append((ran.returncode == 0, base["name"], base["success"],
                             base["properties"].get("run.error_type"),
                             base["properties"].get("job.redriven"),
                             any(c.startswith("SQS.") for c in calls)))  # fmt: skip
                assert exported_leaks(app_insights.envelopes) == []
        assert runs == [
            (False, "job housekeeping", False, "QueueDoesNotExist", None, True),
            (True, "job housekeeping", True, None, "0", True),
        ]
