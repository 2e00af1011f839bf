"""ACCEPT-CLAIM-NOTIFICATION's read: the claimant summary, expenses and deductions.

One `UNION ALL` (`union_rows`) of the named statements the email read one by one:
`claimant_summary` (a derived table, since T-SQL allows its TOP 1 ... ORDER BY
there and not in a union's member), `all_claim_expenses` and `enabled_deductions`.
"""

from __future__ import annotations

import functools
from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.driver_reads import read
from hmpps_workers.adapters.sql.prison_visits.claim_head import where_of
from hmpps_workers.adapters.sql.prison_visits.follow_up_queries import (
    all_claim_expenses,
    claimant_summary,
    enabled_deductions,
)
from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_claim_deduction,
)
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.adapters.sql.prison_visits.union_rows import (
    labelled,
    union_part,
    unprefixed,
)
from hmpps_workers.core.prison_visits.claims.model import ClaimExpense
from hmpps_workers.core.prison_visits.claims.records import ClaimDeduction
from hmpps_workers.core.prison_visits.claims.views import (
    AcceptedClaimInput,
    ClaimantSummary,
)

SUMMARY, EXPENSE, DEDUCTION = range(1, 4)


@functools.cache
def accepted_claim_read() -> sa.CompoundSelect[Any]:
    """The summary row, then every expense, then the enabled deductions, by key.

    Bind `claim_id`.
    """
    summary = claimant_summary().subquery("summary")
    x, dd = INT.claim_expense, int_claim_deduction
    filled = {
        SUMMARY: labelled(summary.c, "s"),
        EXPENSE: labelled(x.c, "x"),
        DEDUCTION: labelled(dd.c, "dd"),
    }
    every = filled[SUMMARY] | filled[EXPENSE] | filled[DEDUCTION]
    union = sa.union_all(
        union_part(SUMMARY, None, filled[SUMMARY], every).select_from(summary),
        union_part(EXPENSE, x.c.ClaimExpenseId, filled[EXPENSE], every)
        .select_from(x)
        .where(where_of(all_claim_expenses())),
        union_part(DEDUCTION, dd.c.ClaimDeductionId, filled[DEDUCTION], every)
        .select_from(dd)
        .where(where_of(enabled_deductions())),
    )
    by = union.selected_columns
    return union.order_by(by.part, by.row_key)


def read_accepted_claim_input(
    connection: sa.Connection, claim_id: int
) -> AcceptedClaimInput | None:
    """The acceptance email's input; None when the claim or its visitor is gone."""
    summary: ClaimantSummary | None = None
    expenses: list[ClaimExpense] = []
    deductions: list[ClaimDeduction] = []
    rows = read(connection, accepted_claim_read(), {"claim_id": claim_id})
    for row in rows.mappings():
        if row["part"] == SUMMARY:
            summary = unprefixed(ClaimantSummary, row, "s")
        elif row["part"] == EXPENSE:
            expenses.append(unprefixed(ClaimExpense, row, "x"))
        else:
            deductions.append(unprefixed(ClaimDeduction, row, "dd"))
    if summary is None:
        return None
    return AcceptedClaimInput(
        summary=summary, expenses=tuple(expenses), deductions=tuple(deductions)
    )
