"""A week of made-up bank payments: the project's own test data for the payment files."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from hmpps_workers.core.prison_visits.payments.model import Payment

# 00:05 on Tuesday 7 July 2026, UK summer time
RUN_AT = datetime(2026, 7, 6, 23, 5, 0, tzinfo=UTC)


def week_of_payments() -> list[Payment]:
    """Claims and top-ups across the four nations, in no particular order."""

    def bank(claim_id: int, **fields: object) -> Payment:
        values: dict[str, object] = {
            "claim_id": claim_id,
            "reference": f"TST{claim_id:04d}",
            "sort_code": "001122",
            "account_number": f"{claim_id:08d}",
            "name_on_account": f"Payee {claim_id}",
            "country": "England",
            "approved_total": Decimal("10.00"),
        }
        values.update(fields)
        return Payment(**values)  # type: ignore[arg-type]

    return [
        bank(1031, approved_total=Decimal("22.33"), name_on_account="Alan Turing"),
        bank(
            1007,
            approved_total=Decimal("150.00"),
            deduction_total=Decimal("12.50"),
            name_on_account="A Very Long Account Holder Name",
            country="Wales",
        ),
        bank(1012, approved_total=Decimal("8.40"), roll_number="ROLL/123-A"),
        bank(
            1020,
            approved_total=Decimal("64.10"),
            manually_processed_total=Decimal("14.10"),
            name_on_account="Surname, Forename",
            country="Scotland",
        ),
        bank(1025, approved_total=Decimal("1234.56"), country="Northern Ireland"),
        bank(1040, approved_total=Decimal("3.05"), country="Isle of Man"),
        bank(1007, top_up_id=71, approved_total=Decimal("5.25"), country="Wales"),
        bank(1003, top_up_id=64, approved_total=Decimal("19.99")),
    ]
