"""Every statement the claims adapters emit, rendered on SQL Server (golden test)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits import acceptance_read as acq
from hmpps_workers.adapters.sql.prison_visits import approval_reads as aq
from hmpps_workers.adapters.sql.prison_visits import archive as ar
from hmpps_workers.adapters.sql.prison_visits import claim_data as cd
from hmpps_workers.adapters.sql.prison_visits import claim_move as cm
from hmpps_workers.adapters.sql.prison_visits import claim_take as ct
from hmpps_workers.adapters.sql.prison_visits import follow_up_queries as fq
from hmpps_workers.adapters.sql.prison_visits import internal_queries as q
from hmpps_workers.adapters.sql.prison_visits import job_queries as jq
from hmpps_workers.adapters.sql.prison_visits import payment_queries as pq
from hmpps_workers.adapters.sql.prison_visits.claim_head import claim_head
from hmpps_workers.adapters.sql.prison_visits.graph_writer import (
    insert_many_statement,
    insert_statement,
)
from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_auto_approval,
    int_claim_event,
    int_direct_payment_file,
    int_top_up,
)
from hmpps_workers.adapters.sql.prison_visits.tables import EXT, INT
from hmpps_workers.adapters.sql.task_statements import (
    enqueue_many_statement,
    enqueue_values,
)
from hmpps_workers.core.prison_visits.claims.model import (
    ClaimBankDetail,
    ContactDetailUpdate,
)
from hmpps_workers.core.prison_visits.claims.records import ClaimKey
from hmpps_workers.core.prison_visits.daily.ports import Overpayment
from hmpps_workers.core.tasks.model import NewTask, Schema
from support.claims_ddl import sql_server

GOLDEN = (
    Path(__file__).parents[1] / "unit/prison_visits/golden/claims_queries.mssql.sql"
)
NOW = datetime(2024, 7, 1, 12, 0, tzinfo=UTC)
D = Decimal("1.00")
KEY = ClaimKey(reference="ABC1234", eligibility_id=1, claim_id=2)
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
        "claim head (internal)": claim_head(INT),
        "claim head (external)": claim_head(EXT),
        "enabled expenses": cd.by_claim(INT.claim_expense, KEY, enabled_only=True),
        "visitor by eligibility": cd.by_eligibility(INT.visitor, KEY),
        "enabled documents": cd.documents(INT, KEY, include_disabled=False),
        "all documents": cd.documents(INT, KEY, include_disabled=True),
        "newest contact update": cd.newest_contact_update(KEY),
        "apply contact update": cm.apply_contact_update(UPDATE),
        "insert event": insert_statement(
            int_claim_event, ["ClaimId"], returning_key=True
        ),
        "insert internal claim": insert_statement(
            INT.claim, ["ClaimId"], returning_key=False
        ),
        "update status": q.update_claim_status(2, "NEW", now=NOW),
        "update status to pending": q.update_claim_status(2, "PENDING", now=NOW),
        "claims for eligibility": q.claims_for_eligibility(),
        "approval history": aq.approval_history(),
        "approval rows": aq.approval_rows(),
        "pricing read": cd.pricing_read(),
        "accepted claim read": acq.accepted_claim_read(),
        "prison numbers visited on": q.prison_numbers_visited_on(),
        "auto-approval config": q.newest_auto_approval_config(),
        "queued auto-approvals": q.queued_auto_approvals(),
        "delete auto-approval": q.delete_auto_approval(3),
        "draw document id": q.draw_document_id(eligibility_id=1, reference="ABC1234"),
        "delete drawn document": q.delete_drawn_document(4),
    }
    named |= handler_statements() | job_statements() | archive_statements()
    named |= move_statements()
    for claim_id in (2, None):
        for i, delete in enumerate(
            cm.external_claim_deletes(eligibility_id=1, claim_id=claim_id)
        ):
            named[f"external delete {i} (claim {claim_id})"] = delete
    return named


def _many(table: sa.Table, *, without: str | None = None) -> sa.Insert:
    """The executemany INSERT of `table`: one bound value per column sent."""
    return insert_many_statement(table, [c.name for c in table.c if c.name != without])


def move_statements() -> dict[str, sa.Executable]:
    """COMPLETE-CLAIM's statements: the locks, the DELETE ... OUTPUTs, the inserts."""
    named: dict[str, sa.Executable] = {
        "move: lock claim and eligibility": ct.lock_claim(),
        "move: delete claim": ct.delete_claim(),
        "move: delete eligibility": ct.delete_eligibility(),
        "move: insert events": _many(int_claim_event, without="ClaimEventId"),
        "move: insert tasks": enqueue_many_statement(
            Schema.INT, list(enqueue_values(NewTask(task="T"), now=NOW))
        ),
    }
    takes = ct.claim_takes() | ct.eligibility_takes(with_eligibility=True)
    named |= {f"move: take {name}": statement for name, statement in takes.items()}
    for table in (
        INT.eligibility,
        INT.visitor,
        INT.prisoner,
        INT.eligible_child,
        INT.benefit,
        INT.claim,
        INT.claim_bank_detail,
        INT.claim_expense,
        INT.claim_child,
        INT.claim_document,
        INT.claim_escort,
    ):
        named[f"move: insert {table.name}"] = _many(table)
    return named


