"""The daily CronJobs' world: environment, archive database and a deferred approval."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.metadata import INT_SCHEMA
from hmpps_workers.adapters.sql.prison_visits.archive import create_archive_schema
from hmpps_workers.adapters.sql.prison_visits.claim_updates import SqlClaimUpdates
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from hmpps_workers.core.prison_visits.claims.records import AutoApproval
from hmpps_workers.core.prison_visits.handlers.ports import ClaimUpdate
from support.payment_run import payment_env

NOW = datetime(2026, 7, 7, 3, 30, tzinfo=UTC)


def daily_env(url: str, moto: str, shared: Path, tmp_path: Path) -> dict[str, str]:
    """What the daily CronJobs are given: database, S3, an archive, the clock at NOW."""
    archive = f"sqlite:///{tmp_path / 'archive.db'}"
    archive_engine = create_database_engine(archive, schemas=(INT_SCHEMA,))
    create_archive_schema(archive_engine)
    archive_engine.dispose()
    return {
        **payment_env(url, moto, shared),
        "APVS_ARCHIVE_DATABASE_URL": archive,
        "HMPPS_WORKERS_NOW": NOW.isoformat(),
    }


def defer_new_claim(engine: sa.Engine, now: datetime = NOW) -> int:
    """Defer the demo's NEW claim's approval eight hours ago; return its id."""
    c = INT.claim.c
    with engine.connect() as connection:
        new = connection.execute(
            sa.select(c.ClaimId, c.EligibilityId, c.Reference).where(c.Status == "NEW")
        ).first()
    assert new is not None
    deferred = AutoApproval(
        auto_approval_id=None,
        claim_id=new.ClaimId,
        eligibility_id=new.EligibilityId,
        reference=new.Reference,
        email_address="visitor@example.com",
        date_added=now - timedelta(hours=8),
    )
    SqlClaimUpdates(engine).apply(
        ClaimUpdate(
            claim_id=new.ClaimId,
            eligibility_id=new.EligibilityId,
            reference=new.Reference,
            now=deferred.date_added,
            deferred_approval=deferred,
        )
    )
    return int(new.ClaimId)
