"""Run `hmpps-workers payment-run` as a CronJob would, and check what it paid.

Shared by the e2e tests and the fault suite: moto's S3 server, the environment the
runner needs, and the exactly-once checks over the bucket and the database.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
import sqlalchemy as sa

from hmpps_workers.adapters.sql.prison_visits.internal_tables import (
    int_direct_payment_file,
    int_top_up,
)
from hmpps_workers.adapters.sql.prison_visits.run_tables import payment_batch
from hmpps_workers.adapters.sql.prison_visits.tables import INT
from support import aws
from support.payments import RUN_AT, week_of_payments

BUCKET = "hwpv-payments-e2e"
GOLDEN = Path(__file__).parents[1] / "e2e/golden"
KILL_POINTS = ("batch-recorded", "upload-1", "upload-3", "half-marked")
"""After the batch is recorded, after the first and the last upload, mid-marking."""


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    """Moto's S3 server on a free loopback port."""
    with aws.moto_server() as url:
        yield url


@attrs.define
class Bucket:
    """The payment bucket on moto."""

    client: object

    def files(self) -> dict[str, bytes]:
        """Every object, by key."""
        client = self.client
        listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])  # type: ignore[attr-defined]
        return {
            item["Key"]: client.get_object(Bucket=BUCKET, Key=item["Key"])[  # type: ignore[attr-defined]
                "Body"
            ].read()
            for item in listed
        }


@pytest.fixture
def bucket(moto_url) -> Iterator[Bucket]:
    """A fresh, empty bucket."""
    with aws.s3_bucket(moto_url, BUCKET) as client:
        yield Bucket(client)


def payment_env(database_url: str, moto: str, shared: Path) -> dict[str, str]:
    """What the payment-run CronJob is given, with the clock frozen at RUN_AT."""
    return {
        "APVS_DATABASE_URL": database_url,
        "AWS_S3_BUCKET_NAME": BUCKET,
        "AWS_ENDPOINT_URL_S3": moto,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "eu-west-2",
        "APVS_ADI_TEMPLATE_PATH": str(shared / "fixtures/payments/adi_template.xlsm"),
        "HMPPS_WORKERS_NOW": RUN_AT.isoformat(),
    }


def expected_lines() -> Counter[tuple[str, str]]:
    """(reference, amount) of every payment due, as the APVU file writes them."""
    return Counter(
        (p.reference, f"{p.amount:011.2f}") for p in week_of_payments() if p.amount > 0
    )


def paid_lines(files: dict[str, bytes]) -> Counter[tuple[str, str]]:
    """(reference, amount) of every payment line in every APVU file in the bucket."""
    lines: Counter[tuple[str, str]] = Counter()
    for key, data in files.items():
        if not key.startswith("apvu-apvs-payments-"):
            continue
        body = data.decode().split("\n\n")[0]
        for row in csv.reader(io.StringIO(body)):
            if row:
                lines[(row[5], row[3])] += 1
    return lines


@attrs.frozen(kw_only=True)
class Ledger:
    """What the database says was paid."""

    claims: dict[int, tuple[str | None, Decimal | None]]
    top_ups: dict[int, str]
    payment_files: int
    batches: int


def ledger(engine: sa.Engine) -> Ledger:
    """Read back claims, top-ups, payment files and batches."""
    c, t = INT.claim.c, int_top_up.c
    with engine.connect() as connection:
        claims = {
            r.ClaimId: (r.PaymentStatus, r.PaymentAmount)
            for r in connection.execute(
                sa.select(c.ClaimId, c.PaymentStatus, c.PaymentAmount)
            )
        }
        top_ups = {
            r.TopUpId: r.PaymentStatus
            for r in connection.execute(sa.select(t.TopUpId, t.PaymentStatus))
        }
        files = connection.execute(
            sa.select(sa.func.count()).select_from(int_direct_payment_file)
        ).scalar_one()
        batches = connection.execute(
            sa.select(sa.func.count()).select_from(payment_batch)
        ).scalar_one()
    return Ledger(claims=claims, top_ups=top_ups, payment_files=files, batches=batches)


def expected_ledger_claims() -> dict[int, tuple[str, Decimal]]:
    """Every claim of the week PROCESSED, with its amount (0 for top-up-only)."""
    found: dict[int, tuple[str, Decimal]] = {}
    for payment in week_of_payments():
        if not payment.is_top_up:
            found[payment.claim_id] = ("PROCESSED", payment.amount)
    return found
