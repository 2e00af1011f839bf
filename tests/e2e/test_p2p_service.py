"""The service as a subprocess: SNS on moto, fake HMPPS APIs, health, reports, admin."""

from __future__ import annotations

import json
import signal
from contextlib import contextmanager

import httpx
import pytest

from support import aws
from support.hmpps import hmpps_fakes
from support.p2p_service import (
    MESSAGES,
    STORED_KINDS,
    items,
    progress,
    publish_fixture_events,
    service_env,
    settled,
    wait,
    wait_up,
)
from support.personal_data import leaks
from support.ports import free_port
from support.runner import run, start, stop

# Identifiers of the people in the fixture events: a person's prison number and CRN.
PERSON_IDS = ("A5089DY", "A9999DY", "X142620", "X181002", "38339A")
# moto's "testing" AWS secret is too common a word to scan for.
SECRET_MIN_LENGTH = 8


@pytest.fixture(scope="module")
def moto_url():
    with aws.moto_server() as url:
        yield url


@contextmanager
def _world(moto_url, samples_dir):
    """Moto reset, resources bootstrapped by the CLI, fakes serving the fixtures."""
    aws.reset(moto_url)
    with hmpps_fakes(samples_dir) as fakes:
        port = free_port()
        env = {
            **service_env(moto_url, fakes.environment(), port),
            "QUEUE_ADMIN_MAX_REDRIVES": "1",
        }
        booted = run(["p2p", "bootstrap-aws"], env)
        assert booted.returncode == 0, booted.stderr
        yield fakes, env, f"http://127.0.0.1:{port}"


@contextmanager
def _serving(world):
    """`p2p serve` on the world until the block ends; it must stop cleanly."""
    fakes, env, url = world
    process = start(["p2p", "serve"], env)
    try:
        wait_up(url, process)
        yield fakes, env, url, process
    finally:
        code, stderr = stop(process, signal.SIGTERM)
        assert code == 0, stderr[-3000:]


@pytest.fixture
def world(moto_url, samples_dir):
    """A fresh world for one test."""
    with _world(moto_url, samples_dir) as built:
        yield built


@pytest.fixture
def service(world):
    """The service on a fresh world, for a test that changes what it holds."""
    with _serving(world) as served:
        yield served


@pytest.fixture(scope="class")
def idle_service(moto_url, samples_dir):
    """One service for a class of tests that only ask it questions: no work, no state."""
    with _world(moto_url, samples_dir) as built, _serving(built) as served:
        yield served


def _secrets(env):
    """The configured secret values long enough not to match by chance."""
    return {
        name: value
        for name, value in env.items()
        if any(word in name for word in ("SECRET", "PASSWORD", "TOKEN", "KEY"))
        and not name.endswith(("_ID", "_KEY_ID"))
        and len(value) >= SECRET_MIN_LENGTH
    }


