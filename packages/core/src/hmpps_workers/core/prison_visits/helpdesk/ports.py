"""The helpdesk port, the technical-help ticket the original raises, its off switch."""

from __future__ import annotations

import logging
from typing import Protocol

import attrs

from hmpps_workers.core.errors import PermanentError, RetryableError

log = logging.getLogger(__name__)

SUBMITTER_ID = 114198238551
TECHNICAL_HELP_SUBJECT = "Help With Prison Visits - Help"
TAG = "HelpWithPrisonVisits"
TEST_TAG = "Test"
TEST_PREFIX = "Test: "


class HelpdeskUnavailableError(RetryableError):
    """The helpdesk is unavailable or rate-limiting; try again later."""


class HelpdeskRejectedError(PermanentError):
    """The helpdesk refused the ticket or our credentials."""


@attrs.frozen(kw_only=True)
class Ticket:
    """A ticket to raise; `external_id` makes raising it again a no-op."""

    external_id: str = attrs.field(validator=attrs.validators.min_len(1))
    subject: str
    body: str = attrs.field(repr=False)
    requester_name: str = attrs.field(repr=False)
    requester_email: str = attrs.field(repr=False)
    tags: tuple[str, ...] = (TAG,)
    submitter_id: int = SUBMITTER_ID


@attrs.frozen(kw_only=True)
class TicketReceipt:
    """The helpdesk's id for the ticket; `created` is False if it already existed."""

    ticket_id: int | None
    created: bool


def technical_help_ticket(
    *, external_id: str, name: str, email: str, issue: str, test_mode: bool
) -> Ticket:
    """The ticket the original raises for TECHNICAL_HELP_SUBMITTED.

    In test mode (`APVS_ZENDESK_TEST_ENVIRONMENT`) the subject gets "Test: " and the
    tag "Test" is added, so helpdesk staff can tell test tickets apart.
    """
    return Ticket(
        external_id=external_id,
        subject=(TEST_PREFIX if test_mode else "") + TECHNICAL_HELP_SUBJECT,
        body=issue,
        requester_name=name,
        requester_email=email,
        tags=(TAG, TEST_TAG) if test_mode else (TAG,),
    )


class Helpdesk(Protocol):
    """Raises support tickets, once per external id.

    Raises HelpdeskUnavailableError (retryable) or HelpdeskRejectedError (permanent);
    neither carries the requester's name, email or the ticket text.
    """

    def raise_ticket(self, ticket: Ticket) -> TicketReceipt:
        """Create `ticket` unless one with its external id exists already."""
        ...

    def ping(self) -> None:
        """Check the helpdesk answers and accepts our credentials, or raise."""
        ...


@attrs.define
class DisabledHelpdesk:
    """The helpdesk when `APVS_ZENDESK_ENABLED` is not true: raise nothing, succeed."""

    def raise_ticket(self, ticket: Ticket) -> TicketReceipt:
        """Log that no ticket was raised (by external id only) and succeed."""
        log.info(
            "helpdesk disabled: no ticket raised", extra={"ticket": ticket.external_id}
        )
        return TicketReceipt(ticket_id=None, created=False)

    def ping(self) -> None:
        """Nothing to reach."""
