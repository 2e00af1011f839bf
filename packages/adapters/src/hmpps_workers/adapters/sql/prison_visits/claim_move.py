"""The ExtSchema to IntSchema claim move, and the deletion of ExtSchema claims.

The move is one transaction on the main database, which holds both schemas: taking
the ExtSchema rows (claim_take), the IntSchema rows, the events, the contact update,
the follow-on tasks and the task's COMPLETE commit together or not at all.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from hmpps_workers.adapters.sql.pipeline import read_then_write
from hmpps_workers.adapters.sql.prison_visits.claim_take import (
    delete_taken,
    take_external_claim,
)
from hmpps_workers.adapters.sql.prison_visits.graph_writer import (
    insert_kept_graph,
    insert_rows,
)
from hmpps_workers.adapters.sql.prison_visits.internal_tables import int_claim_event
from hmpps_workers.adapters.sql.prison_visits.tables import EXT, INT, ext_contact_update
from hmpps_workers.adapters.sql.prison_visits.text import ci_equal
from hmpps_workers.adapters.sql.tasks import complete_task, enqueue_tasks
from hmpps_workers.core.prison_visits.claims.model import ContactDetailUpdate
from hmpps_workers.core.prison_visits.claims.move import ClaimMove, PlanMove
from hmpps_workers.core.prison_visits.claims.records import ClaimKey
from hmpps_workers.core.tasks.model import Task


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
    """Write `move`'s IntSchema side on `connection`, inside the caller's transaction.

    One executemany per table; the ExtSchema rows were taken already.
    """
    insert_kept_graph(connection, INT, move.internal)
    insert_rows(connection, int_claim_event, move.events, keep_id=False)
    if move.contact_update is not None:
        connection.execute(apply_contact_update(move.contact_update))
    enqueue_tasks(connection, move.follow_on_tasks, now=now)


def take_and_move(
    connection: sa.Connection,
    key: ClaimKey,
    plan: PlanMove,
    *,
    now: datetime,
    completes: Task | None = None,
) -> ClaimMove | None:
    """Take the ExtSchema claim, plan, write the move, complete; one transaction.

    The transaction is begun and committed here, on a `connection` outside one.
    None (and nothing written) when the claim is not in ExtSchema. The takes and
    the task's completion go first: their answers decide what follows. The writes
    after the plan (the ExtSchema claim's and eligibility's own rows deleted, the
    IntSchema rows, events, contact update and follow-on tasks) read nothing back,
    so on PostgreSQL they and the COMMIT go out pipelined, one round trip between
    them all, and the BEGIN goes with the lock (`pipeline.read_then_write`).
    """
    with (
        connection.begin() as transaction,
        read_then_write(connection, transaction) as tail,
    ):
        taken = take_external_claim(connection, key)
        if taken is None:
            return None
        if completes is not None:
            complete_task(connection, completes, now=now)
        move = plan(taken.submission)

        def writes() -> None:
            delete_taken(connection, key, taken)
            move_claim(connection, move, now=now)

        tail(writes)
    return move