class TestP2pService:
    """End to end on moto and the fake APIs."""

    def test_fixture_events_reach_delius_and_complete(
        self, service, samples_dir, monkeypatch
    ):
        """The fixture events go from SNS through the service to Delius and complete."""
        fakes, env, url, process = service
        publish_fixture_events(env, samples_dir, monkeypatch)
        wait(settled, "every event handled", service=process, state=progress)
        found = items()
        stored = {i["eventType"]["S"]: i for i in found}
        assert {i["status"]["S"] for i in stored.values()} == {"COMPLETED"}
        assert stored["IMPRISONMENT_STATUS-CHANGED"]["matchingCrns"]["S"] == "X142620"
        writes = {(r.method, r.path) for r in fakes.community.calls()}
        assert {
            ("GET", "/secure/offenders/crn/X142620/convictions"),
            ("GET", "/secure/offenders/crn/X181002/convictions"),
            ("PUT", "/secure/offenders/crn/X142620/nomsNumber"),
            ("PUT", "/secure/offenders/nomsNumber/A5089DY/custody/bookingNumber"),
            (
                "PUT",
                "/secure/offenders/nomsNumber/A5089DY/custody/bookingNumber/38339A",
            ),
            (
                "POST",
                "/secure/offenders/nomsNumber/A5089DY/bookingNumber/38339A/custody/keyDates",
            ),
            ("PUT", "/secure/offenders/nomsNumber/A9999DY/nomsNumber"),
        } == writes
        ready = httpx.get(url + "/health/readiness", timeout=5)
        assert (ready.status_code, ready.json()) == (200, {"status": "UP"})
        metrics = httpx.get(url + "/prometheus", timeout=5).text
        assert 'ptpu_statusChangeCounter_total{type="success"} 1.0' in metrics
        assert 'ptpu_movement_total{type="success"} 1.0' in metrics

        report_token = fakes.auth.issue(roles=["ROLE_PTPU_REPORT"])
        processed = httpx.get(url + "/report/processed", timeout=5,
                              headers={"Authorization": f"Bearer {report_token}"})  # fmt: skip
        lines = processed.text.splitlines()
        # a header, then one line per processed item: four or five (`settled`)
        assert (processed.status_code, lines[0], len(lines)) == (
            200,
            (
                '"BOOKINGID","BOOKINGNO","CREATEDDATE","CRNS","DELETEBY","EVENTTYPE",'
                '"LEGALSTATUS","LOCATION","LOCATIONID","OFFENDERNO","PROCESSEDDATE",'
                '"RECALL","STATUS"'
            ),
            1 + len(found),
        )

    def test_bootstrap_aws_is_idempotent(self, world):
        """A second `p2p bootstrap-aws` on bootstrapped resources succeeds, changing nothing."""
        _, env, _ = world
        with pytest.MonkeyPatch.context() as monkeypatch:
            for name, value in env.items():
                monkeypatch.setenv(name, value)
            sqs = aws.session().client("sqs")
            before = sorted(sqs.list_queues()["QueueUrls"])
            again = run(["p2p", "bootstrap-aws"], env)
            assert (again.returncode, sorted(sqs.list_queues()["QueueUrls"])) == (
                0,
                before,
            ), again.stderr

    def test_health_reports_every_component(self, service):
        """/health is UP and lists the tables, the queue with its DLQ and every API."""
        _, _, url, _ = service
        response = httpx.get(url + "/health", timeout=10)
        body = response.json()
        assert (response.status_code, body["status"]) == (200, "UP")
        assert (
            body["components"]["messageTable"]["details"]["tableName"] == "cp-message"
        )
        assert (
            body["components"]["prisonEventsQueueHealth"]["details"]["dlqStatus"]
            == "UP"
        )
        assert set(body["components"]) == {
            "healthInfo", "OAuthApiHealth", "prisonApiHealth", "communityApiHealth",
            "searchApiHealth", "messageTable", "scheduleTable",
            "prisonEventsQueueHealth", "HMPPSEventsQueueHealth"}  # fmt: skip
        assert body["components"]["HMPPSEventsQueueHealth"]["details"][
            "queueName"] == "prison_to_probation_hmpps_queue"  # fmt: skip

    def test_health_and_prometheus_carry_no_secret_or_personal_data(
        self, service, samples_dir, monkeypatch
    ):
        """After real work, health and metrics show no secret or personal data.

        The sentence-date change is processed before the release-date change is
        published, as on a busy machine with no hold-back: both are then processed.
        """
        _, env, url, process = service
        first = ("sentenceDatesChanged",)
        rest = tuple(name for name in MESSAGES if name not in first)
        publish_fixture_events(env, samples_dir, monkeypatch, names=first)
        wait(lambda: [i.get("processedDate") is not None for i in items()] == [True],
             "the sentence-date change processed", service=process, state=progress)  # fmt: skip
        publish_fixture_events(env, samples_dir, monkeypatch, names=rest)
        wait(settled, "every event handled", service=process, state=progress)
        assert len(items()) == len(STORED_KINDS)
        secrets = _secrets(env)
        assert "OAUTH_CLIENT_SECRET" in secrets
        for path in ("/health", "/health/ping", "/prometheus"):
            body = httpx.get(url + path, timeout=10).text
            found = [name for name, value in secrets.items() if value in body]
            found += leaks(body)
            found += [value for value in PERSON_IDS if value in body]
            assert (path, found) == (path, [])

    def test_poison_message_is_dead_lettered_redriven_then_parked(
        self, service, monkeypatch
    ):
        """A poison message is dead-lettered, redriven once, then parked on the second failure."""
        fakes, env, url, process = service
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        sqs = aws.session().client("sqs")
        queue = sqs.get_queue_url(QueueName="prison_to_probation_queue")["QueueUrl"]
        sqs.send_message(QueueUrl=queue, MessageBody="not an SNS envelope",
                         MessageAttributes={"origin": {"DataType": "String",
                                                       "StringValue": "test"}})  # fmt: skip
        admin = {"Authorization": "Bearer "
                 + fakes.auth.issue(roles=["ROLE_PTPU_QUEUE_ADMIN"])}  # fmt: skip

        def on(name):
            def check():
                listed = httpx.get(f"{url}/queue-admin/get-dlq-messages/{name}",
                                   headers=admin, timeout=5).json()  # fmt: skip
                return listed["messagesFoundCount"] == 1

            return check

        def dlq(what):
            wait(on("prison_to_probation_dlq"), what, service=process)

        dlq("the dead-letter queue")
        first = httpx.put(url + "/queue-admin/retry-dlq/prison_to_probation_dlq",
                          headers=admin, timeout=10).json()  # fmt: skip
        assert first == {"redriven": 1, "parked": 0}
        dlq("the second dead-lettering")
        second = httpx.put(url + "/queue-admin/retry-all-dlqs", headers=admin,
                           timeout=10).json()  # fmt: skip
        assert second == [
            {"dlq": "prison_to_probation_dlq", "redriven": 0, "parked": 1}
        ]
        parked = sqs.get_queue_url(QueueName="prison_to_probation_parked")["QueueUrl"]
        message = sqs.receive_message(QueueUrl=parked, MessageAttributeNames=["All"],
                                      VisibilityTimeout=0)  # fmt: skip
        attributes = message["Messages"][0]["MessageAttributes"]
        assert (attributes["origin"]["StringValue"],
                attributes["redriveCount"]["StringValue"]) == ("test", "2")  # fmt: skip
        listed = run(["p2p", "parked", "list"], env)
        assert json.loads(listed.stdout)["messagesFoundCount"] == 1, listed.stderr
        moved = httpx.put(url + "/queue-admin/retry-parked", headers=admin, timeout=10)
        assert moved.json() == {"moved": 1}
        dlq("the moved-back message to fail again")


