"""A contender for the DynamoDB lock, in a process of its own (importable by spawn).

Such processes send their acquires at the same instants, as two pods' schedulers
do, so the server sees truly concurrent conditional writes (threads in one process
take turns on the GIL and rarely race).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hmpps_workers.adapters.aws.dynamodb_lock import DynamoDbLock
from support import aws

ROUND_SECONDS = 0.02


def contend(
    url: str, table: str, *, rounds: int, start_at: float, owner: str, wins: str
) -> None:
    """Try for lock `x<n>` at `start_at + n * ROUND_SECONDS`; write the rounds won."""
    client = aws.session().client("dynamodb", endpoint_url=url, region_name=aws.REGION)
    lock = DynamoDbLock(client, table)
    won = []
    for n in range(rounds):
        at = start_at + n * ROUND_SECONDS
        while time.time() < at:  # a busy wait: sleep's granularity spreads the two
            pass
        now = datetime.now(UTC)
        if lock.acquire(
            f"x{n}", now=now, until=now + timedelta(minutes=1), owner=owner
        ):
            won.append(n)
    Path(wins).write_text(" ".join(map(str, won)))
