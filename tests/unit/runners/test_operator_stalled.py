"""`tasks stalled`: the claims a FAILED task stopped, with no personal data."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hmpps_workers.core.tasks import Schema, Task, TaskStatus
from hmpps_workers.runners.prison_visits.operator import print_stalled_claims

NOW = datetime(2026, 1, 7, 12, 0, tzinfo=UTC)


def failed(task_id: int, **fields: object) -> Task:
    return Task(
        task_id=task_id,
        schema=Schema.INT,
        task="DWP-CHECK",
        status=TaskStatus.FAILED,
        date_created=datetime(2026, 1, 7, 9, 0, tzinfo=UTC),
        additional_data="wilhelmina.quartermaine@example.com",
        last_error="DWP-CHECK: refused (client fault)",
        **fields,  # type: ignore[arg-type]
    )


class TestStalledClaims:
    """Each claim task shows its reference, type, reason and how to retry it."""

    def test_json_lines_name_the_claim_and_the_retry_arguments(self, capsys):
        """Reference, claim id, type, reason and `--schema S --id N`; no payload."""
        print_stalled_claims(
            [failed(7, reference="ABC1234", claim_id=42)], now=NOW, as_json=True
        )
        out = capsys.readouterr().out
        expected = {
            "reference": "ABC1234",
            "claim_id": 42,
            "schema": "IntSchema",
            "task_id": 7,
            "task": "DWP-CHECK",
            "reason": "DWP-CHECK: refused (client fault)",
            "retry": ["--schema", "IntSchema", "--id", "7"],
        }
        assert [expected] == [json.loads(line) for line in out.splitlines()]
        assert "example.com" not in out

    def test_tasks_without_a_claim_are_left_out(self, capsys):
        """A failed task naming no claim is not a stalled claim."""
        print_stalled_claims(
            [failed(1), failed(2, reference="ABC1234", claim_id=42)],
            now=NOW,
            as_json=False,
        )
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].split()[:3] == ["REFERENCE", "CLAIM", "TYPE"]
        assert (len(lines), lines[1].split()[:3]) == (3, ["ABC1234", "42", "DWP-CHECK"])
        assert "--schema IntSchema --id 2" in lines[1]
