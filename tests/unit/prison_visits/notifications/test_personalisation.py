"""Template and personalisation for every notification task type."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import attrs
import pytest

from hmpps_workers.core.errors import InvalidTaskError
from hmpps_workers.core.prison_visits.additional_data import ReminderKind
from hmpps_workers.core.prison_visits.benefits.outcome import (
    BenefitCheckRoute,
    route_benefit_check,
)
from hmpps_workers.core.prison_visits.benefits.ports import BenefitCheckResult
from hmpps_workers.core.prison_visits.claims.records import ClaimDeduction
from hmpps_workers.core.prison_visits.email.templates import Template
from hmpps_workers.core.prison_visits.notifications.accepted import (
    AcceptedClaim,
    accepted_claim_email,
    caseworker_note,
    claim_details,
)
from hmpps_workers.core.prison_visits.notifications.content import (
    Links,
    NotificationDataError,
    advance_reminder_email,
    claim_email,
    long_date,
    malware_alert_email,
    reference_recovery_email,
)
from hmpps_workers.core.prison_visits.prisons import Prison, PrisonDirectory
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.testing.claim_builders import claim_graph
from hmpps_workers.runners.prison_visits.handler_config import links_from_env

LINKS = Links(service_url="https://hwpv.test")
URL = "https://hwpv.test/start-already-registered"
PRISONS = PrisonDirectory.of(
    [Prison(value="hewell", display_name="Hewell", region="ENG", postcode="B97 6QS")]
)
GRAPH = claim_graph()
CAR, BUS = GRAPH.expenses
CAR = attrs.evolve(
    CAR, cost=Decimal("12.50"), approved_cost=Decimal("12.50"), is_return=True
)
BUS = attrs.evolve(BUS, approved_cost=Decimal("20.00"), status="APPROVED-DIFF-AMOUNT")
HC3 = ClaimDeduction(
    claim_deduction_id=1,
    eligibility_id=1000,
    claim_id=1000,
    reference="ABC1234",
    deduction_type="hc3",
    amount=Decimal("5.00"),
)


def _accepted(**changes):
    fields = {
        "reference": "ABC1234",
        "first_name": "Val",
        "town": "Testtown",
        "name_of_prison": "hewell",
        "payment_method": "bank",
        "is_advance_claim": False,
        "account_number": "00123456",
        "expenses": (CAR, BUS),
        "deductions": (HC3,),
    }
    return AcceptedClaim(**(fields | changes))


class TestClaimEmail:
    """The claim-status emails: first_name, reference and a link."""

    @pytest.mark.parametrize(
        ("task", "template"),
        [
            (TaskType.SEND_CLAIM_NOTIFICATION, Template.SUBMIT_CLAIM),
            (TaskType.REJECT_CLAIM_NOTIFICATION, Template.REJECTED_CLAIM),
            (
                TaskType.REQUEST_INFORMATION_CLAIM_NOTIFICATION,
                Template.REQUEST_INFORMATION_CLAIM,
            ),
            (TaskType.DWP_FAILED_NOTIFICATION, Template.REQUEST_INFORMATION_CLAIM),
            (
                TaskType.REQUEST_INFORMATION_RESPONSE_SUBMITTED_NOTIFICATION,
                Template.REQUEST_INFORMATION_RESPONSE_SUBMITTED,
            ),
            (
                TaskType.SEND_REQUEST_INFORMATION_REMINDER_NOTIFICATION,
                Template.REQUEST_INFORMATION_REMINDER,
            ),
        ],
    )
    def test_request_info_link_emails(self, task, template):
        """Each task's template, with requestInfoUrl."""
        content = claim_email(task, first_name="Val", reference="ABC1234", links=LINKS)
        expected = (
            template,
            {"first_name": "Val", "reference": "ABC1234", "requestInfoUrl": URL},
        )
        assert expected == (content.template, dict(content.personalisation))

    def test_updated_contact_details_links_to_technical_help(self):
        """The link is technicalHelpUrl instead of requestInfoUrl."""
        content = claim_email(
            TaskType.UPDATED_CONTACT_DETAILS_CLAIM_NOTIFICATION,
            first_name="Val",
            reference="ABC1234",
            links=LINKS,
        )
        expected = (
            Template.UPDATE_CONTACT_DETAILS,
            {
                "first_name": "Val",
                "reference": "ABC1234",
                "technicalHelpUrl": "https://hwpv.test/technical-help",
            },
        )
        assert expected == (content.template, dict(content.personalisation))

    def test_a_task_without_such_an_email_is_refused(self):
        """COMPLETE-CLAIM sends no claim-status email."""
        with pytest.raises(InvalidTaskError, match="COMPLETE-CLAIM"):
            claim_email(
                TaskType.COMPLETE_CLAIM, first_name="V", reference="R", links=LINKS
            )

    def test_links_from_the_environment(self):
        """`APVS_EXTERNAL_*` with defaults."""
        links = links_from_env({"APVS_EXTERNAL_SERVICE_URL": "https://x"})
        expected = ("https://x/start-already-registered", "https://x/technical-help")
        assert expected == (links.request_info_url, links.technical_help_url)


