"""Payloads that look like SQL stay data: every statement is parameterised."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from hmpps_workers.core.tasks import Failure, NewTask, Outcomes, Schema, TaskFilter

INJECTIONS = (
    "'; DROP TABLE [IntSchema].[Task]; --",
    '"); DELETE FROM "IntSchema"."Task"; --',
    "x' OR '1'='1",
    "Robert'); UPDATE IntSchema.Task SET Status='COMPLETE' --",
)


class TestSqlLookingPayloads:
    """Task fields holding SQL are stored and read back verbatim, harmlessly."""

    def test_payloads_round_trip_and_the_table_survives(self, task_env):
        """Enqueue, claim, fail and list tasks whose fields are SQL."""
        store = task_env.store
        now = datetime.now(UTC)
        for text in INJECTIONS:
            store.enqueue(
                NewTask(task=text[:100], additional_data=text, reference=text[:10]),
                now=now,
            )
        claimed = store.claim(
            Schema.INT, limit=10, now=now, lease=timedelta(minutes=5), owner="x'--"
        )
        assert sorted(t.additional_data for t in claimed) == sorted(INJECTIONS)
        failures = tuple(
            Failure(task=task, reason=task.additional_data or "") for task in claimed
        )
        written = store.record(Outcomes(failed=failures), now=now)
        assert written == {task.key for task in claimed}
        listed = store.find(TaskFilter(task_types=(INJECTIONS[0][:100],)), now=now)
        assert [t.additional_data for t in listed] == [INJECTIONS[0]]
        assert sa.inspect(task_env.engine).has_table("Task", schema="IntSchema")
        assert sum(store.counts().values()) == len(INJECTIONS)
