"""The direct payment files of §8.3, pinned byte for byte by golden files."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.prison_visits.payments.files import (
    accesspay_file,
    apvu_accesspay_file,
    country_totals,
    format_amount,
    format_name,
)
from hmpps_workers.core.prison_visits.payments.model import (
    Payment,
    PaymentBatch,
    PaymentFileType,
    plan_payments,
)
from support.payments import RUN_AT, week_of_payments

GOLDEN = Path(__file__).parent / "golden" / "payments"


def batch() -> PaymentBatch:
    return PaymentBatch(created=RUN_AT, payments=tuple(week_of_payments()))


class TestPaymentFiles:
    """Columns, order, padding, totals and names as the bank and APVU expect."""

    def test_the_accesspay_file_matches_the_golden_file(self):
        """Five columns per payment, claims then top-ups, no header."""
        expected = (GOLDEN / "apvs-payments-20260707000500.txt").read_bytes()
        assert expected == accesspay_file(batch().payments)

    def test_the_apvu_file_matches_the_golden_file(self):
        """Seven columns per payment, a blank line, then the four nations' totals."""
        expected = (GOLDEN / "apvu-apvs-payments-20260707000500.txt").read_bytes()
        assert expected == apvu_accesspay_file(batch().payments)

    def test_the_original_example_line_is_reproduced(self):
        """§8.3's example: `223344,11223344,Alan Turing       ,00000022.33,`."""
        payment = Payment(
            claim_id=1,
            reference="R",
            sort_code="223344",
            account_number="11223344",
            name_on_account="Alan Turing",
            approved_total=Decimal("22.33"),
        )
        assert (
            accesspay_file([payment])
            == b"223344,11223344,Alan Turing       ,00000022.33,\n"
        )

    def test_file_names_carry_the_uk_wall_clock_time_of_the_batch(self):
        """The three S3 keys share one timestamp, in UK time."""
        assert batch().file_names == {
            PaymentFileType.ACCESSPAY: "apvs-payments-20260707000500.txt",
            PaymentFileType.APVU_ACCESSPAY: "apvu-apvs-payments-20260707000500.txt",
            PaymentFileType.ADI_JOURNAL: "apvs-adi-journal-20260707000500.xlsm",
        }

    def test_order_is_claims_by_id_then_top_ups_by_id_whatever_the_input_order(self):
        """The same payments always give the same file."""
        forwards = PaymentBatch(created=RUN_AT, payments=tuple(week_of_payments()))
        backwards = PaymentBatch(
            created=RUN_AT, payments=tuple(reversed(week_of_payments()))
        )
        assert accesspay_file(forwards.payments) == accesspay_file(backwards.payments)
        keys = [p.sort_key() for p in forwards.payments]
        assert sorted(keys) == keys

    def test_other_countries_are_paid_but_left_out_of_the_summary(self):
        """The Isle of Man claim is in the file and in the total, not the summary."""
        totals = country_totals(batch().payments)
        assert list(totals) == ["England", "Northern Ireland", "Wales", "Scotland"]
        assert batch().total - sum(totals.values()) == Decimal("3.05")

    def test_names_are_cut_to_17_and_padded_to_18(self):
        """Short names pad, long names are cut, a missing name is spaces."""
        assert format_name("Ann") == "Ann" + " " * 15
        assert format_name("A Very Long Account Holder Name") == "A Very Long Accou "
        assert format_name(None) == " " * 18


class TestPaymentPlan:
    """Which payments go in the file, which wait, which are closed."""

    def test_a_missing_sort_code_holds_back_that_payment_only(self):
        """The others are still paid; the original refused the whole run."""
        payments = week_of_payments()
        payments[0] = attrs.evolve(payments[0], sort_code=" ")
        plan = plan_payments(payments)
        assert [p.claim_id for p in plan.missing_bank_details] == [1031]
        assert len(payments) - 1 == len(plan.payable)

    def test_zero_and_negative_amounts_are_not_payable(self):
        """A fully deducted or fully manually paid claim is closed, not paid."""
        zero = Payment(
            claim_id=1,
            reference="R",
            approved_total=Decimal("10.00"),
            manually_processed_total=Decimal("10.00"),
        )
        negative = Payment(
            claim_id=2,
            reference="R",
            approved_total=Decimal("10.00"),
            deduction_total=Decimal("12.00"),
        )
        plan = plan_payments([zero, negative])
        assert (zero, negative) == plan.not_payable
        assert plan.payable == ()
        assert plan.missing_bank_details == ()


pence = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(99999), places=2)


@given(st.lists(pence, min_size=1, max_size=30))
def test_the_batch_total_is_the_sum_of_the_file_amounts_to_the_penny(amounts):
    """Money sums never lose a penny between the lines and the total."""
    payments = tuple(
        Payment(
            claim_id=i,
            reference="R",
            approved_total=a,
            sort_code="1",
            account_number="2",
        )
        for i, a in enumerate(amounts)
    )
    lines = accesspay_file(payments).decode().splitlines()
    assert (
        sum(Decimal(line.split(",")[3]) for line in lines)
        == PaymentBatch(created=RUN_AT, payments=payments).total
    )


@given(pence)
def test_amounts_are_always_eleven_characters(amount):
    """Left-padded with zeros, decimal point included, up to 99,999,999.99."""
    assert len(format_amount(amount)) == 11
    assert Decimal(format_amount(amount)) == amount
