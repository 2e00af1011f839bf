"""Processes racing for one DynamoDB lock item: exactly one wins every round.

DynamoDB applies a conditional write to an item atomically. moto's threaded server
did not: two UpdateItems arriving together could both pass `lockUntil <= :now`
(5 of 300 rounds measured), which is how two `p2p serve` processes both held
`scheduleLock` for ~40 ms in the two-service e2e test. `support.aws.moto_server`
now takes DynamoDB requests one at a time, as the real service's per-item
atomicity does; this pins it, and the lock's contract with it, on that server and
on the one the fakes bundle (the demo, the `fakes` command) starts.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from pathlib import Path

import attrs

from hmpps_workers.adapters.aws.p2p_resources import P2pResources, bootstrap
from hmpps_workers.adapters.testing.bundle import FakeServices
from support import aws
from support.lock_race import contend

ROUNDS = 400
PODS = 4  # four contenders collide more often than two: the race shows sooner


def _race(url: str, table: str, tmp_path: Path) -> tuple[list[int], int]:
    """Four processes race for ROUNDS locks; the rounds won twice, and rounds won."""
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 5  # past both children's imports
    files = [tmp_path / f"wins-{n}" for n in range(PODS)]
    processes = [
        context.Process(
            target=contend,
            args=(url, table),
            kwargs={
                "rounds": ROUNDS,
                "start_at": start_at,
                "owner": f"pod-{n}",
                "wins": str(path),
            },
        )
        for n, path in enumerate(files)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * PODS
    wins = Counter(int(n) for path in files for n in path.read_text().split())
    return sorted(n for n, count in wins.items() if count > 1), len(wins)


def test_racing_processes_never_both_take_the_lock(
    dynamodb, sqs, sns, aws_env, tmp_path
):
    """400 rounds of four simultaneous acquires: one winner each round, never two."""
    created = P2pResources()
    bootstrap(attrs.evolve(created, indexes=False), dynamodb=dynamodb, sqs=sqs, sns=sns)
    expected = ([], ROUNDS)  # no round won twice, every round won
    actual = _race(aws_env, created.schedule_table, tmp_path)
    assert expected == actual


def test_the_fakes_bundles_moto_gives_the_lock_to_one_holder_at_a_time(tmp_path):
    """The demo's and `fakes` command's moto: one winner each round, never two."""
    with FakeServices() as fakes:
        assert fakes.s3_url is not None
        url = fakes.s3_url
        aws.reset(url)  # moto's state is the process's: the other test's locks
        session = aws.session()
        clients = {
            name: session.client(name, endpoint_url=url)  # type: ignore[call-overload]
            for name in ("dynamodb", "sqs", "sns")
        }
        created = P2pResources()
        bootstrap(attrs.evolve(created, indexes=False), **clients)
        expected = ([], ROUNDS)
        actual = _race(url, created.schedule_table, tmp_path)
    assert expected == actual
