"""The quick start's claims part: submissions through every step, journey by journey.

Seeds the demo claims (three submissions plus worked claims) and one repeat claim
that passes every auto-approval rule, runs the prison-visits worker against fake
Notify, DWP and distance servers on loopback, and prints what happened to each
submitted claim: its tasks, mileage, status, events and the emails Notify received.
No personal data is printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.prison_visits.seed import seed_demo_claims
from hmpps_workers.adapters.sql.prison_visits.seed_journeys import seed_journey
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.adapters.testing.bundle import FakeServices
from hmpps_workers.core.clock import UK
from hmpps_workers.core.prison_visits.claims.records import ClaimData
from hmpps_workers.core.prison_visits.email.templates import Template
from hmpps_workers.core.tasks import RunReport, Schema, Task, TaskFilter
from hmpps_workers.core.tasks.retry import RetryPolicy
from hmpps_workers.core.testing.claim_journeys import approvable_journey
from hmpps_workers.runners.env import Secret
from hmpps_workers.runners.prison_visits import handlers
from hmpps_workers.runners.prison_visits.bootstrap import bootstrap, build_worker
from hmpps_workers.runners.prison_visits.config import DatabaseConfig, WorkerConfig

FRIDAY = 4
TICK = "\N{CHECK MARK}"


@attrs.frozen
class ShiftedClock:
    """Real time moved back to the last weekday 11:00 in London, so office hours."""

    offset: timedelta

    @classmethod
    def office_hours(cls, now: datetime) -> ShiftedClock:
        """A clock reading 11:00 on the latest weekday before `now`."""
        day = now.astimezone(UK).date() - timedelta(days=1)
        while day.weekday() > FRIDAY:
            day -= timedelta(days=1)
        return cls(datetime.combine(day, time(11), tzinfo=UK) - now)

    def now(self) -> datetime:
        """The shifted instant."""
        return datetime.now(UK) + self.offset


def _journey_lines(
    data: ClaimData, tasks: Sequence[Task], emails: Sequence[str]
) -> list[str]:
    claim = data.claim
    steps = ", ".join(
        f"{t.task} {TICK if str(t.status) == 'COMPLETE' else t.status}" for t in tasks
    )
    claim_type = next(
        (e.additional_data for e in data.events if e.event == "CLAIM-SUBMITTED"), ""
    )
    heading = f"{claim.reference}  claim {claim.claim_id} ({claim_type}):"
    lines = [f"{heading} {claim.status}", f"  tasks:  {steps}"]
    lines.extend(
        f"  car journey priced: {expense.distance} miles, £{expense.cost}"
        for expense in data.expenses
        if expense.expense_type == "car" and expense.distance
    )
    lines.append(f"  events: {', '.join(e.event for e in data.events)}")
    lines.append(f"  emails: {', '.join(emails) or 'none'}")
    return lines


def run_claims_demo(engine: sa.Engine, database: str) -> bool:
    """Seed, run the worker against the fakes, print each journey; True if all ran."""
    clock = ShiftedClock.office_hours(datetime.now(UK))
    now = clock.now()
    demo = seed_demo_claims(engine, now=now)
    approvable = seed_journey(engine, approvable_journey(now), now=now)
    submitted = (*demo.submitted, approvable)
    print(
        f"Seeded {len(submitted)} submitted claims (ExtSchema, each with"
        f" COMPLETE-CLAIM) and {len(demo.internal) + 1} worked ones; the clock reads"
        f" {now:%A %H:%M} so approvals happen at once\n"
    )
    with FakeServices(with_s3=False) as fakes:
        config = WorkerConfig(
            database=DatabaseConfig(
                url=Secret(f"sqlite:///{database}"), description="demo", embedded=True
            ),
            retry_policy=RetryPolicy(max_attempts=5, base_delay=timedelta(0)),
        )
        environ = fakes.environment() | {
            "APVS_OUTSIDE_SERVICES": "real",
            "APVS_ZENDESK_ENABLED": "false",
        }
        services = bootstrap(config, environ=environ, engine=engine, clock=clock)
        report = build_worker(services, handlers.prison_visits(services)).drain()
        sent = list(fakes.notify.sent)
    _print_journeys(engine, submitted, sent, report, now)
    return report.failed == 0 and report.completed > 0


def _print_journeys(
    engine: sa.Engine,
    submitted: Sequence[ClaimData],
    sent: Sequence[dict[str, Any]],
    report: RunReport,
    now: datetime,
) -> None:
    print(
        f"Worker run: {report.claimed} tasks claimed, {report.completed} completed,"
        f" {report.retried} retried, {report.failed} failed\n"
    )
    names = {t.default_id: t.name for t in Template}
    repository = SqlClaimRepository(engine)
    tasks = SqlTaskStore(engine).find(TaskFilter(limit=1000), now=now)
    for stored in submitted:
        claim = stored.claim
        data = repository.claim_data(
            Schema.INT,
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
        )
        if data is None:
            print(f"{claim.reference}  claim {claim.claim_id}: not moved\n")
            continue
        emails = [
            names.get(n["template"]["id"], "?")
            for n in sent
            if n["personalisation"].get("reference") == claim.reference
        ]
        own = [t for t in tasks if t.claim_id == claim.claim_id]
        print("\n".join(_journey_lines(data, own, emails)) + "\n")
