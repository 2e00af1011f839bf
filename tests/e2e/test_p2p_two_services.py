"""Two service processes on one table: one lock holder at a time, and a takeover.

The lock is checked as the table enforces it (a lease ends at its release or its
`lockUntil`, whichever comes first), and the work apart: no two runs that wrote
anything ran at once. A run can outlive its lease when its process is paused past it
(the lease model's limit; the service then warns "lease overran" and stops before its
next Delius write), which is harmless while it writes nothing.

The 38 ms overlap once seen in CI was moto's: its threaded server let two
conditional writes on the lock item both pass, so two idle runs held the lock
together (reproduced under load in every run, overlaps of 10-60 ms);
`support.aws.moto_server` now serialises DynamoDB requests
(`test_dynamodb_lock_race.py`).

The timings hold under CI's load (two xdist workers on two cores, with both services,
moto and the fakes sharing them): the hold-back outlasts storing every event, and the
lease margin outlasts one message, as docs/configuration.md asks of
`PRISONTOPROBATION_LOCK_MARGIN` (under load one run held the lock 1.9 s; the old
0.4 s margin of a 4 s lease did not cover a message).
"""

from __future__ import annotations

import itertools
import json
import signal
import subprocess
import time
from collections import Counter
from datetime import datetime, timedelta

import attrs
import pytest

from support import aws
from support.hmpps import FIXTURES, hmpps_fakes
from support.personal_data import leaks
from support.runner import COMMAND, run, runner_env

MESSAGES = ("imprisonmentStatusChanged", "externalMovement", "sentenceDatesChanged",
            "confirmedReleaseDateChanged", "bookingNumberChanged")  # fmt: skip
LEASE = timedelta(seconds=10)
MARGIN = timedelta(seconds=5)  # one message takes under 0.1 s on a quiet machine
HOLD_BACK = timedelta(seconds=15)  # storing the five events took 0.1-1.6 s quietly
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


def _wait(check, what, processes, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    pytest.fail(f"timed out after {timeout} s waiting for {what}\n" + _state(processes))


def _state(processes):
    """The items' types and states, and the end of each process's log."""
    items = sorted(
        (i["eventType"]["S"], i["status"]["S"], "processedDate" in i) for i in _items()
    )
    parts = [f"items: {items}"]
    for pid, (process, path) in processes.items():
        code = process.poll()
        parts.append(f"--- process {pid} (exit code {code}), its log ends:")
        parts.append(path.read_text()[-5000:])
    return "\n".join(parts)


@pytest.fixture
def world(samples_dir, monkeypatch):
    """Moto, the fakes, and the environment both services share."""
    with aws.moto_server() as url, hmpps_fakes(samples_dir) as fakes:
        env = {
            **aws.aws_environment(url),
            **fakes.environment(),
            "DYNAMODB_TABLENAME": "cp-message",
            "DYNAMODB_SCHEDULE_TABLENAME": "cp-schedule",
            "PRISONTOPROBATION_HOLD_BACK_DURATION": f"{HOLD_BACK.seconds}s",
            "PRISONTOPROBATION_MESSAGE_PROCESSOR_DELAY": "100",
            "PRISONTOPROBATION_LOCK_AT_MOST_FOR": f"{LEASE.seconds}s",
            "PRISONTOPROBATION_LOCK_MARGIN": f"{MARGIN.seconds}s",
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


@attrs.frozen
class Lease:
    """One process-lock lease in a process's log, to the millisecond."""

    start: datetime
    until: datetime  # the lease's end as taken
    end: datetime  # its release, or `until` for a killed holder
    written: int  # items the run saved or discarded (a killed run: 1, unknown)

    @property
    def held(self) -> tuple[datetime, datetime]:
        """While the table kept it from others: to the release or `until`."""
        return self.start, min(self.end, self.until)

    @property
    def worked(self) -> tuple[datetime, datetime]:
        """While the run was working: to its release, even past `until`."""
        return self.start, self.end


def _leases(log_text, *, killed):
    """Each process-lock lease in one process's JSON log."""
    leases, taken = [], None
    for line in log_text.splitlines():
        entry = json.loads(line) if line.startswith("{") else {}
        if entry.get("lock") != PROCESS_LOCK:
            continue
        if entry["message"] == "lock taken":
            taken = (_ms(entry["lock_from"]), _ms(entry["lock_until"]))
        elif entry["message"] == "lock released" and taken is not None:
            written = entry["written"] if entry["written"] is not None else 1
            leases.append(Lease(start=taken[0], until=taken[1],
                                end=_ms(entry["lock_to"]), written=written))  # fmt: skip
            taken = None
    if taken is not None:
        assert killed, "a lease was never released by a process that stopped cleanly"
        # a killed holder's lease runs to its end
        leases.append(Lease(start=taken[0], until=taken[1], end=taken[1], written=1))
    return leases


def _overlaps(spans):
    """Pairs of (start, end, pid) spans, in time order, where the later starts first."""
    timeline = sorted(spans)
    return [
        (earlier, later)
        for earlier, later in itertools.pairwise(timeline)
        if later[0] < earlier[1]
    ]


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
        _wait(lambda: len(_items()) == len(MESSAGES), "every event stored", processes)
        _wait(fakes.community.calls, "the first community-api call", processes)
        holder = _lock_item()["lockedBy"]["S"]
        holder_pid = int(holder.rsplit(":", 1)[1])
        processes[holder_pid][0].send_signal(signal.SIGKILL)
        processes[holder_pid][0].wait(timeout=30)

        _wait(_settled, "the other process to finish every booking", processes)
        survivor = next(pid for pid in processes if pid != holder_pid)
        # stopped before its log is read, so no lease is caught half-way
        processes[survivor][0].send_signal(signal.SIGTERM)
        assert processes[survivor][0].wait(timeout=60) == 0

        writes = Counter(
            (r.method, r.path) for r in fakes.community.calls() if r.method != "GET"
        )
        assert writes == EXPECTED_WRITES, _state(processes)
        leases = {
            pid: _leases(path.read_text(), killed=pid == holder_pid)
            for pid, (_, path) in processes.items()
        }
        for path in (path for _, path in processes.values()):
            assert leaks(path.read_text()) == []
        # The lock: no lease taken while another's was held (the table's condition).
        held = [(*lease.held, pid) for pid, ls in leases.items() for lease in ls]
        assert _overlaps(held) == [], _state(processes)
        # The work: no two runs that wrote anything ran at once. A run may outlive its
        # lease (a holder paused past it; the service warns "lease overran"); that is
        # harmless while it writes nothing, as an idle run reads only.
        worked = [
            (*lease.worked, pid)
            for pid, ls in leases.items()
            for lease in ls
            if lease.written
        ]
        assert _overlaps(worked) == [], _state(processes)
        killed = leases[holder_pid][-1]
        takeover = min(ls.start for ls in leases[survivor] if ls.start >= killed.start)
        assert takeover >= killed.until, _state(processes)
