"""Every statement the claims adapters emit, rendered on SQL Server (golden test)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits import claim_data as cd
from hmpps_workers.adapters.sql.prison_visits import claim_move as cm
from hmpps_workers.adapters.sql.prison_visits import internal_queries as q
from hmpps_workers.adapters.sql.prison_visits.graph_writer import insert_statement
from hmpps_workers.adapters.sql.prison_visits.internal_tables import int_claim_event
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.core.prison_visits.claims.model import ContactDetailUpdate
from support.claims_ddl import sql_server

GOLDEN = (
    Path(__file__).parents[1] / "unit/prison_visits/golden/claims_queries.mssql.sql"
)
NOW = datetime(2024, 7, 1, 12, 0, tzinfo=UTC)
KEY = cd.ClaimKey(reference="ABC1234", eligibility_id=1, claim_id=2)
UPDATE = ContactDetailUpdate(
    eligibility_visitor_update_contact_detail_id=1,
    eligibility_id=1,
    reference="ABC1234",
    email_address="e",
    date_submitted=NOW,
)


def statements() -> dict[str, sa.Executable]:
    """Each named statement, with representative arguments."""
    named: dict[str, sa.Executable] = {
        "claim by id": cd.by_claim(INT.claim, KEY, enabled_only=False),
        "enabled expenses": cd.by_claim(INT.claim_expense, KEY, enabled_only=True),
        "visitor by eligibility": cd.by_eligibility(INT.visitor, KEY),
        "enabled documents": cd.documents(INT, KEY, include_disabled=False),
        "all documents": cd.documents(INT, KEY, include_disabled=True),
        "newest contact update": cd.newest_contact_update(KEY),
        "apply contact update": cm.apply_contact_update(UPDATE),
        "insert event": insert_statement(
            int_claim_event, {"ClaimId": 2}, returning_key=True
        ),
        "insert internal claim": insert_statement(
            INT.claim, {"ClaimId": 2}, returning_key=False
        ),
        "update status": q.update_claim_status(2, "NEW", now=NOW),
        "update status to pending": q.update_claim_status(2, "PENDING", now=NOW),
        "claims for eligibility": q.claims_for_eligibility(1),
        "prison numbers visited on": q.prison_numbers_visited_on(date(2024, 6, 25)),
        "auto-approval config": q.newest_auto_approval_config(),
        "queued auto-approvals": q.queued_auto_approvals(),
        "delete auto-approval": q.delete_auto_approval(3),
        "draw document id": q.draw_document_id(eligibility_id=1, reference="ABC1234"),
        "delete drawn document": q.delete_drawn_document(4),
    }
    for claim_id in (2, None):
        for i, delete in enumerate(
            cm.external_claim_deletes(eligibility_id=1, claim_id=claim_id)
        ):
            named[f"external delete {i} (claim {claim_id})"] = delete
    return named


def render_queries() -> str:
    """`-- name` then the statement, for every statement."""
    dialect = sql_server()
    out = [
        f"-- {name}\n{statement.compile(dialect=dialect)};"
        for name, statement in statements().items()
    ]
    text = "\n\n".join(out) + "\n"
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


if __name__ == "__main__":
    GOLDEN.write_text(render_queries())
