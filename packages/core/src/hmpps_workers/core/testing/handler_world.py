"""Every prison-visits handler wired to in-memory fakes, with a worker to drive them.

`HandlerWorld()` is the unit tests' (and the in-memory benchmark's) whole system: the
claims database, its task queues, Notify, DWP, distance and the helpdesk, all
inspectable; `submit` plays the External site, `drain` the CronJob.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs

from hmpps_workers.core.prison_visits.claims.records import ClaimData
from hmpps_workers.core.prison_visits.handlers import (
    HandlerPorts,
    prison_visits_registry,
)
from hmpps_workers.core.prison_visits.prisons import Prison, PrisonDirectory
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks import NewTask, RunReport, Schema, Task, TaskWorker
from hmpps_workers.core.tasks.retry import RetryPolicy
from hmpps_workers.core.testing.benefits import InMemoryBenefitChecker
from hmpps_workers.core.testing.claim_journeys import HEWELL_POSTCODE
from hmpps_workers.core.testing.claim_updates import InMemoryClaimUpdates
from hmpps_workers.core.testing.claims import InMemoryClaimRepository
from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.distance import InMemoryDistanceCalculator
from hmpps_workers.core.testing.email import InMemoryEmailSender
from hmpps_workers.core.testing.helpdesk import InMemoryHelpdesk

OFFICE_HOURS = datetime(2026, 1, 7, 11, 0, tzinfo=UTC)  # a Wednesday, 11:00 in London
TEST_PRISONS = PrisonDirectory.of(
    [
        Prison(
            value="hewell",
            display_name="Hewell",
            region="ENG",
            postcode=HEWELL_POSTCODE,
        )
    ]
)


def _ports(world: HandlerWorld) -> HandlerPorts:
    return HandlerPorts(
        claims=world.claims,
        updates=world.updates,
        tasks=world.claims.tasks,
        email=world.email,
        benefits=world.benefits,
        distance=world.distance,
        helpdesk=world.helpdesk,
        clock=world.clock,
        prisons=TEST_PRISONS,
    )


@attrs.define
class HandlerWorld:
    """The fakes, the ports built on them, and a worker running the catalogue."""

    clock: FakeClock = attrs.field(factory=lambda: FakeClock(OFFICE_HOURS))
    claims: InMemoryClaimRepository = attrs.field(factory=InMemoryClaimRepository)
    email: InMemoryEmailSender = attrs.field(factory=InMemoryEmailSender)
    benefits: InMemoryBenefitChecker = attrs.field(factory=InMemoryBenefitChecker)
    distance: InMemoryDistanceCalculator = attrs.field(
        factory=InMemoryDistanceCalculator
    )
    helpdesk: InMemoryHelpdesk = attrs.field(factory=InMemoryHelpdesk)
    updates: InMemoryClaimUpdates = attrs.field(init=False)
    ports: HandlerPorts = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        """Wire the ports once the fakes exist."""
        self.updates = InMemoryClaimUpdates(self.claims)
        self.ports = _ports(self)

    def with_ports(self, **changes: object) -> HandlerWorld:
        """The same world with some ports or settings replaced."""
        self.ports = attrs.evolve(self.ports, **changes)  # type: ignore[arg-type]
        return self

    def worker(self, *, batch_size: int = 10) -> TaskWorker:
        """A worker over the world's task queues (retries wait no time)."""
        return TaskWorker(
            store=self.claims.tasks,
            registry=prison_visits_registry(self.ports),
            clock=self.clock,
            owner="test",
            batch_size=batch_size,
            retry_policy=RetryPolicy(max_attempts=3, base_delay=timedelta(0)),
        )

    def submit(self, data: ClaimData, claim_type: str = "first-time") -> ClaimData:
        """Store a submission in ExtSchema with its COMPLETE-CLAIM task."""
        stored = self.claims.seed(Schema.EXT, data)
        claim = stored.claim
        self.enqueue(
            TaskType.COMPLETE_CLAIM,
            schema=Schema.EXT,
            reference=claim.reference,
            eligibility_id=claim.eligibility_id,
            claim_id=claim.claim_id,
            additional_data=claim_type,
        )
        return stored

    def enqueue(self, task_type: str, **fields: object) -> int:
        """Queue one task (IntSchema unless `schema` says otherwise)."""
        return self.claims.tasks.enqueue(
            NewTask(task=task_type, **fields),  # type: ignore[arg-type]
            now=self.clock.now(),
        )

    def drain(self) -> RunReport:
        """Run every ready task, follow-on tasks included."""
        return self.worker().drain()

    def tasks(self) -> list[Task]:
        """Every task row, both schemas."""
        return sorted(
            self.claims.tasks.tasks.values(), key=lambda t: (t.schema, t.task_id)
        )
