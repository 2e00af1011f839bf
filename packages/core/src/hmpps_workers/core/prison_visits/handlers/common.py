"""What every prison-visits handler shares: the claim a task names, emails, errors."""

from __future__ import annotations

import enum
import logging
from collections.abc import Mapping

import attrs

from hmpps_workers.core.errors import InvalidTaskError, PermanentError
from hmpps_workers.core.prison_visits.claims.records import ClaimKey
from hmpps_workers.core.prison_visits.email.ports import (
    EmailRequest,
    EmailSender,
    SendReceipt,
)
from hmpps_workers.core.prison_visits.email.templates import Template
from hmpps_workers.core.prison_visits.notifications.content import EmailContent
from hmpps_workers.core.tasks.model import Completed, Task

log = logging.getLogger(__name__)


class StepType(enum.StrEnum):
    """Task types this worker adds, for steps the original ran inside another task.

    They are inserted into IntSchema.Task in the same transaction as the step before,
    so a failure between steps is retried instead of lost.
    """

    PRICE_CAR_JOURNEYS = "PRICE-CAR-JOURNEYS"
    AUTO_APPROVAL_CHECK = "AUTO-APPROVAL-CHECK"


class ClaimNotFoundError(PermanentError):
    """The task's claim no longer exists."""


def claim_key(task: Task) -> ClaimKey:
    """The claim the task names; InvalidTaskError when a column is missing."""
    missing = [
        name
        for name, value in (
            ("Reference", task.reference),
            ("EligibilityId", task.eligibility_id),
            ("ClaimId", task.claim_id),
        )
        if value is None or value == ""
    ]
    if missing:
        raise InvalidTaskError(f"{task.task} task has no {', '.join(missing)}")
    assert task.reference is not None  # noqa: S101 - narrowed above
    assert task.eligibility_id is not None  # noqa: S101
    assert task.claim_id is not None  # noqa: S101
    return ClaimKey(
        reference=task.reference.strip(),
        eligibility_id=task.eligibility_id,
        claim_id=task.claim_id,
    )


def require_claim_id(task: Task) -> int:
    """The ClaimId of a task that needs only that."""
    if task.claim_id is None:
        raise InvalidTaskError(f"{task.task} task has no ClaimId")
    return task.claim_id


def completed_if(applied: bool) -> Completed | None:  # noqa: FBT001 - apply's answer
    """The handler's answer when its writes completed its task (if they were made)."""
    return Completed.IN_TRANSACTION if applied else None


def task_reference(task: Task) -> str:
    """Notify's reference for the task's email: ids only, the same on every retry."""
    return f"hwpv-{task.schema}-{task.task_id}"


def _templates(value: Mapping[Template, str]) -> Mapping[Template, str]:
    return dict(value)


@attrs.define(kw_only=True)
class Mailer:
    """Sends one templated email with the configured template ids."""

    sender: EmailSender
    templates: Mapping[Template, str] = attrs.field(factory=dict, converter=_templates)

    def send(
        self, content: EmailContent, *, to: str, reference: str, task: Task
    ) -> SendReceipt:
        """Send `content` to `to`; a reference sent before is not sent again."""
        receipt = self.sender.send(
            EmailRequest(
                template_id=self.templates.get(
                    content.template, content.template.default_id
                ),
                email_address=to,
                personalisation=content.personalisation,
                reference=reference,
            )
        )
        log.info(
            "email %s",
            receipt.outcome,
            extra={
                "task": task.describe(),
                "template": content.template.name,
                "reference": reference,
            },
        )
        return receipt
