"""Named IntSchema statements: status updates, previous claims, the same-day check.

The visitor-prisoner check replaces the table function
`IntSchema.getIdsForVisitorPrisonerCheck`, which matched only journeys stored at
exactly midnight; this one matches any time on the UK day.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_auto_approval,
    int_auto_approval_config,
)
from hmpps_workers.adapters.sql.prison_visits.tables import EXT, INT
from hmpps_workers.core.clock import UK
from hmpps_workers.core.prison_visits.claims.values import (
    STATUSES_KEEPING_LAST_UPDATED,
    same_text,
)

PLACEHOLDER_TYPE = "ID-ALLOCATION"


def update_claim_status(claim_id: int, status: str, *, now: datetime) -> sa.Update:
    """Set a claim's status and clear its reminder; LastUpdated unless exempt."""
    values: dict[str, Any] = {
        "Status": status,
        "ReminderSent": False,
        "DateReminderSent": None,
    }
    if not any(same_text(status, s) for s in STATUSES_KEEPING_LAST_UPDATED):
        values["LastUpdated"] = now
    return sa.update(INT.claim).where(INT.claim.c.ClaimId == claim_id).values(values)


@functools.cache
def claims_for_eligibility() -> sa.Select[Any]:
    """Every IntSchema claim of an eligibility, latest review first, unreviewed last.

    Bind `eligibility_id`.
    """
    c = INT.claim.c
    return (
        sa.select(INT.claim)
        .where(c.EligibilityId == sa.bindparam("eligibility_id", type_=sa.Integer()))
        .order_by(
            # NULLs sort differently per backend; SQL Server has no `IS NULL` sort key
            sa.case(
                (c.DateReviewed.is_(None), sa.literal_column("1")),
                else_=sa.literal_column("0"),
            ),
            c.DateReviewed.desc(),
            c.ClaimId.desc(),
        )
    )


def uk_day_bounds(day: date) -> tuple[datetime, datetime]:
    """The instants at which a UK calendar day starts and the next one starts."""
    start = datetime.combine(day, time(), tzinfo=UK)
    end = datetime.combine(day + timedelta(days=1), time(), tzinfo=UK)
    return start, end


@functools.cache
def prison_numbers_visited_on() -> sa.Select[Any]:
    """The prison number of each eligibility with a claim for a day.

    One row per Prisoner row, as the original read them, not DISTINCT: a prisoner
    two eligibilities visited that day appears twice, which is what
    `prisoner-not-visited-on-this-date` counts. An eligibility with several claims
    that day still appears once (`EXISTS`). Bind `start` and `end`, the day's
    `uk_day_bounds`.

    `EXISTS` on the prisoner's eligibility rather than `IN` the day's eligibilities:
    the same semi-join to SQL Server and PostgreSQL, while SQLite otherwise builds
    the day's whole eligibility list (a scan of Claim) before it looks at the
    prisoner, where a claimant's prison number leaves one or two rows to check by
    the (EligibilityId, ClaimId) index.
    """
    journey = INT.claim.c.DateOfJourney
    p = INT.prisoner.c
    claims = sa.exists().where(
        INT.claim.c.EligibilityId == p.EligibilityId,
        journey >= sa.bindparam("start", type_=journey.type),
        journey < sa.bindparam("end", type_=journey.type),
    )
    return sa.select(p.PrisonNumber).where(claims).order_by(p.PrisonNumber)


def newest_auto_approval_config() -> sa.Select[Any]:
    """The newest enabled auto-approval settings row."""
    c = int_auto_approval_config.c
    return (
        sa.select(int_auto_approval_config)
        .where(c.IsEnabled == sa.true())
        .order_by(c.DateCreated.desc(), c.AutoApprovalConfigId.desc())
        .limit(1)
    )


def queued_auto_approvals() -> sa.Select[Any]:
    """Every queued approval, oldest first."""
    c = int_auto_approval.c
    return sa.select(int_auto_approval).order_by(c.DateAdded, c.AutoApprovalId)


def delete_auto_approval(auto_approval_id: int) -> sa.Delete:
    """Remove one processed approval."""
    c = int_auto_approval.c
    return sa.delete(int_auto_approval).where(c.AutoApprovalId == auto_approval_id)


def draw_document_id(*, eligibility_id: int, reference: str) -> sa.Insert:
    """Take the next ExtSchema.ClaimDocument identity value with a placeholder row.

    Every IntSchema document id comes from that identity, so an id drawn there can
    never collide with a document a claimant submits later. The placeholder row is
    deleted again in the same transaction; identities never hand a value out twice.
    The original computed ids from the clock, which overflow INT since May 2024.
    """
    return (
        sa.insert(EXT.claim_document)
        .values(
            EligibilityId=eligibility_id,
            Reference=reference,
            DocumentType=PLACEHOLDER_TYPE,
            DocumentStatus=PLACEHOLDER_TYPE,
            IsEnabled=False,
        )
        .returning(EXT.claim_document.c.ClaimDocumentId)
    )


def delete_drawn_document(claim_document_id: int) -> sa.Delete:
    """Remove the placeholder row `draw_document_id` inserted."""
    c = EXT.claim_document.c
    return sa.delete(EXT.claim_document).where(c.ClaimDocumentId == claim_document_id)
