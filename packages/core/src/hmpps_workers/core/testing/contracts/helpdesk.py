"""The Helpdesk contract: what every helpdesk adapter, fake or real, must do."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, Protocol

from hmpps_workers.core.prison_visits.helpdesk.ports import (
    Helpdesk,
    HelpdeskRejectedError,
    HelpdeskUnavailableError,
    Ticket,
    technical_help_ticket,
)
from hmpps_workers.core.testing.contracts.expect import raises

Failure = Literal["rate-limit", "server-error", "unauthorised", "invalid"]
EMAIL = "visitor.person@example.com"


class HelpdeskEnvironment(Protocol):
    """What a contract test needs: the helpdesk, its tickets, failure injection."""

    helpdesk: Helpdesk

    def tickets(self) -> Mapping[int, Ticket]:
        """Every ticket the helpdesk holds, by id."""
        ...

    def fail_next(self, failure: Failure) -> None:
        """Make the helpdesk's next ticket creation fail this way."""
        ...


def _ticket(external_id: str = "IntSchema-7", *, test_mode: bool = False) -> Ticket:
    return technical_help_ticket(
        external_id=external_id,
        name="Alex Visitor",
        email=EMAIL,
        issue="Reference number: ABC1234\n\nDate of Claim: 1/2/2026\n\nHelp",
        test_mode=test_mode,
    )


class HelpdeskContract:
    """Tests every Helpdesk must pass; subclasses provide a `helpdesk_env` fixture."""

    def test_a_ticket_is_raised_with_requester_subject_body_and_tags(
        self, helpdesk_env: HelpdeskEnvironment
    ) -> None:
        """The helpdesk holds what we sent."""
        receipt = helpdesk_env.helpdesk.raise_ticket(_ticket(test_mode=True))
        stored = helpdesk_env.tickets()[receipt.ticket_id or 0]
        assert receipt.created
        assert (stored.subject, stored.tags, stored.requester_email) == (
            "Test: Help With Prison Visits - Help",
            ("HelpWithPrisonVisits", "Test"),
            EMAIL,
        )
        assert stored.body == _ticket().body

    def test_raising_the_same_ticket_again_is_a_no_op(
        self, helpdesk_env: HelpdeskEnvironment
    ) -> None:
        """A retried task finds its ticket by external id."""
        first = helpdesk_env.helpdesk.raise_ticket(_ticket())
        again = helpdesk_env.helpdesk.raise_ticket(_ticket())
        assert (again.ticket_id, again.created) == (first.ticket_id, False)
        assert len(helpdesk_env.tickets()) == 1

    def _test_rate_limits_and_server_errors_are_retryable(
        self, helpdesk_env: HelpdeskEnvironment, failure: Failure
    ) -> None:
        """429 and 5xx: try again later."""
        helpdesk_env.fail_next(failure)
        with raises(HelpdeskUnavailableError) as raised:
            helpdesk_env.helpdesk.raise_ticket(_ticket())
        assert EMAIL not in str(raised.value)
        assert helpdesk_env.helpdesk.raise_ticket(_ticket()).created

    def _test_refusals_are_permanent(
        self, helpdesk_env: HelpdeskEnvironment, failure: Failure
    ) -> None:
        """Bad credentials or an invalid ticket will not heal."""
        helpdesk_env.fail_next(failure)
        with raises(HelpdeskRejectedError) as raised:
            helpdesk_env.helpdesk.raise_ticket(_ticket())
        assert EMAIL not in str(raised.value)

    def test_a_rate_limit_is_retryable(self, helpdesk_env: HelpdeskEnvironment) -> None:
        """429 is retryable; a later try raises the ticket."""
        self._test_rate_limits_and_server_errors_are_retryable(
            helpdesk_env, "rate-limit"
        )

    def test_a_server_error_is_retryable(
        self, helpdesk_env: HelpdeskEnvironment
    ) -> None:
        """5xx is retryable; a later try raises the ticket."""
        self._test_rate_limits_and_server_errors_are_retryable(
            helpdesk_env, "server-error"
        )

    def test_bad_credentials_are_permanent(
        self, helpdesk_env: HelpdeskEnvironment
    ) -> None:
        """401 is permanent and names no requester."""
        self._test_refusals_are_permanent(helpdesk_env, "unauthorised")

    def test_an_invalid_ticket_is_permanent(
        self, helpdesk_env: HelpdeskEnvironment
    ) -> None:
        """422 is permanent and names no requester."""
        self._test_refusals_are_permanent(helpdesk_env, "invalid")

    def test_ping_succeeds_when_the_helpdesk_is_up(
        self, helpdesk_env: HelpdeskEnvironment
    ) -> None:
        """A healthy helpdesk answers the health check."""
        helpdesk_env.helpdesk.ping()
