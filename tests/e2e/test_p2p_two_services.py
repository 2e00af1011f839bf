"""Two service processes on one table: one lock holder at a time, and a takeover."""

from __future__ import annotations

import itertools
import json
import signal
import subprocess
import time
from collections import Counter
from datetime import datetime, timedelta

import pytest

from support import aws
from support.hmpps import FIXTURES, hmpps_fakes
from support.personal_data import leaks
from support.runner import COMMAND, run, runner_env

MESSAGES = ("imprisonmentStatusChanged", "externalMovement", "sentenceDatesChanged",
            "confirmedReleaseDateChanged", "bookingNumberChanged")  # fmt: skip
LEASE = timedelta(seconds=4)
BOOKING = "/secure/offenders/nomsNumber/A5089DY"
# what one process makes of the four kept items: each item's updates exactly once
EXPECTED_WRITES = Counter({
    ("PUT", "/secure/offenders/crn/X142620/nomsNumber"): 1,
    ("PUT", f"{BOOKING}/custody/bookingNumber"): 1,
    # status change (custody booking) and external movement (location)
    ("PUT", f"{BOOKING}/custody/bookingNumber/38339A"): 2,
    # the status change replaces the key dates; the kept key-date change of the
    # same run has nothing left to send (one replace per burst)
    ("POST", f"{BOOKING}/bookingNumber/38339A/custody/keyDates"): 1,
    ("PUT", "/secure/offenders/nomsNumber/A9999DY/nomsNumber"): 1,
})  # fmt: skip
PROCESS_LOCK = "scheduleLock"


def _wait(check, what, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


@pytest.fixture
def world(samples_dir, monkeypatch):
    """Moto, the fakes, and the environment both services share."""
    with aws.moto_server() as url, hmpps_fakes(samples_dir) as fakes:
        env = {
            **aws.aws_environment(url),
            **fakes.environment(),
            "DYNAMODB_TABLENAME": "cp-message",
            "DYNAMODB_SCHEDULE_TABLENAME": "cp-schedule",
            "PRISONTOPROBATION_HOLD_BACK_DURATION": "5s",
            "PRISONTOPROBATION_MESSAGE_PROCESSOR_DELAY": "100",
            "PRISONTOPROBATION_LOCK_AT_MOST_FOR": f"{LEASE.seconds}s",
            "PRISONTOPROBATION_SQS_WAIT_TIME_SECONDS": "1",
            "HMPPS_API_TIMEOUT_SECONDS": "60",
            "LOGGING_LEVEL": "DEBUG",
            "SERVER_PORT": "0",
        }
        booted = run(["p2p", "bootstrap-aws"], env)
        assert booted.returncode == 0, booted.stderr
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        yield fakes, env


@pytest.fixture
def two_services(world, tmp_path):
    """Two `p2p serve` processes, logging to files (a pipe would fill and block)."""
    fakes, env = world
    processes = {}
    for name in ("first", "second"):
        with (tmp_path / f"{name}.log").open("w") as log_file:
            process = subprocess.Popen(
                [*COMMAND, "p2p", "serve"],
                env=runner_env(env),
                stdout=subprocess.DEVNULL,
                stderr=log_file,
            )
        processes[process.pid] = (process, tmp_path / f"{name}.log")
    try:
        yield fakes, processes
    finally:
        for process, _ in processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=60)


def _publish_fixture_events(samples_dir):
    sns = aws.session().client("sns")
    topic = sns.create_topic(Name="offender_events")["TopicArn"]
    folder = samples_dir / FIXTURES / "messages"
    for name in MESSAGES:
        envelope = json.loads((folder / f"{name}.json").read_text())
        event_type = envelope["MessageAttributes"]["eventType"]["Value"]
        sns.publish(TopicArn=topic, Message=envelope["Message"], MessageAttributes={
            "eventType": {"DataType": "String", "StringValue": event_type}})  # fmt: skip


def _lock_item():
    client = aws.session().client("dynamodb")
    found = client.get_item(
        TableName="cp-schedule", Key={"_id": {"S": PROCESS_LOCK}}, ConsistentRead=True
    )
    return found.get("Item")


def _items():
    return aws.session().client("dynamodb").scan(TableName="cp-message")["Items"]


def _settled():
    items = _items()
    return len(items) == 4 and all("processedDate" in i for i in items)


def _ms(text):
    """An instant to the millisecond, as the lock table compares them."""
    value = datetime.fromisoformat(text)
    return value.replace(microsecond=value.microsecond // 1000 * 1000)


def _leases(log_text, *, killed):
    """(from, to) of each process-lock lease in one process's JSON log."""
    leases, taken = [], None
    for line in log_text.splitlines():
        entry = json.loads(line) if line.startswith("{") else {}
        if entry.get("lock") != PROCESS_LOCK:
            continue
        if entry["message"] == "lock taken":
            taken = (_ms(entry["lock_from"]), _ms(entry["lock_until"]))
        elif entry["message"] == "lock released" and taken is not None:
            leases.append((taken[0], _ms(entry["lock_to"])))
            taken = None
    if taken is not None:
        assert killed, "a lease was never released by a process that stopped cleanly"
        leases.append(taken)  # a killed holder's lease runs to its end
    return leases


class TestTwoServices:
    """Two `p2p serve` processes against the same moto tables and fake APIs."""

    def test_one_holder_at_a_time_and_the_other_takes_over_after_a_kill(
        self, two_services, samples_dir
    ):
        """Leases never overlap, updates are made once, a killed holder is replaced."""
        fakes, processes = two_services
        fakes.community.fail_next("slow")  # the holder hangs on its first call
        _publish_fixture_events(samples_dir)
        # all stored before the kill, so no message is in the killed listener's hands
        # (the hold-back keeps processing from starting before)
        _wait(lambda: len(_items()) == len(MESSAGES), "every event stored")
        _wait(fakes.community.calls, "the first community-api call")
        holder = _lock_item()["lockedBy"]["S"]
        holder_pid = int(holder.rsplit(":", 1)[1])
        processes[holder_pid][0].send_signal(signal.SIGKILL)
        processes[holder_pid][0].wait(timeout=30)

        _wait(_settled, "the other process to finish every booking")
        survivor = next(pid for pid in processes if pid != holder_pid)
        # stopped before its log is read, so no lease is caught half-way
        processes[survivor][0].send_signal(signal.SIGTERM)
        assert processes[survivor][0].wait(timeout=60) == 0

        writes = Counter(
            (r.method, r.path) for r in fakes.community.calls() if r.method != "GET"
        )
        assert writes == EXPECTED_WRITES
        leases = {
            pid: _leases(path.read_text(), killed=pid == holder_pid)
            for pid, (_, path) in processes.items()
        }
        for path in (path for _, path in processes.values()):
            assert leaks(path.read_text()) == []
        timeline = sorted(
            (start, end, pid) for pid, spans in leases.items() for start, end in spans
        )
        overlaps = [
            (earlier, later)
            for earlier, later in itertools.pairwise(timeline)
            if later[0] < earlier[1]
        ]
        assert overlaps == []
        killed_lease = leases[holder_pid][-1]
        takeover = min(s for s, _ in leases[survivor] if s >= killed_lease[0])
        assert takeover >= killed_lease[1]
