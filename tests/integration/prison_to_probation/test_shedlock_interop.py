"""ShedLock interop both ways on one schedule table: a Kotlin pod and ours."""

from __future__ import annotations

from datetime import timedelta

import pytest
from botocore.exceptions import ClientError

from hmpps_workers.adapters.aws.dynamodb_lock import DynamoDbLock
from hmpps_workers.adapters.aws.p2p_resources import create_schedule_table
from hmpps_workers.core.testing.contracts.prison_to_probation import NOW

TABLE, LOCK = "cp-schedule", "scheduleLock"


def iso_instant(value):
    """java.time.Instant.toString(): ISO-8601 UTC, fraction only when non-zero."""
    return value.strftime("%Y-%m-%dT%H:%M:%S") + (
        f".{value.microsecond // 1000:03d}Z" if value.microsecond else "Z"
    )


def shedlock_take(dynamodb, now, until):
    """The UpdateItem ShedLock's DynamoDB provider sends to take a lock."""
    dynamodb.update_item(
        TableName=TABLE,
        Key={"_id": {"S": LOCK}},
        UpdateExpression="set lockUntil = :lockUntil, lockedAt = :lockedAt,"
        " lockedBy = :lockedBy",
        ConditionExpression="lockUntil <= :lockedAt or attribute_not_exists(lockUntil)",
        ExpressionAttributeValues={
            ":lockUntil": {"S": iso_instant(until)},
            ":lockedAt": {"S": iso_instant(now)},
            ":lockedBy": {"S": "prison-to-probation-update-kotlin"},
        },
    )


@pytest.fixture
def lock(dynamodb):
    """Our lock on the shared schedule table."""
    create_schedule_table(dynamodb, TABLE)
    return DynamoDbLock(dynamodb, TABLE)


class TestShedLockInterop:
    """Neither side takes a lease the other holds; both take an expired one."""

    def test_a_kotlin_pods_lock_keeps_ours_out_until_it_expires(self, dynamodb, lock):
        """The original's item (ShedLock's format) is honoured by our acquire."""
        shedlock_take(dynamodb, NOW, NOW + timedelta(minutes=10))
        held = lock.acquire(LOCK, now=NOW + timedelta(minutes=9), owner="ours",
                            until=NOW + timedelta(minutes=29))  # fmt: skip
        later = NOW + timedelta(minutes=10, seconds=1)
        freed = lock.acquire(LOCK, now=later, owner="ours",
                             until=later + timedelta(minutes=20))  # fmt: skip
        assert (held, freed) == (False, True)

    def test_our_lock_keeps_a_kotlin_pod_out_until_it_expires(self, dynamodb, lock):
        """ShedLock's own condition refuses our held item, then takes it expired."""
        lock.acquire(LOCK, now=NOW, until=NOW + timedelta(minutes=20), owner="ours")
        with pytest.raises(ClientError, match="ConditionalCheckFailed"):
            shedlock_take(dynamodb, NOW + timedelta(minutes=19),
                          NOW + timedelta(minutes=39))  # fmt: skip
        shedlock_take(dynamodb, NOW + timedelta(minutes=21),
                      NOW + timedelta(minutes=41))  # fmt: skip
        assert lock.state(LOCK).locked_by == "prison-to-probation-update-kotlin"
