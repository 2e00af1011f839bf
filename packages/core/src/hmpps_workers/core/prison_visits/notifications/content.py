"""Template choice and personalisation for the claimant emails built from few fields."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

import attrs

from hmpps_workers.core.clock import UK, require_aware
from hmpps_workers.core.errors import InvalidTaskError, PermanentError
from hmpps_workers.core.prison_visits.additional_data import ReminderKind
from hmpps_workers.core.prison_visits.claims.values import PENNY
from hmpps_workers.core.prison_visits.email.templates import Template
from hmpps_workers.core.prison_visits.task_types import TaskType

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

REQUEST_INFO_TEMPLATES: dict[TaskType, Template] = {
    TaskType.SEND_CLAIM_NOTIFICATION: Template.SUBMIT_CLAIM,
    TaskType.REJECT_CLAIM_NOTIFICATION: Template.REJECTED_CLAIM,
    TaskType.REQUEST_INFORMATION_CLAIM_NOTIFICATION: Template.REQUEST_INFORMATION_CLAIM,
    TaskType.DWP_FAILED_NOTIFICATION: Template.REQUEST_INFORMATION_CLAIM,
    TaskType.REQUEST_INFORMATION_RESPONSE_SUBMITTED_NOTIFICATION: (
        Template.REQUEST_INFORMATION_RESPONSE_SUBMITTED
    ),
    TaskType.SEND_REQUEST_INFORMATION_REMINDER_NOTIFICATION: (
        Template.REQUEST_INFORMATION_REMINDER
    ),
}
"""Claimant emails personalised with first_name, reference and requestInfoUrl."""

REMINDER_TEMPLATES = {
    ReminderKind.FIRST: Template.ADVANCE_CLAIM_EVIDENCE_REMINDER,
    ReminderKind.SECOND: Template.ADVANCE_CLAIM_SECOND_EVIDENCE_REMINDER,
}


class NotificationDataError(PermanentError):
    """The claim's data cannot be put into its email."""


def _frozen(value: Mapping[str, str]) -> Mapping[str, str]:
    return dict(value)


@attrs.frozen(kw_only=True)
class EmailContent:
    """A template and the values it is filled with."""

    template: Template
    personalisation: Mapping[str, str] = attrs.field(converter=_frozen, repr=False)


@attrs.frozen(kw_only=True)
class Links:
    """The External site's links: its address and two paths on it."""

    service_url: str = "https://help-with-prison-visits-dev.service.justice.gov.uk"
    already_registered_path: str = "/start-already-registered"
    technical_help_path: str = "/technical-help"

    @property
    def request_info_url(self) -> str:
        """Where a claimant signs in to answer (also `registeredUrl`)."""
        return self.service_url + self.already_registered_path

    @property
    def technical_help_url(self) -> str:
        """The technical-help form."""
        return self.service_url + self.technical_help_path


def pounds(amount: Decimal) -> str:
    """The amount in pounds to the penny, rounded half up, after a pound sign."""
    return f"£{amount.quantize(PENNY, ROUND_HALF_UP)}"


def long_date(instant: datetime) -> str:
    """The UK calendar day as "5 September 2021" (moment's `D MMMM YYYY`)."""
    day = require_aware(instant).astimezone(UK).date()
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def claim_email(
    task: TaskType, *, first_name: str, reference: str, links: Links
) -> EmailContent:
    """The email of a claim-status notification task, other than accept and reminder."""
    personalisation = {"first_name": first_name, "reference": reference}
    if task is TaskType.UPDATED_CONTACT_DETAILS_CLAIM_NOTIFICATION:
        return EmailContent(
            template=Template.UPDATE_CONTACT_DETAILS,
            personalisation=personalisation
            | {"technicalHelpUrl": links.technical_help_url},
        )
    template = REQUEST_INFO_TEMPLATES.get(task)
    if template is None:
        raise InvalidTaskError(f"{task} has no claim-status email")
    return EmailContent(
        template=template,
        personalisation=personalisation | {"requestInfoUrl": links.request_info_url},
    )


def advance_reminder_email(
    kind: ReminderKind,
    *,
    first_name: str,
    reference: str,
    date_of_journey: datetime,
    links: Links,
) -> EmailContent:
    """The first or second advance-claim evidence reminder."""
    return EmailContent(
        template=REMINDER_TEMPLATES[kind],
        personalisation={
            "reference": reference,
            "requestInfoUrl": links.request_info_url,
            "dateOfJourney": long_date(date_of_journey),
            "first_name": first_name,
        },
    )


def malware_alert_email(reference: str) -> EmailContent:
    """The alert to the malware mailbox: the reference only."""
    return EmailContent(
        template=Template.MALWARE_UPLOAD, personalisation={"reference": reference}
    )


def reference_recovery_email(
    *, reference: str, first_name: str, links: Links
) -> EmailContent:
    """The forgotten-reference email (its key is `firstname`, no underscore)."""
    return EmailContent(
        template=Template.SEND_REFERENCE_RECOVERY,
        personalisation={
            "reference": reference,
            "firstname": first_name,
            "registeredUrl": links.request_info_url,
        },
    )
