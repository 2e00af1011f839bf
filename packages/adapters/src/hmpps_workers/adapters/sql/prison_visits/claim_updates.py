"""SqlClaimUpdates: the handlers' ClaimUpdate, written in one transaction.

Each handler step's rows, events, status, follow-on tasks and its own task's COMPLETE
commit together. With
expected statuses the status UPDATE goes first and is guarded by them, so a claim
that moved on (or another task got to first) rolls the whole step back.

A step checks its claim with a write it makes anyway, not a SELECT first: the guarded
status UPDATE, the guarded approval, or the follow-on tasks' INSERT, which copies the
tasks from a SELECT on the claim's row (one statement for all of a step's tasks) and
so writes nothing, and rolls the step back, when the claim is gone. Only a step with
none of these reads the claim's status.

Every guard's answer only decides whether the whole step rolls back, so on
PostgreSQL (psycopg) a step's BEGIN and all its statements go out as one pipeline,
the guards are read together at its sync point, and the COMMIT follows: two round
trips (`pipeline.write_pipelined`). A step that reads rows back as it goes (the
claim's status, a placeholder document's drawn id, a deferred approval's id) runs
its statements one at a time as on the other backends.
"""

from __future__ import annotations

import functools
from typing import Any

import attrs
import sqlalchemy as sa

from hmpps_workers.adapters.sql.driver_sql import write
from hmpps_workers.adapters.sql.errors import translate_errors
from hmpps_workers.adapters.sql.pipeline import Guards, write_pipelined
from hmpps_workers.adapters.sql.prison_visits import follow_up_queries as fq
from hmpps_workers.adapters.sql.prison_visits import internal_queries as q
from hmpps_workers.adapters.sql.prison_visits.claim_move import delete_external_claim
from hmpps_workers.adapters.sql.prison_visits.graph_writer import (
    insert_row,
    insert_rows,
)
from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_auto_approval,
    int_claim_event,
)
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.adapters.sql.prison_visits.text import ci_in
from hmpps_workers.adapters.sql.task_statements import (
    enqueue_for_claim_params,
    enqueue_for_claim_statement,
)
from hmpps_workers.adapters.sql.tasks import complete_task
from hmpps_workers.core.prison_visits.claims.follow_up import DocumentReplacement
from hmpps_workers.core.prison_visits.claims.model import ClaimDocument
from hmpps_workers.core.prison_visits.claims.values import same_text
from hmpps_workers.core.prison_visits.handlers.ports import ClaimUpdate, PricedJourney


class _MovedOnError(Exception):
    """Roll the step back: the claim is absent or no longer where it was read."""


def claim_status(claim_id: int) -> sa.Select[Any]:
    """A claim's status (also says whether it exists)."""
    return sa.select(INT.claim.c.Status).where(INT.claim.c.ClaimId == claim_id)


def guarded_status_update(update: ClaimUpdate) -> sa.Update:
    """The status change, only while the claim is in one of the expected statuses."""
    assert update.new_status is not None  # noqa: S101 - the caller checked
    statement = q.update_claim_status(
        update.claim_id, update.new_status, now=update.now
    )
    if update.expected_statuses:
        statement = statement.where(
            ci_in(INT.claim.c.Status, sorted(update.expected_statuses))
        )
    return statement


@functools.cache
def price_expense() -> sa.Update:
    """Write a car journey's postcodes, return miles and cost: `price_params`."""
    c = INT.claim_expense.c
    return (
        sa.update(INT.claim_expense)
        .where(c.ClaimExpenseId == sa.bindparam("claim_expense_id"))
        .values(
            FromPostCode=sa.bindparam("from_post_code"),
            ToPostCode=sa.bindparam("to_post_code"),
            Distance=sa.bindparam("distance"),
            Cost=sa.bindparam("cost"),
        )
    )


def price_params(price: PricedJourney) -> dict[str, Any]:
    """The bound values of `price_expense` for one priced journey."""
    return {
        "claim_expense_id": price.claim_expense_id,
        "from_post_code": price.from_post_code,
        "to_post_code": price.to_post_code,
        "distance": price.distance,
        "cost": price.cost,
    }


def bank_detail_by_id(update: ClaimUpdate) -> sa.Update:
    """The bank-details overwrite, matched on ClaimBankDetailId too."""
    detail = update.bank_detail
    assert detail is not None  # noqa: S101 - the caller checked
    c = INT.claim_bank_detail.c
    return fq.update_bank_detail(detail).where(
        c.ClaimBankDetailId == detail.claim_bank_detail_id
    )


def _move_documents(
    connection: sa.Connection, replacement: DocumentReplacement
) -> None:
    if replacement.disabled_document_ids:
        connection.execute(
            fq.disable_internal_documents(replacement.disabled_document_ids)
        )
    for document in replacement.incoming:
        insert_row(connection, INT.claim_document, document, keep_id=True)
    insert_rows(connection, int_claim_event, replacement.events, keep_id=False)
    connection.execute(
        fq.delete_external_documents(
            [d.claim_document_id for d in replacement.incoming]
        )
    )


def _add_placeholder(connection: sa.Connection, update: ClaimUpdate) -> None:
    placeholder = update.placeholder
    assert placeholder is not None  # noqa: S101 - the caller checked
    document_id = int(
        connection.execute(
            q.draw_document_id(
                eligibility_id=update.eligibility_id, reference=update.reference
            )
        ).scalar_one()
    )
    connection.execute(q.delete_drawn_document(document_id))
    document = ClaimDocument(
        claim_document_id=document_id,
        eligibility_id=update.eligibility_id,
        claim_id=update.claim_id,
        reference=update.reference,
        document_type=placeholder.document_type,
        document_status=placeholder.document_status,
        date_submitted=update.now,
        is_enabled=True,
    )
    insert_row(connection, INT.claim_document, document, keep_id=True)