class TestOtherEmails:
    """Reminder, malware alert and reference recovery."""

    @pytest.mark.parametrize(
        ("kind", "template"),
        [
            (ReminderKind.FIRST, Template.ADVANCE_CLAIM_EVIDENCE_REMINDER),
            (ReminderKind.SECOND, Template.ADVANCE_CLAIM_SECOND_EVIDENCE_REMINDER),
        ],
    )
    def test_advance_reminder(self, kind, template):
        """The dateOfJourney is the UK day, written "D MMMM YYYY"."""
        content = advance_reminder_email(
            kind,
            first_name="Val",
            reference="ABC1234",
            date_of_journey=datetime(2021, 9, 4, 23, 0, tzinfo=UTC),
            links=LINKS,
        )
        expected = (
            template,
            {
                "reference": "ABC1234",
                "requestInfoUrl": URL,
                "dateOfJourney": "5 September 2021",
                "first_name": "Val",
            },
        )
        assert expected == (content.template, dict(content.personalisation))

    def test_malware_alert_has_the_reference_only(self):
        """Sent to the mailbox in AdditionalData."""
        content = malware_alert_email("ABC1234")
        expected = (Template.MALWARE_UPLOAD, {"reference": "ABC1234"})
        assert expected == (content.template, dict(content.personalisation))

    def test_reference_recovery_keys(self):
        """`firstname` without an underscore, and registeredUrl."""
        content = reference_recovery_email(
            reference="ABC1234", first_name="Val", links=LINKS
        )
        expected = (
            Template.SEND_REFERENCE_RECOVERY,
            {"reference": "ABC1234", "firstname": "Val", "registeredUrl": URL},
        )
        assert expected == (content.template, dict(content.personalisation))

    def test_long_date_in_winter(self):
        """Midnight UTC in January is the same UK day."""
        expected = "1 January 2024"
        assert expected == long_date(datetime(2024, 1, 1, tzinfo=UTC))


