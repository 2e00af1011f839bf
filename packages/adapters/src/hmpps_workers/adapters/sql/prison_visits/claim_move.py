"""The ExtSchema to IntSchema claim move, and the deletion of ExtSchema claims.

The move is one transaction on the main database, which holds both schemas: the
IntSchema rows, the events, the contact update, the follow-on tasks and the deletion
of the ExtSchema rows commit together or not at all.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.graph_writer import (
    insert_graph,
    insert_row,
)
from hmpps_workers.adapters.sql.prison_visits.internal_tables import int_claim_event
from hmpps_workers.adapters.sql.prison_visits.tables import EXT, INT, ext_contact_update
from hmpps_workers.adapters.sql.prison_visits.text import ci_equal
from hmpps_workers.adapters.sql.tasks import enqueue_task
from hmpps_workers.core.prison_visits.claims.model import ContactDetailUpdate
from hmpps_workers.core.prison_visits.claims.move import ClaimMove


def external_claim_deletes(
    *, eligibility_id: int, claim_id: int | None
) -> list[sa.Delete]:
    """The DELETEs that remove an ExtSchema claim and its eligibility, in FK order.

    With no claim (an abandoned eligibility) only that eligibility's own
    eligibility-level documents go: the original turned `ClaimId = NULL` into
    `ClaimId IS NULL` and deleted every applicant's eligibility-level documents.
    """
    document = EXT.claim_document.c
    eligibility_documents = sa.and_(
        document.ClaimId.is_(None), document.EligibilityId == eligibility_id
    )
    statements: list[sa.Delete] = []
    if claim_id is None:
        statements.append(sa.delete(EXT.claim_document).where(eligibility_documents))
    else:
        statements += [
            sa.delete(EXT.claim_bank_detail).where(
                EXT.claim_bank_detail.c.ClaimId == claim_id
            ),
            sa.delete(EXT.claim_document).where(
                sa.or_(document.ClaimId == claim_id, eligibility_documents)
            ),
            *(
                sa.delete(table).where(table.c.ClaimId == claim_id)
                for table in (EXT.claim_expense, EXT.claim_child, EXT.claim_escort)
            ),
        ]
    statements.append(
        sa.delete(ext_contact_update).where(
            ext_contact_update.c.EligibilityId == eligibility_id
        )
    )
    if claim_id is not None:
        statements.append(sa.delete(EXT.claim).where(EXT.claim.c.ClaimId == claim_id))
    statements += [
        sa.delete(table).where(table.c.EligibilityId == eligibility_id)
        for table in (
            EXT.visitor,
            EXT.prisoner,
            EXT.benefit,
            EXT.eligible_child,
            EXT.eligibility,
        )
    ]
    return statements


def apply_contact_update(update: ContactDetailUpdate) -> sa.Update:
    """Copy a claimant's new email and phone number onto IntSchema.Visitor."""
    c = INT.visitor.c
    return (
        sa.update(INT.visitor)
        .where(
            c.EligibilityId == update.eligibility_id,
            ci_equal(c.Reference, update.reference),
        )
        .values(EmailAddress=update.email_address, PhoneNumber=update.phone_number)
    )


def delete_external_claim(
    connection: sa.Connection, *, eligibility_id: int, claim_id: int | None
) -> None:
    """Run the ExtSchema deletes on `connection`, inside the caller's transaction."""
    for statement in external_claim_deletes(
        eligibility_id=eligibility_id, claim_id=claim_id
    ):
        connection.execute(statement)


def move_claim(connection: sa.Connection, move: ClaimMove, *, now: datetime) -> None:
    """Carry out `move` on `connection`, inside the caller's transaction."""
    insert_graph(connection, INT, move.internal)
    for event in move.events:
        insert_row(connection, int_claim_event, event, keep_id=False)
    if move.contact_update is not None:
        connection.execute(apply_contact_update(move.contact_update))
    for task in move.follow_on_tasks:
        enqueue_task(connection, task, now=now)
    delete_external_claim(
        connection, eligibility_id=move.eligibility_id, claim_id=move.claim_id
    )
