"""Swap-over through the runners: the original's table, then ours, nothing orphaned."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from support import aws
from support.hmpps import FIXTURES, hmpps_fakes
from support.runner import run

BOOKING = "1200835"
ORIGINAL_TABLE = "cp-message"


@pytest.fixture(scope="module")
def moto_url():
    """A moto server for this module, emptied afterwards.

    moto's state is per process, shared by every server in it: leave none behind.
    """
    with aws.moto_server() as url:
        yield url
        aws.reset(url)


def original_item(item_id, event, message, *, retry_count, age, **extra):
    """An item as the Kotlin service wrote it (UK wall clock, no new attributes)."""
    created = (datetime.now(UTC) - age).astimezone().replace(tzinfo=None)
    return {
        "id": {"S": item_id},
        "bookingId": {"N": BOOKING},
        "retryCount": {"N": str(retry_count)},
        "createdDate": {"S": created.isoformat(timespec="seconds")},
        "deleteBy": {
            "N": str(int((datetime.now(UTC) + timedelta(days=10)).timestamp()))
        },
        "eventType": {"S": event},
        "message": {"S": message},
        "reportable": {"N": "1"},
        "status": {"S": "VALIDATED" if retry_count == 0 else "ERROR"},
        **extra,
    }


@pytest.fixture
def original(moto_url, shared_dir, monkeypatch):
    """The original's tables (no indexes) holding ready, retrying and expired items."""
    aws.reset(moto_url)
    for name, value in aws.aws_environment(moto_url).items():
        monkeypatch.setenv(name, value)
    with hmpps_fakes(shared_dir) as fakes:
        env = {
            **aws.aws_environment(moto_url),
            **fakes.environment(),
            "DYNAMODB_TABLENAME": ORIGINAL_TABLE,
            "DYNAMODB_SCHEDULE_TABLENAME": "cp-schedule",
            "PRISONTOPROBATION_HOLD_BACK_DURATION": "60m",
            "P2P_BACKFILL_READS_PER_SECOND": "100000",
            "P2P_BACKFILL_WRITES_PER_SECOND": "100000",
        }
        booted = run(["p2p", "bootstrap-aws", "--no-indexes"], env)
        assert booted.returncode == 0, booted.stderr
        folder = shared_dir / FIXTURES / "messages"
        dates = json.loads((folder / "sentenceDatesChanged.json").read_text())
        dynamodb = aws.session().client("dynamodb")
        expired = str(int((datetime.now(UTC) - timedelta(hours=1)).timestamp()))
        for item in (
            original_item("ready", "SENTENCE_DATES-CHANGED", dates["Message"],
                          retry_count=0, age=timedelta(hours=2)),
            original_item("retrying", "CONFIRMED_RELEASE_DATE-CHANGED",
                          dates["Message"], retry_count=2, age=timedelta(days=20)),
            original_item("expired", "SENTENCE_DATES-CHANGED", dates["Message"],
                          retry_count=1, age=timedelta(days=31),
                          deleteBy={"N": expired}),
        ):  # fmt: skip
            dynamodb.put_item(TableName=ORIGINAL_TABLE, Item=item)
        yield env, fakes, dynamodb


def _status(dynamodb):
    items = dynamodb.scan(TableName=ORIGINAL_TABLE)["Items"]
    return {i["id"]["S"]: i["status"]["S"] for i in items}


class TestSwapOver:
    """The operator's path: bootstrap-aws on the original's table, then our jobs."""

    def test_bootstrap_backfills_and_every_item_the_original_left_is_processed(
        self, original
    ):
        """The two-hour-old ready item and the retrying one complete; expired waits."""
        env, _, dynamodb = original
        booted = run(["p2p", "bootstrap-aws"], env)
        assert booted.returncode == 0, booted.stderr
        assert re.search(r"backfill done: 3 read, 3 marked", booted.stdout)
        again = run(["p2p", "bootstrap-aws"], env)
        assert "backfill done: 3 read, 3 marked" in again.stdout  # recorded, not redone
        # the retry tier first: it must find the retrying item through the index
        # alone (the main loop would also take it with its booking's new event)
        for job in ("retry-short", "process"):
            ran = run(["p2p", "run-job", job], env)
            assert ran.returncode == 0, ran.stderr
        assert _status(dynamodb) == {
            "ready": "COMPLETED", "retrying": "COMPLETED", "expired": "ERROR"}  # fmt: skip

    def test_before_the_backfill_the_scan_fallback_finds_them_too(self, original):
        """Without indexes the original's items are processed by the scans."""
        env, _, dynamodb = original
        for job in ("retry-short", "process"):
            ran = run(["p2p", "run-job", job], env)
            assert ran.returncode == 0, ran.stderr
        assert _status(dynamodb) == {
            "ready": "COMPLETED", "retrying": "COMPLETED", "expired": "ERROR"}  # fmt: skip
