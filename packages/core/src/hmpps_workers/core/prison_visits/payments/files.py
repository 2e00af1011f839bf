"""The two AccessPay files of §8.3, byte for byte, from a batch of payments."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from hmpps_workers.core.prison_visits.claims.values import to_money
from hmpps_workers.core.prison_visits.payments.model import ZERO, Payment

NAME_CUT = 17
NAME_WIDTH = 18
AMOUNT_WIDTH = 11
SUMMARY_COUNTRIES = ("England", "Northern Ireland", "Wales", "Scotland")


def _csv(rows: Iterable[Sequence[str]]) -> str:
    """Comma-separated, quoted only when needed, a newline after every row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return buffer.getvalue()


def format_amount(amount: Decimal) -> str:
    """Two decimals, left-padded with zeros to 11 characters: `00000022.33`."""
    return f"{to_money(amount):.2f}".rjust(AMOUNT_WIDTH, "0")


def format_name(name: str | None) -> str:
    """Cut to 17 characters and pad with spaces to 18, as AccessPay expects."""
    return (name or "")[:NAME_CUT].ljust(NAME_WIDTH)


def _columns(payment: Payment) -> list[str]:
    return [
        payment.sort_code or "",
        payment.account_number or "",
        format_name(payment.name_on_account),
        format_amount(payment.amount),
        payment.roll_number or "",
    ]


def accesspay_file(payments: Sequence[Payment]) -> bytes:
    """The SSCL AccessPay file: five columns per payment, no header."""
    return _csv(_columns(p) for p in payments).encode()


def country_totals(payments: Sequence[Payment]) -> dict[str, Decimal]:
    """The four nations' totals; other countries are left out, as in the original."""
    totals = dict.fromkeys(SUMMARY_COUNTRIES, ZERO)
    for payment in payments:
        if payment.country in totals:
            totals[payment.country] += payment.amount
    return {country: to_money(total) for country, total in totals.items()}


def apvu_accesspay_file(payments: Sequence[Payment]) -> bytes:
    """The APVU copy: the five columns plus reference and country, then a summary."""
    rows: list[Sequence[str]] = [
        [*_columns(p), p.reference, p.country or ""] for p in payments
    ]
    rows.append([])
    rows.append(["Country", "Total Amount"])
    rows.extend(
        [country, f"{total:.2f}"] for country, total in country_totals(payments).items()
    )
    return _csv(rows).encode()
