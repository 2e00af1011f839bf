"""The p2p service as an e2e subprocess: its environment, the fixture events, waits.

Shared by the service's e2e tests and its telemetry test, so both run the same
realistic scenario: the fixture events published to the topic on moto, validated,
held back (for no time), processed against the fake HMPPS APIs.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest

from support import aws
from support.hmpps import FIXTURES

MESSAGES = ("imprisonmentStatusChanged", "externalMovement", "sentenceDatesChanged",
            "confirmedReleaseDateChanged", "bookingNumberChanged",
            "notAnExternalMovement")  # fmt: skip
MESSAGE_TABLE = "cp-message"


def wait(check: Callable[[], bool], what: str, timeout: float = 60) -> None:
    """Poll `check` until it holds; fail the test naming `what` if it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def wait_up(url: str, process: subprocess.Popen[str], timeout: float = 60) -> None:
    """Wait for the service to answer; fail at once, with its output, if it stopped."""
    wait(
        lambda: process.poll() is not None or up(url), "the service to answer", timeout
    )
    if process.poll() is not None:
        _, stderr = process.communicate(timeout=10)
        pytest.fail(f"the service stopped before answering: {stderr[-3000:]}")


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
    """The four stored items are all processed.

    Sentence-date and release-date changes are one key-date update: the newer is
    processed, the older discarded (core's aggregation).
    """
    found = items()
    return len(found) == 4 and all("processedDate" in i for i in found)


def publish_fixture_events(
    env: Mapping[str, str],
    root: Path,
    monkeypatch: pytest.MonkeyPatch,
    traceparents: Mapping[str, str] | None = None,
) -> None:
    """Publish each fixture event to the topic; `traceparents` by fixture name."""
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    sns = aws.session().client("sns")
    topic = sns.create_topic(Name="offender_events")["TopicArn"]
    folder = root / FIXTURES / "messages"
    for name in MESSAGES:
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
