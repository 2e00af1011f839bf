"""AUTO-APPROVAL-CHECK's reads: a claim's history in one statement, its rows in one.

The history is the claim's head (as `claim_head` joins it, the parts on the claim's
own row only) beside every IntSchema claim sharing its eligibility or Reference.
Each row says whether its Reference matches and where it stands by DateSubmitted
(`ROW_NUMBER()`), so both orders the rules read come from the database's own sort:
previous claims as `claims_for_eligibility` orders them, statuses as
`latest_claim_statuses` did.

The rows are one `UNION ALL` (`union_rows`) of the claim's enabled expenses, the
baseline claim's expenses, the claim's enabled children and documents and the day's
prison numbers equal to the claim's prisoner's (one per eligibility visiting that
day, so a prisoner two eligibilities visited appears twice, as the rule needs). The
original read every prison number of the day and counted the equal ones in code;
only equal ones can count, so reading only those keeps the read the same size
however many claims share the day (it grew by one row per eligibility visiting).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.driver_reads import read
from hmpps_workers.adapters.sql.prison_visits.claim_data import (
    all_rows,
    claim_documents,
)
from hmpps_workers.adapters.sql.prison_visits.claim_head import (
    CLAIM_ID,
    ELIGIBILITY_ID,
    claim_rows,
    head_claim,
    head_parts,
    joined_head,
    key_params,
    where_of,
)
from hmpps_workers.adapters.sql.prison_visits.follow_up_queries import nulls_last
from hmpps_workers.adapters.sql.prison_visits.internal_queries import (
    prison_numbers_visited_on,
    uk_day_bounds,
)
from hmpps_workers.adapters.sql.prison_visits.internal_tables import int_claim_event
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.adapters.sql.prison_visits.text import ci_equal_param
from hmpps_workers.adapters.sql.prison_visits.union_rows import (
    labelled,
    union_part,
    unprefixed,
)
from hmpps_workers.core.prison_visits.claims.model import (
    ClaimChild,
    ClaimDocument,
    ClaimExpense,
)
from hmpps_workers.core.prison_visits.claims.records import ClaimEvent, ClaimKey
from hmpps_workers.core.prison_visits.claims.views import ApprovalHistory, ApprovalRows
from hmpps_workers.core.prison_visits.pricing import (
    expenses_to_price,
    has_unpriced_car_journeys,
)

HISTORY_PARTS = ("eligibility", "prisoner", "visitor")
EXPENSE, BASELINE_EXPENSE, CHILD, DOCUMENT, PRISON_NUMBER = range(1, 6)
BASELINE_CLAIM_ID = sa.bindparam("baseline_claim_id", type_=sa.Integer())


@functools.cache
def approval_history() -> sa.Select[Any]:
    """The claim's head and the claims sharing its eligibility or Reference.

    Bind `key_params`. Rows come latest DateReviewed first, unreviewed last;
    `same_reference` is 1 where the Reference matches (as `ci_equal` compares), and
    `submitted_order` numbers the rows newest DateSubmitted first, unsubmitted last.
    """
    c = INT.claim.c
    target = c.ClaimId == CLAIM_ID
    same_reference = ci_equal_param(c.Reference, "reference")
    columns, joined = joined_head(INT, HISTORY_PARTS, only_where=target)
    one: sa.ColumnElement[int] = sa.literal_column("1", sa.Integer())
    zero: sa.ColumnElement[int] = sa.literal_column("0", sa.Integer())
    submitted = sa.func.row_number().over(
        order_by=(nulls_last(c.DateSubmitted), c.DateSubmitted.desc(), c.ClaimId.desc())
    )
    return (
        sa.select(
            *columns,
            sa.case((same_reference, one), else_=zero).label("same_reference"),
            submitted.label("submitted_order"),
        )
        .select_from(joined)
        .where(sa.or_(target, c.EligibilityId == ELIGIBILITY_ID, same_reference))
        .order_by(nulls_last(c.DateReviewed), c.DateReviewed.desc(), c.ClaimId.desc())
    )


def read_approval_history(
    connection: sa.Connection, key: ClaimKey
) -> ApprovalHistory | None:
    """The claim and the claims it is judged against; None when it is absent."""
    rows = read(connection, approval_history(), key_params(key)).mappings().all()
    claims = [(row, head_claim(row)) for row in rows]
    target = next(
        (row for row, claim in claims if claim and claim.claim_id == key.claim_id),
        None,
    )
    if target is None:
        return None
    parts = head_parts(INT, target, HISTORY_PARTS)
    others = [
        (row, claim)
        for row, claim in claims
        if claim and claim.claim_id != key.claim_id
    ]
    same_reference = sorted(
        (row["submitted_order"], claim.status)
        for row, claim in others
        if row["same_reference"] == 1
    )
    claim = head_claim(target)
    assert claim is not None  # noqa: S101 - `target` was picked by its claim
    return ApprovalHistory(
        claim=claim,
        eligibility=parts["eligibility"],
        visitor=parts["visitor"],
        prisoner=parts["prisoner"],
        previous_claims=tuple(
            claim for _, claim in others if claim.eligibility_id == key.eligibility_id
        ),
        reference_claim_statuses=tuple(status for _, status in same_reference),
    )


def _union_columns() -> dict[str, Any]:
    """Every column of the union by label."""
    return (
        labelled(INT.claim_expense.c, "x")
        | labelled(INT.claim_child.c, "ch")
        | labelled(INT.claim_document.c, "d")
        | {"n_PrisonNumber": INT.prisoner.c.PrisonNumber}
    )


def _part(
    number: int,
    key: sa.ColumnElement[Any] | None,
    filled: Mapping[str, sa.ColumnElement[Any]],
) -> sa.Select[Any]:
    return union_part(number, key, filled, _union_columns())


@functools.cache
def approval_rows() -> sa.CompoundSelect[Any]:
    """The claim's rows, the baseline's expenses, a day's prison numbers: one read.

    The claim's enabled expenses, children and documents, every expense of the
    baseline claim and the prison numbers visited on a day, as one `UNION ALL`.
    Bind `key_params`, `baseline_claim_id` (NULL for none), the day's
    `uk_day_bounds` as `start` and `end`, and `prison_number` (NULL for none: no
    numbers), compared as SQL Server's collation compares text.
    """
    x, ch, d, p = INT.claim_expense, INT.claim_child, INT.claim_document, INT.prisoner
    expenses = labelled(x.c, "x")
    baseline = x.c.ClaimId == BASELINE_CLAIM_ID
    union = sa.union_all(
        _part(EXPENSE, x.c.ClaimExpenseId, expenses)
        .select_from(x)
        .where(where_of(claim_rows(x, enabled_only=True))),
        _part(BASELINE_EXPENSE, x.c.ClaimExpenseId, expenses)
        .select_from(x)
        .where(baseline),
        _part(CHILD, ch.c.ClaimChildId, labelled(ch.c, "ch"))
        .select_from(ch)
        .where(where_of(claim_rows(ch, enabled_only=True))),
        _part(DOCUMENT, d.c.ClaimDocumentId, labelled(d.c, "d"))
        .select_from(d)
        .where(where_of(claim_documents(INT, include_disabled=False))),
        _part(PRISON_NUMBER, None, {"n_PrisonNumber": p.c.PrisonNumber})
        .select_from(p)
        .where(
            ci_equal_param(p.c.PrisonNumber, "prison_number"),
            where_of(prison_numbers_visited_on()),
        ),
    )
    by = union.selected_columns
    return union.order_by(by.part, by.row_key, by.n_PrisonNumber)


def read_approval_rows(
    connection: sa.Connection,
    key: ClaimKey,
    *,
    baseline_claim_id: int | None,
    journey_day: date,
    prison_number: str | None,
) -> ApprovalRows:
    """The claim's rows the rules read: one statement, rarely two.

    The claim's events (a second) are read only when a car journey still awaits
    pricing, the one case in which `has_unpriced_car_journeys` can be true.
    """
    start, end = uk_day_bounds(journey_day)
    params = key_params(key) | {
        "baseline_claim_id": baseline_claim_id,
        "start": start,
        "end": end,
        "prison_number": prison_number,
    }
    found: dict[int, list[Any]] = {part: [] for part in range(1, 6)}
    for row in read(connection, approval_rows(), params).mappings():
        part = row["part"]
        if part in {EXPENSE, BASELINE_EXPENSE}:
            found[part].append(unprefixed(ClaimExpense, row, "x"))
        elif part == CHILD:
            found[part].append(unprefixed(ClaimChild, row, "ch"))
        elif part == DOCUMENT:
            found[part].append(unprefixed(ClaimDocument, row, "d"))
        else:
            found[part].append(row["n_PrisonNumber"])
    expenses = tuple(found[EXPENSE])
    awaiting_price = any(e.distance is None for e in expenses_to_price(expenses))
    return ApprovalRows(
        expenses=expenses,
        children=tuple(found[CHILD]),
        documents=tuple(found[DOCUMENT]),
        baseline_expenses=tuple(found[BASELINE_EXPENSE]),
        prison_numbers_on_journey_date=tuple(found[PRISON_NUMBER]),
        unpriced_car_journeys=awaiting_price
        and has_unpriced_car_journeys(
            all_rows(
                connection,
                ClaimEvent,
                claim_rows(int_claim_event, enabled_only=False),
                key_params(key),
            ),
            expenses,
        ),
    )