class TestAcceptedClaimEmail:
    """ACCEPT-CLAIM-NOTIFICATION: five templates by payment method and advance flag."""

    @pytest.mark.parametrize(
        ("method", "advance", "template", "extra_keys"),
        [
            (
                "bank",
                False,
                Template.ACCEPTED_CLAIM_BANK,
                {"account_last_four_digits", "claim_details", "approved_amount"},
            ),
            (
                "bank",
                True,
                Template.ACCEPTED_CLAIM_ADVANCE_BANK,
                {"account_last_four_digits"},
            ),
            (
                "payout",
                False,
                Template.ACCEPTED_CLAIM_PAYOUT,
                {"claim_details", "approved_amount"},
            ),
            ("payout", True, Template.ACCEPTED_CLAIM_ADVANCE_PAYOUT, set()),
            ("manual", False, Template.ACCEPTED_CLAIM_MANUAL, set()),
        ],
    )
    def test_template_and_keys(self, method, advance, template, extra_keys):
        """The base fields always, the rest by template."""
        content = accepted_claim_email(
            _accepted(payment_method=method, is_advance_claim=advance), PRISONS
        )
        base = {"first_name", "reference", "start_town", "prison", "caseworker_note"}
        expected = (template, base | extra_keys)
        assert expected == (content.template, set(content.personalisation))

    def test_bank_values(self):
        """Last four digits, prison display name, amount less deductions."""
        values = accepted_claim_email(_accepted(), PRISONS).personalisation
        expected = ("3456", "Hewell", "Testtown", "", "£27.50")
        assert expected == (
            values["account_last_four_digits"],
            values["prison"],
            values["start_town"],
            values["caseworker_note"],
            values["approved_amount"],
        )

    def test_claim_details_layout(self):
        """Parts joined by CRLF, blank parts included; double space before "- Return"."""
        crlf = "\r\n"
        expected = (
            "Your claim details"
            + crlf * 3
            + "Car journey - Testtown to hewell  - Return"
            + crlf
            + "Claimed: £12.50"
            + crlf
            + "Approved: £12.50"
            + crlf * 3
            + "Bus journey - Euston to Birmingham New Street "
            + crlf
            + "Claimed: £20.95"
            + crlf
            + "Approved: £20.00"
            + crlf * 4
            + crlf * 2
            + "Deductions"
            + crlf * 3
            + "Type: HC3"
            + crlf
            + "Amount: £5.00"
            + crlf * 4
        )
        assert expected == claim_details((CAR, BUS), (HC3,))

    def test_manually_processed_expense_shows_no_amounts(self):
        """Only its header, with a trailing space when not a return."""
        manual = attrs.evolve(BUS, status="MANUALLY-PROCESSED")
        crlf = "\r\n"
        expected = (
            "Your claim details"
            + crlf * 3
            + "Bus journey - Euston to Birmingham New Street "
            + crlf * 4
        )
        assert expected == claim_details((manual,), ())

    def test_disabled_and_rejected_expenses_are_not_listed_or_counted(self):
        """The original listed them; now the email matches what is paid."""
        rejected = attrs.evolve(
            BUS, claim_expense_id=5, status="REJECTED", approved_cost=Decimal(9)
        )
        disabled = attrs.evolve(BUS, claim_expense_id=6, is_enabled=False)
        values = accepted_claim_email(
            _accepted(expenses=(CAR, BUS, rejected, disabled)), PRISONS
        ).personalisation
        expected = (accepted_claim_email(_accepted(), PRISONS).personalisation,)
        assert expected == (values,)

    def test_unknown_prison_does_not_fail_the_email(self):
        """The slug is shown humanised instead of throwing."""
        values = accepted_claim_email(
            _accepted(name_of_prison="new-prison"), PRISONS
        ).personalisation
        expected = "New Prison"
        assert expected == values["prison"]

    def test_caseworker_note(self):
        """Blank lines around a quoted note, CRLF throughout."""
        expected = '\r\n\r\nNote from case worker:\r\n"Paid in full"\r\n\r\n'
        assert expected == caseworker_note("Paid in full")

    @pytest.mark.parametrize("method", [None, "cheque", "BANK"])
    def test_unknown_payment_method_is_a_named_error(self, method):
        """It fails with "No payment method found", as the original."""
        with pytest.raises(NotificationDataError, match="No payment method found"):
            accepted_claim_email(_accepted(payment_method=method), PRISONS)

    def test_unknown_expense_type_names_the_expense_id_only(self):
        """The error says which expense, not its contents."""
        odd = attrs.evolve(BUS, claim_expense_id=77, expense_type="hovercraft")
        with pytest.raises(NotificationDataError, match="claim expense 77"):
            accepted_claim_email(_accepted(expenses=(odd,)), PRISONS)


class TestRouteBenefitCheck:
    """DWP-CHECK's two paths."""

    @pytest.mark.parametrize(
        ("result", "benefit", "expected"),
        [
            (BenefitCheckResult.YES, "income-support", BenefitCheckRoute.AUTO_APPROVAL),
            (
                BenefitCheckResult.NO,
                "income-support",
                BenefitCheckRoute.REQUEST_INFORMATION,
            ),
            (
                BenefitCheckResult.UNDETERMINED,
                "pension-credit",
                BenefitCheckRoute.REQUEST_INFORMATION,
            ),
            (
                BenefitCheckResult.DECEASED,
                "jobseekers-allowance",
                BenefitCheckRoute.REQUEST_INFORMATION,
            ),
            (
                BenefitCheckResult.NO,
                "universal-credit",
                BenefitCheckRoute.AUTO_APPROVAL,
            ),
            (BenefitCheckResult.NO, None, BenefitCheckRoute.AUTO_APPROVAL),
            (
                BenefitCheckResult.NOT_RUN,
                "employment-support",
                BenefitCheckRoute.AUTO_APPROVAL,
            ),
        ],
    )
    def test_route(self, result, benefit, expected):
        """Evidence is asked for only when DWP said other than YES for its benefits."""
        assert expected == route_benefit_check(result, benefit)