def _auto_approve(
    connection: sa.Connection, update: ClaimUpdate, guards: Guards
) -> None:
    statuses = sorted(update.expected_statuses)
    params = fq.auto_approve_params(
        update.claim_id, now=update.now, from_statuses=statuses
    )
    statement = fq.auto_approve_claim(len(statuses))
    guards.expect_some(write(connection, statement, params), _MovedOnError)
    write(connection, fq.approve_all_expenses(), {"claim_id": update.claim_id})


def _write_approval(
    connection: sa.Connection, update: ClaimUpdate, guards: Guards
) -> None:
    """The auto-approval check's and the reminder's parts of an update."""
    if update.auto_approved:
        _auto_approve(connection, update, guards)
    if update.deferred_approval is not None:
        insert_row(
            connection, int_auto_approval, update.deferred_approval, keep_id=False
        )
    if update.reminder_sent:
        connection.execute(fq.mark_reminder_sent(update.claim_id, now=update.now))


def _reads_status(update: ClaimUpdate) -> bool:
    """True when no write of the step is guarded by the claim: its status is read."""
    if update.new_status is not None and update.expected_statuses:
        return False  # the status UPDATE is guarded by the expected statuses
    if update.auto_approved:
        return False  # the approval's UPDATE is guarded by the expected statuses
    # the follow-on tasks' INSERT is guarded by the claim's existence
    return not (update.follow_on_tasks and not update.expected_statuses)


def reads_midway(update: ClaimUpdate) -> bool:
    """True when the step reads rows back as it goes: no pipeline.

    The claim's status, a placeholder's drawn document id, and the deferred
    approval's new id (its INSERT ... RETURNING, kept as pinned in the golden SQL).
    """
    return (
        update.placeholder is not None
        or update.deferred_approval is not None
        or _reads_status(update)
    )


def _check_claim(
    connection: sa.Connection, update: ClaimUpdate, guards: Guards
) -> None:
    if update.new_status is not None and update.expected_statuses:
        result = connection.execute(guarded_status_update(update))
        guards.expect_some(result, _MovedOnError)
        return
    if not _reads_status(update):
        return
    status = connection.execute(claim_status(update.claim_id)).scalar_one_or_none()
    if status is None:
        raise _MovedOnError
    if update.expected_statuses and not any(
        same_text(status, s) for s in update.expected_statuses
    ):
        raise _MovedOnError


def follow_on_insert(update: ClaimUpdate) -> tuple[sa.Insert, dict[str, Any]]:
    """The step's follow-on tasks, inserted only while its claim exists, and values."""
    tasks = update.follow_on_tasks
    (schema,) = {task.schema for task in tasks}
    statement = enqueue_for_claim_statement(schema, len(tasks), claim=INT.claim)
    params = enqueue_for_claim_params(tasks, claim_id=update.claim_id, now=update.now)
    return statement, params


def _complete_first(
    connection: sa.Connection, update: ClaimUpdate, guards: Guards
) -> None:
    # First: a lost lease (LeaseLostError) rolls back before anything is written,
    # and its guard is the first settled, so it wins over the claim's.
    if update.completes is not None:
        complete_task(connection, update.completes, now=update.now, guards=guards)


def write_update(
    connection: sa.Connection, update: ClaimUpdate, guards: Guards | None = None
) -> None:
    """Every write of `update`, inside the caller's transaction.

    Each guard raises at once, or with deferred `guards` when they are settled.
    """
    guards = Guards() if guards is None else guards
    _complete_first(connection, update, guards)
    _check_claim(connection, update, guards)
    if update.documents is not None and update.documents.moved:
        _move_documents(connection, update.documents)
    if update.bank_detail is not None:
        guards.expect_some(connection.execute(bank_detail_by_id(update)), _MovedOnError)
        delete_external_claim(
            connection, eligibility_id=update.eligibility_id, claim_id=update.claim_id
        )
    if update.placeholder is not None:
        _add_placeholder(connection, update)
    result = update.benefit_result
    if result is not None:
        write(
            connection,
            fq.record_dwp_result(),
            {
                "visitor_id": result.visitor_id,
                "result": result.result,
                "dwp_check": result.dwp_check,
            },
        )
    if update.prices:
        write(connection, price_expense(), [price_params(p) for p in update.prices])
    _write_approval(connection, update, guards)
    if update.new_status is not None and not update.expected_statuses:
        connection.execute(guarded_status_update(update))
    _write_events_and_tasks(connection, update, guards)


def _write_events_and_tasks(
    connection: sa.Connection, update: ClaimUpdate, guards: Guards
) -> None:
    # No event's id is read back: one executemany for them all.
    insert_rows(connection, int_claim_event, update.events, keep_id=False)
    if update.follow_on_tasks:
        inserted = write(connection, *follow_on_insert(update))
        guards.expect(inserted, len(update.follow_on_tasks), _MovedOnError)


@attrs.define
class SqlClaimUpdates:
    """The ClaimUpdates port on the main HwPV database."""

    engine: sa.Engine

    def apply(self, update: ClaimUpdate) -> bool:
        """Write it all, or nothing; False when the claim is absent or moved on."""
        try:
            with (
                translate_errors(f"update claim {update.claim_id}"),
                self.engine.connect() as connection,
                connection.begin() as transaction,
            ):
                if reads_midway(update):
                    write_update(connection, update)
                else:
                    write_pipelined(
                        connection,
                        transaction,
                        lambda guards: write_update(connection, update, guards),
                    )
        except _MovedOnError:
            return False
        return True
