"""Prison-visits tasks while Notify, the DWP checker or the distance API misbehave.

`worker-tasks` runs as a subprocess against the fake servers with no retry back-off,
so a task that met a fault is claimed again in the same run; each scenario checks the
tasks all end COMPLETE once the service answers again, and no email went out twice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from hmpps_workers.adapters.sql.prison_visits.seed_journeys import (
    seed_journey,
    submit_claim,
)
from hmpps_workers.adapters.testing.bundle import FakeServices
from hmpps_workers.core.testing.claim_builders import claim_graph
from hmpps_workers.core.testing.claim_journeys import (
    approvable_journey,
    priced_car_cost,
)
from support import runner
from support.databases import fresh_engine
from support.visits import (
    car_expenses,
    duplicates,
    enqueue_alerts,
    references_sent,
    statuses,
    worker_env,
)

ARGS = ["worker-tasks", "--batch-size", "5"]


@pytest.fixture(scope="module")
def fakes() -> Iterator[FakeServices]:
    """The fake outside services, shared by the scenarios."""
    with FakeServices(with_s3=False) as services:
        yield services


@pytest.fixture
def database(postgres_server, fakes):
    """A fresh PostgreSQL database; the fakes forget earlier scenarios."""
    fakes.notify.sent.clear()
    for server in fakes.servers():
        while server.take_failure() is not None:
            pass
        server.requests.clear()
    url = postgres_server.render_as_string(hide_password=False)
    with fresh_engine(url) as engine:
        yield url, engine


def _record(row, engine, fakes, *, tasks: int, injected: int, what: str) -> None:
    done = statuses(engine)
    row.injected = injected
    row.lost = tasks - done["COMPLETE"]
    row.duplicated = duplicates(references_sent(fakes))
    row.outcome = f"{done['COMPLETE']}/{tasks} COMPLETE after retries; {what}"


class TestNotifyFaults:
    """Notify refuses sends in bursts, then recovers."""

    def test_notify_429_and_500_bursts_are_retried_until_each_email_is_sent_once(
        self, database, fakes, fault_report
    ):
        """Notify answering 429, 500, and 500 after sending, in bursts (12 emails)."""
        url, engine = database
        tasks = 12
        enqueue_alerts(engine, tasks)
        fakes.notify.fail_next("rate-limit", times=6)
        fakes.notify.fail_next("server-error", times=6)
        fakes.notify.fail_next("lost-answer", times=3)
        result = runner.run(ARGS, worker_env(url, fakes))
        assert result.returncode == 0, result.stderr
        _record(
            fault_report,
            engine,
            fakes,
            tasks=tasks,
            injected=15,
            what="each reference emailed once (3 answers lost after sending)",
        )
        assert fakes.notify.take_failure() is None
        assert statuses(engine) == Counter({"COMPLETE": tasks})
        sent = references_sent(fakes)
        assert len(sent) == tasks
        assert set(sent.values()) == {1}


class TestDwpFaults:
    """The benefit checker times out or faults, then answers."""

    def test_dwp_timeouts_and_soap_faults_are_retried_until_the_check_is_made(
        self, database, fakes, fault_report
    ):
        """DWP checker timing out, then answering SOAP server faults (3 claims)."""
        url, engine = database
        claims = 3
        now = datetime.now(UTC)
        for i in range(claims):
            graph = claim_graph(reference=f"DWPF{i:03d}", base_id=10_000 * (i + 1))
            submit_claim(engine, graph, claim_type="first-time", now=now)
        fakes.dwp.slow_seconds = 2.5
        fakes.dwp.fail_next("slow", times=2)
        fakes.dwp.fail_next("server-fault", times=3)
        env = worker_env(url, fakes, APVS_DWP_BENEFIT_CHECKER_TIMEOUT_SECONDS="1")
        result = runner.run(ARGS, env)
        assert result.returncode == 0, result.stderr
        done = statuses(engine)
        _record(
            fault_report,
            engine,
            fakes,
            tasks=sum(done.values()),
            injected=5,
            what=f"{claims} claims checked",
        )
        assert fakes.dwp.take_failure() is None
        assert set(done) == {"COMPLETE"}
        assert len(fakes.dwp.requests) >= claims + 5
        assert set(references_sent(fakes).values()) == {1}


class TestDistanceFaults:
    """The distance API is down for a while, then answers."""

    def test_distance_api_down_is_retried_until_each_journey_is_priced(
        self, database, fakes, fault_report
    ):
        """Distance API answering 500 (2 claims with car journeys)."""
        url, engine = database
        now = datetime.now(UTC)
        journeys = [
            seed_journey(
                engine,
                approvable_journey(
                    now, reference=f"DIST{i:03d}", base_id=300_000 + 10_000 * i
                ),
                now=now,
            )
            for i in range(2)
        ]
        fakes.distance.fail_next("server-error", times=4)
        result = runner.run(ARGS, worker_env(url, fakes))
        assert result.returncode == 0, result.stderr
        done = statuses(engine)
        _record(
            fault_report,
            engine,
            fakes,
            tasks=sum(done.values()),
            injected=4,
            what="every car journey priced",
        )
        assert fakes.distance.take_failure() is None
        assert set(done) == {"COMPLETE"}
        for journey in journeys:
            (car,) = [e for e in car_expenses(engine, journey) if e.cost is not None]
            assert car.cost == priced_car_cost("AA1 1AA")
        assert set(references_sent(fakes).values()) <= {1}