class TestP2pServiceRefusals:
    """Bad tokens against one running service: the answers change nothing it holds."""

    @pytest.mark.parametrize(
        ("make", "status"),
        [
            (lambda auth: None, 401),
            (lambda auth: "not-a.jwt", 401),
            (lambda auth: auth.issue(roles=["ROLE_PTPU_REPORT"], lifetime=-600), 401),
            (lambda auth: auth.issue(roles=["ROLE_PTPU_REPORT"], key=_stranger()), 401),
            (lambda auth: auth.issue(roles=["ROLE_OTHER"]), 403),
        ],
        ids=["missing", "malformed", "expired", "badly-signed", "wrong-role"],
    )
    def test_reports_and_admin_refuse_bad_tokens(self, idle_service, make, status):
        """Missing, malformed, expired, badly signed or wrong-role tokens are refused."""
        fakes, _, url, _ = idle_service
        token = make(fakes.auth)
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        for method, path in (("GET", "/report/in-progress"),
                             ("PUT", "/queue-admin/retry-all-dlqs")):  # fmt: skip
            answer = httpx.request(method, url + path, headers=headers, timeout=5)
            assert answer.status_code == status, path


def _stranger():
    from hmpps_workers.adapters.testing.hmpps_auth import new_key  # noqa: PLC0415

    return new_key()