def handler_statements() -> dict[str, sa.Executable]:
    """The task handlers' statements (follow_up_queries)."""
    detail = ClaimBankDetail(
        claim_bank_detail_id=1,
        eligibility_id=1,
        claim_id=2,
        reference="ABC1234",
        name_on_account="n",
    )
    ref = {"reference": "ABC1234", "eligibility_id": 1}
    return {
        "external documents": fq.external_documents(**ref, claim_id=2),
        "external eligibility documents": fq.external_documents(**ref, claim_id=None),
        "disable internal documents": fq.disable_internal_documents([3, 4]),
        "delete external documents": fq.delete_external_documents([3, 4]),
        "external bank detail": fq.external_bank_detail(2),
        "update bank detail": fq.update_bank_detail(detail),
        "dwp check input": fq.dwp_check_input(),
        "record dwp result": fq.record_dwp_result(),
        "all claim expenses": fq.all_claim_expenses(),
        "auto-approve claim": fq.auto_approve_claim(1),
        "approve all expenses": fq.approve_all_expenses(),
        "latest claim statuses": fq.latest_claim_statuses(4),
        "recover reference": fq.recover_reference(
            email_address="e", prison_number="A1234BC"
        ),
        "claimant summary": fq.claimant_summary(),
        "internal bank detail": fq.internal_bank_detail(2),
        "enabled deductions": fq.enabled_deductions(),
        "mark reminder sent": fq.mark_reminder_sent(2, now=NOW),
    }


def job_statements() -> dict[str, sa.Executable]:
    """The daily jobs' and payment run's statements."""
    candidate = Overpayment(claim_id=2, reference="ABC1234", amount=D)
    return {
        "advance claims journeyed between": jq.advance_claims_journeyed_between(
            NOW, NOW
        ),
        "claims awaiting information": jq.claims_awaiting_information(
            last_updated_before=NOW
        ),
        "claims reminded before": jq.claims_reminded_before(NOW),
        "overpayment candidates": jq.overpayment_candidates(journey_on_or_before=NOW),
        "mark overpaid": jq.mark_overpaid(candidate, reason="r"),
        "stale external eligibilities": jq.stale_external_eligibilities(
            created_before=NOW
        ),
        "stale external claims": jq.stale_external_claims(created_before=NOW),
        "stale external documents": jq.stale_external_documents(submitted_before=NOW),
        "claims reviewed before": jq.claims_reviewed_before(NOW),
        "claims due payment": pq.claims_due_payment("bank"),
        "top-ups due payment": pq.top_ups_due_payment("bank"),
        "payment files created before": pq.payment_files_created_before(NOW),
        "disable payment files": pq.disable_payment_files([8, 9]),
        "insert auto-approval": insert_statement(
            int_auto_approval, ["ClaimId"], returning_key=True
        ),
        "insert payment file": insert_statement(
            int_direct_payment_file, ["FileType"], returning_key=True
        ),
    }


def archive_statements() -> dict[str, sa.Executable]:
    """ARCHIVE-CLAIM's statements (reads reuse the claim-data ones)."""
    named: dict[str, sa.Executable] = {
        "archive: claim by id": ar.claim_by_id(2),
        "archive: claims of eligibility": ar.claims_of_eligibility_count(1),
        "archive: existing ids": ar.existing_ids(INT.claim_escort, [1, 2]),
        "archive: top-ups of claim": cd.by_claim(int_top_up, KEY, enabled_only=False),
    }
    for i, delete in enumerate(
        ar.internal_claim_deletes(claim_id=2, eligibility_id=1, with_eligibility=True)
    ):
        named[f"archive: delete {i}"] = delete
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
