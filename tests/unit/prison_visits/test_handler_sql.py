"""The handlers' own SQL (ClaimUpdate) compiles on SQL Server to the reviewed text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import attrs

from hmpps_workers.adapters.sql.prison_visits import claim_updates as cu
from hmpps_workers.core.prison_visits.claims.model import ClaimBankDetail
from hmpps_workers.core.prison_visits.handlers import ClaimUpdate
from hmpps_workers.core.tasks.model import NewTask
from support.claims_ddl import sql_server

GOLDEN = Path(__file__).parent / "golden" / "handler_updates.mssql.sql"
NOW = datetime(2024, 7, 1, 12, 0, tzinfo=UTC)
UPDATE = ClaimUpdate(
    claim_id=2,
    eligibility_id=1,
    reference="ABC1234",
    now=NOW,
    expected_statuses={"NEW", "PENDING"},
    new_status="REQUEST-INFORMATION",
    bank_detail=ClaimBankDetail(
        claim_bank_detail_id=3,
        eligibility_id=1,
        claim_id=2,
        reference="ABC1234",
        name_on_account="n",
    ),
)


def render() -> str:
    statements = {
        "claim status": cu.claim_status(2),
        "guarded status update": cu.guarded_status_update(UPDATE),
        "price expense": cu.price_expense(),
        "bank detail by id": cu.bank_detail_by_id(UPDATE),
        "follow-on task, while the claim exists": cu.follow_on_insert(
            attrs.evolve(UPDATE, follow_on_tasks=(NewTask(task="DWP-CHECK"),))
        )[0],
        "follow-on tasks, while the claim exists": cu.follow_on_insert(
            attrs.evolve(
                UPDATE,
                follow_on_tasks=(NewTask(task="A"), NewTask(task="B", claim_id=2)),
            )
        )[0],
    }
    text = "\n\n".join(
        f"-- {name}\n{statement.compile(dialect=sql_server())};"
        for name, statement in statements.items()
    )
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


class TestHandlerStatementsOnSqlServer:
    """Golden SQL for SqlClaimUpdates."""

    def test_every_statement_matches_the_reviewed_golden_sql(self):
        """Any change to an emitted statement shows up as a diff of the golden file."""
        assert GOLDEN.read_text() == render()


if __name__ == "__main__":
    GOLDEN.write_text(render())
