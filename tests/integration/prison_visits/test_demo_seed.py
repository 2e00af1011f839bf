"""The demo's claims: every job and handler has something to work on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.daily_store import SqlDailyJobStore
from hmpps_workers.adapters.sql.prison_visits.payment_store import SqlPaymentStore
from hmpps_workers.adapters.sql.prison_visits.seed import seed_demo_claims
from hmpps_workers.adapters.sql.task_tables import ext_task
from hmpps_workers.core.prison_visits.claims.move import plan_claim_move
from hmpps_workers.core.prison_visits.claims.records import ClaimKey

NOW = datetime(2024, 10, 27, 9, 30, tzinfo=UTC)  # the morning the clocks go back
DAY = timedelta(days=1)


def _references(found):
    return [f.reference for f in found]


class TestDemoClaims:
    """seed_demo_claims on an empty database."""

    def test_each_submission_has_a_complete_claim_task_and_moves_cleanly(
        self, engine, repository
    ):
        """The worker can complete every submitted claim."""
        demo = seed_demo_claims(engine, now=NOW)
        with engine.connect() as connection:
            tasks = connection.execute(
                sa.select(ext_task.c.Task, ext_task.c.AdditionalData).order_by(
                    ext_task.c.TaskId
                )
            ).all()
        assert [tuple(t) for t in tasks] == [
            ("COMPLETE-CLAIM", "first-time"),
            ("COMPLETE-CLAIM", "first-time"),
            ("COMPLETE-CLAIM", "repeat"),
        ]
        statuses = []
        for stored in demo.submitted:
            claim = stored.claim
            key = ClaimKey(
                reference=claim.reference,
                eligibility_id=claim.eligibility_id,
                claim_id=claim.claim_id,
            )
            move = repository.move_to_internal(
                key,
                lambda s: plan_claim_move(s.external, claim_type=None, now=NOW),
                now=NOW,
            )
            statuses.append(move.internal.claim.status)
        assert statuses == ["NEW", "PENDING", "NEW"]

    def test_the_daily_jobs_and_payment_run_each_find_their_claim(
        self, engine, repository
    ):
        """Reminders, payments, top-ups and archiving all have work."""
        seed_demo_claims(engine, now=NOW)
        daily = SqlDailyJobStore(engine)
        awaiting = daily.claims_due_information_reminder(
            last_updated_before=NOW - 35 * DAY
        )
        advance = daily.advance_claims_due_evidence(
            journey_from=NOW - 2 * DAY, journey_before=NOW, reminder="firstReminder"
        )
        payments = SqlPaymentStore(engine).pending_bank_payments()
        archive = repository.claims_reviewed_before(NOW - 700 * DAY)
        assert (
            _references(awaiting),
            _references(advance),
            [p.reference for p in payments if not p.is_top_up],
            [p.reference for p in payments if p.is_top_up],
            len(archive),
        ) == (["DEMO102"], ["DEMO103"], ["DEMO104"], ["DEMO105"], 1)
