"""The p2p service as an e2e subprocess: its environment, the fixture events, waits.

Shared by the service's e2e tests and its telemetry test, so both run the same
realistic scenario: the fixture events published to the topic on moto, validated,
held back (for no time), processed against the fake HMPPS APIs.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from support import aws
from support.hmpps import FIXTURES
from support.runner import Started

MESSAGES = ("imprisonmentStatusChanged", "externalMovement", "sentenceDatesChanged",
            "confirmedReleaseDateChanged", "bookingNumberChanged",
            "notAnExternalMovement")  # fmt: skip
MESSAGE_TABLE = "cp-message"
QUEUE = "prison_to_probation_queue"
QUEUE_COUNTS = [
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
]
# The event types the fixture messages store (one fixture is not an external
# movement, and is ignored), and the two that make one key-date update.
KEY_DATE_KINDS = {"SENTENCE_DATES-CHANGED", "CONFIRMED_RELEASE_DATE-CHANGED"}
STORED_KINDS = {
    "IMPRISONMENT_STATUS-CHANGED",
    "EXTERNAL_MOVEMENT_RECORD-INSERTED",
    "BOOKING_NUMBER-CHANGED",
    *KEY_DATE_KINDS,
}


# A bound for work of a few seconds' CPU, not a speed target: under CI's two xdist
# workers on two cores, with the service, moto and the fakes sharing them, the same
# work takes several times as long as on a quiet machine.
WAIT_SECONDS = 120.0


def wait(
    check: Callable[[], bool],
    what: str,
    timeout: float = WAIT_SECONDS,
    *,
    service: Started | None = None,
    state: Callable[[], object] | None = None,
) -> None:
    """Poll `check` until it holds; fail the test naming `what` if it never does.

    The failure carries `state()` and the end of the service's log, so a timeout on
    a busy CI machine can be told apart from a stuck service.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    lines = [f"timed out after {timeout:.0f} s waiting for {what}"]
    if state is not None:
        lines.append(f"state: {state()}")
    if service is not None:
        code = service.poll()
        running = "is running" if code is None else f"exited with {code}"
        lines += [f"the service {running}; its log ends:", service.log_tail()]
    pytest.fail("\n".join(lines))


def wait_up(url: str, process: Started, timeout: float = WAIT_SECONDS) -> None:
    """Wait for the service to answer; fail at once, with its output, if it stopped."""
    wait(
        lambda: process.poll() is not None or up(url),
        "the service to answer",
        timeout,
        service=process,
    )
    if process.poll() is not None:
        pytest.fail(f"the service stopped before answering: {process.log_tail()}")


def up(url: str) -> bool:
    """True once the service answers its ping."""
    try:
        return httpx.get(url + "/health/ping", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def service_env(
    moto_url: str, fakes_env: Mapping[str, str], port: int
) -> dict[str, str]:
    """The service's environment: moto, the fakes, no hold-back, quick polling."""
    return {
        **aws.aws_environment(moto_url),
        **fakes_env,
        "DYNAMODB_TABLENAME": MESSAGE_TABLE,
        "DYNAMODB_SCHEDULE_TABLENAME": "cp-schedule",
        "PRISONTOPROBATION_HOLD_BACK_DURATION": "0m",
        "PRISONTOPROBATION_MESSAGE_PROCESSOR_DELAY": "50",
        "PRISONTOPROBATION_SQS_WAIT_TIME_SECONDS": "1",
        "SERVER_PORT": str(port),
    }


def items() -> list[dict[str, Any]]:
    """Every item in the message table."""
    client = aws.session().client("dynamodb")
    return list(client.scan(TableName=MESSAGE_TABLE)["Items"])


def settled() -> bool:
    """Every published event was handled and every stored item is processed.

    The service deletes a message only once its event is stored (or ignored), so an
    empty queue with no item left unprocessed means the run is over. How many items
    remain depends on timing: the sentence-date and release-date changes are one
    key-date update, and when both are stored before the booking is processed the
    older is discarded (four items); with no hold-back, a busy machine can store the
    second after the first was processed, and then both are processed (five).
    """
    found = items()
    kinds = {i["eventType"]["S"] for i in found}
    return (
        queue_drained()
        and kinds | KEY_DATE_KINDS >= STORED_KINDS
        and bool(kinds & KEY_DATE_KINDS)
        and all("processedDate" in i for i in found)
    )


def queue_drained() -> bool:
    """No message waiting, in flight or delayed on the service's queue."""
    sqs = aws.session().client("sqs")
    url = sqs.get_queue_url(QueueName=QUEUE)["QueueUrl"]
    counts = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=QUEUE_COUNTS)
    return all(int(v) == 0 for v in counts["Attributes"].values())


def progress() -> dict[str, object]:
    """The queue's counts and each item's type, status and retries (nothing personal)."""
    sqs = aws.session().client("sqs")
    url = sqs.get_queue_url(QueueName=QUEUE)["QueueUrl"]
    counts = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=QUEUE_COUNTS)
    return {
        "queue": counts["Attributes"],
        "items": sorted(
            (
                i["eventType"]["S"],
                i["status"]["S"],
                i["retryCount"]["N"],
                "processed" if "processedDate" in i else "unprocessed",
            )
            for i in items()
        ),
    }


def publish_fixture_events(
    env: Mapping[str, str],
    root: Path,
    monkeypatch: pytest.MonkeyPatch,
    traceparents: Mapping[str, str] | None = None,
    names: tuple[str, ...] = MESSAGES,
) -> None:
    """Publish the fixture events `names` to the topic; `traceparents` by name."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    sns = aws.session().client("sns")
    topic = sns.create_topic(Name="offender_events")["TopicArn"]
    folder = root / FIXTURES / "messages"
    for name in names:
        envelope = json.loads((folder / f"{name}.json").read_text())
        event_type = envelope["MessageAttributes"]["eventType"]["Value"]
        attributes = {"eventType": {"DataType": "String", "StringValue": event_type}}
        if name in (traceparents or {}):
            attributes["traceparent"] = {
                "DataType": "String",
                "StringValue": (traceparents or {})[name],
            }
        sns.publish(TopicArn=topic, Message=envelope["Message"],
                    MessageAttributes=attributes)  # fmt: skip
