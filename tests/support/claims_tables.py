"""Which SQL table holds a claim row class, for tests that seed or count rows."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_auto_approval,
    int_claim_deduction,
    int_claim_event,
    int_direct_payment_file,
    int_top_up,
)
from hmpps_workers.adapters.sql.prison_visits.rows import field_name
from hmpps_workers.adapters.sql.prison_visits.tables import (
    CLAIM_TABLES,
    ext_contact_update,
)
from hmpps_workers.core.tasks.model import Schema

INTERNAL_ONLY = {
    "ClaimEvent": int_claim_event,
    "ClaimDeduction": int_claim_deduction,
    "TopUp": int_top_up,
    "AutoApproval": int_auto_approval,
    "DirectPaymentFile": int_direct_payment_file,
}


def table_for(schema: Schema, cls: type[Any]) -> sa.Table:
    """The `schema` table whose rows `cls` describes."""
    name = cls.__name__
    if name == "ContactDetailUpdate":
        return ext_contact_update
    if name in INTERNAL_ONLY:
        return INTERNAL_ONLY[name]
    table = getattr(CLAIM_TABLES[schema], field_name(name))
    assert isinstance(table, sa.Table)
    return table
