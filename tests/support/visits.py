"""Prison-visits tasks against the fake outside services, for the fault scenarios."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.adapters.sql.tasks import SqlTaskStore
from hmpps_workers.adapters.testing.bundle import FakeServices
from hmpps_workers.core.prison_visits.claims.model import ClaimExpense
from hmpps_workers.core.prison_visits.claims.records import ClaimData
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks import NewTask, Schema, TaskFilter

MALWARE_MAILBOX = "malware-alerts@example.com"


def worker_env(url: str, fakes: FakeServices, **extra: str) -> dict[str, str]:
    """`worker-tasks` on `url` against the fakes, retrying at once, many times."""
    return {
        "APVS_DATABASE_URL": url,
        **fakes.environment(),
        "APVS_ZENDESK_ENABLED": "false",
        "APVS_TASK_RETRY_BASE_SECONDS": "0",
        "APVS_TASK_MAX_ATTEMPTS": "30",
        **extra,
    }


def enqueue_alerts(engine: sa.Engine, count: int) -> None:
    """`count` SEND-MALWARE-ALERT tasks: one email each, no claim needed."""
    store = SqlTaskStore(engine)
    now = datetime.now(UTC)
    for i in range(count):
        store.enqueue(
            NewTask(
                task=TaskType.SEND_MALWARE_ALERT,
                reference=f"MAL{i:04d}",
                additional_data=MALWARE_MAILBOX,
                schema=Schema.EXT if i % 2 else Schema.INT,
            ),
            now=now,
        )


def statuses(engine: sa.Engine) -> Counter[str]:
    """How many tasks are in each status."""
    tasks = SqlTaskStore(engine).find(TaskFilter(limit=100_000), now=datetime.now(UTC))
    return Counter(str(t.status) for t in tasks)


def references_sent(fakes: FakeServices) -> Counter[str]:
    """How many times FakeNotify accepted each reference."""
    return Counter(str(n["reference"]) for n in fakes.notify.sent)


def duplicates(sent: Counter[str]) -> int:
    """Emails beyond the first per reference."""
    return sum(n - 1 for n in sent.values() if n > 1)


def car_expenses(engine: sa.Engine, stored: ClaimData) -> list[ClaimExpense]:
    """The claim's car expenses as IntSchema now holds them."""
    claim = stored.claim
    data = SqlClaimRepository(engine).claim_data(
        Schema.INT,
        reference=claim.reference,
        eligibility_id=claim.eligibility_id,
        claim_id=claim.claim_id,
    )
    return [e for e in data.expenses if e.expense_type == "car"]
