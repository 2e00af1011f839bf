"""The External site's requests that are not about a claim: alerts, help, reference."""

from __future__ import annotations

import logging

import attrs

from hmpps_workers.core.errors import InvalidTaskError
from hmpps_workers.core.prison_visits.additional_data import (
    recipient,
    reference_recovery,
    technical_help,
)
from hmpps_workers.core.prison_visits.claims.queries import FollowUpQueries
from hmpps_workers.core.prison_visits.handlers.common import Mailer, task_reference
from hmpps_workers.core.prison_visits.helpdesk.ports import (
    Helpdesk,
    technical_help_ticket,
)
from hmpps_workers.core.prison_visits.notifications.content import (
    Links,
    malware_alert_email,
    reference_recovery_email,
)
from hmpps_workers.core.prison_visits.task_types import TaskType
from hmpps_workers.core.tasks.model import Task

log = logging.getLogger(__name__)


@attrs.define(kw_only=True)
class MalwareAlert:
    """SEND-MALWARE-ALERT: the reference to the malware mailbox in AdditionalData."""

    mailer: Mailer

    def __call__(self, task: Task) -> None:
        """Send the alert."""
        to = recipient(TaskType.SEND_MALWARE_ALERT, task.additional_data)
        if not task.reference:
            raise InvalidTaskError(f"{task.task} task has no Reference")
        self.mailer.send(
            malware_alert_email(task.reference.strip()),
            to=to,
            reference=task_reference(task),
            task=task,
        )


@attrs.define(kw_only=True)
class ReferenceRecovery:
    """REFERENCE_RECOVERY: email a forgotten reference, if email and prisoner match."""

    claims: FollowUpQueries
    mailer: Mailer
    links: Links

    def __call__(self, task: Task) -> None:
        """Send the reference to the address asked from; no match sends nothing."""
        request = reference_recovery(task.additional_data)
        found = self.claims.recover_reference(
            email_address=request.email, prison_number=request.prison_number
        )
        if found is None:
            log.info("reference recovery: no match", extra={"task": task.describe()})
            return
        content = reference_recovery_email(
            reference=found.reference, first_name=found.first_name, links=self.links
        )
        self.mailer.send(
            content, to=request.email, reference=task_reference(task), task=task
        )


@attrs.define(kw_only=True)
class TechnicalHelp:
    """TECHNICAL_HELP_SUBMITTED: a helpdesk ticket, raised once per task."""

    helpdesk: Helpdesk
    test_mode: bool = True

    def __call__(self, task: Task) -> None:
        """Raise the ticket (a disabled helpdesk raises nothing, and succeeds)."""
        request = technical_help(task.additional_data)
        receipt = self.helpdesk.raise_ticket(
            technical_help_ticket(
                external_id=task_reference(task),
                name=request.name,
                email=request.email,
                issue=request.issue,
                test_mode=self.test_mode,
            )
        )
        log.info(
            "technical help ticket",
            extra={"task": task.describe(), "ticket_created": receipt.created},
        )
