"""Reading a task's AdditionalData: one value, or `~~`-separated fields.

A malformed value raises InvalidTaskError naming the task type and what is wrong,
never the value itself: AdditionalData holds emails, names and free text.
"""

from __future__ import annotations

import enum
import re

import attrs

from hmpps_workers.core.errors import InvalidTaskError
from hmpps_workers.core.prison_visits.task_types import TaskType

SEPARATOR = "~~"
_EMAIL = re.compile(r"[^@\s~]+@[^@\s~]+")


class ReminderKind(enum.StrEnum):
    """The two advance-claim evidence reminders."""

    FIRST = "firstReminder"
    SECOND = "secondReminder"


@attrs.frozen(kw_only=True)
class AdvanceReminder:
    """`<email>~~firstReminder` or `<email>~~secondReminder`."""

    email: str = attrs.field(repr=False)
    kind: ReminderKind


@attrs.frozen(kw_only=True)
class TechnicalHelpRequest:
    """`<name>~~<email>~~<issue>` from the technical-help form."""

    name: str = attrs.field(repr=False)
    email: str = attrs.field(repr=False)
    issue: str = attrs.field(repr=False)


@attrs.frozen(kw_only=True)
class ReferenceRecoveryRequest:
    """`<email>~~<prisonNumber>` from the forgotten-reference form."""

    email: str = attrs.field(repr=False)
    prison_number: str = attrs.field(repr=False)


def _email(task: TaskType, text: str | None, what: str = "AdditionalData") -> str:
    value = (text or "").strip()
    if not _EMAIL.fullmatch(value):
        raise InvalidTaskError(f"{task} {what} is not an email address")
    return value


def recipient(task: TaskType, additional_data: str | None) -> str:
    """The one email address a notification task (or malware alert) is sent to."""
    return _email(task, additional_data)


def advance_reminder(additional_data: str | None) -> AdvanceReminder:
    """The recipient and which reminder; anything else is "Not valid reminder type"."""
    task = TaskType.ADVANCE_CLAIM_EVIDENCE_REMINDER_NOTIFICATION
    fields = (additional_data or "").split(SEPARATOR)
    if len(fields) != 2:  # noqa: PLR2004 - email and kind
        raise InvalidTaskError(f"{task} AdditionalData is not <email>~~<reminder>")
    try:
        kind = ReminderKind(fields[1].strip())
    except ValueError:
        raise InvalidTaskError(f"{task}: Not valid reminder type") from None
    return AdvanceReminder(email=_email(task, fields[0], "email"), kind=kind)


def technical_help(additional_data: str | None) -> TechnicalHelpRequest:
    """Name, email and issue; a `~~` inside the issue stays in it."""
    task = TaskType.TECHNICAL_HELP_SUBMITTED
    fields = (additional_data or "").split(SEPARATOR, 2)
    if len(fields) != 3:  # noqa: PLR2004 - name, email, issue
        raise InvalidTaskError(f"{task} AdditionalData is not <name>~~<email>~~<issue>")
    name, email, issue = fields
    # An empty name or issue is sent on, as the original did: the helpdesk decides.
    return TechnicalHelpRequest(
        name=name.strip(), email=_email(task, email, "email"), issue=issue
    )


def reference_recovery(additional_data: str | None) -> ReferenceRecoveryRequest:
    """The email asked from and the prison number to match."""
    task = TaskType.REFERENCE_RECOVERY
    fields = (additional_data or "").split(SEPARATOR)
    if len(fields) != 2 or not fields[1].strip():  # noqa: PLR2004 - email, number
        raise InvalidTaskError(f"{task} AdditionalData is not <email>~~<prisonNumber>")
    return ReferenceRecoveryRequest(
        email=_email(task, fields[0], "email"), prison_number=fields[1].strip()
    )


def claim_type(additional_data: str | None) -> str | None:
    """COMPLETE-CLAIM's claim type, recorded on CLAIM-SUBMITTED as given (or None)."""
    return additional_data.strip() or None if additional_data else None


def claimant_message(additional_data: str | None) -> str | None:
    """REQUEST-INFORMATION-RESPONSE's message; None when empty (no MESSAGE event)."""
    return additional_data or None
