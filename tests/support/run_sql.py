"""Every statement the scheduled runners' stores add, rendered on SQL Server (golden)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits import batch_queries as bq
from hmpps_workers.adapters.sql.prison_visits import daily_queries as dq
from support.claims_ddl import sql_server

GOLDEN = Path(__file__).parents[1] / "unit/prison_visits/golden/run_queries.mssql.sql"
NOW = datetime(2026, 7, 6, 23, 5, tzinfo=UTC)


def statements() -> dict[str, sa.Executable]:
    """Each named statement, with representative arguments."""
    return {
        "unreserved claims due": bq.unreserved_claims_due(),
        "unreserved top-ups due": bq.unreserved_top_ups_due(),
        "batch by stamp": bq.batch_by_stamp("20260707000500"),
        "insert batch": bq.insert_batch(stamp="20260707000500", created=NOW),
        "insert lines": bq.insert_lines(),
        "reserved claims": bq.reserved_claims([1, 2]),
        "reserved top-ups": bq.reserved_top_ups([3, 4]),
        "oldest open batch": bq.oldest_open_batch(),
        "batch lines": bq.batch_lines(5),
        "close batch": bq.close_batch(5, now=NOW),
        "pay claims": bq.pay_claims(with_manual=False),
        "pay claims with manual part": bq.pay_claims(with_manual=True),
        "pay top-up": bq.pay_top_up(),
        "advance claims not reminded": dq.advance_claims_not_reminded(
            NOW, NOW, reminder="firstReminder"
        ),
        "claims awaiting information, none queued": (
            dq.claims_awaiting_information_not_queued(last_updated_before=NOW)
        ),
        "reject waiting claim": dq.reject_waiting_claim(2, now=NOW),
        "unfinished complete claims": dq.unfinished_complete_claims(),
        "claims to archive": dq.claims_to_archive(reviewed_before=NOW, limit=1000),
        "claim state": dq.claim_state(2),
        "last success": dq.last_success("job"),
        "update success": dq.update_success("job", NOW),
        "insert success": dq.insert_success("job", NOW),
    }


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
