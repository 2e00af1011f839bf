"""The EmailSender contract: what every email sender, fake or real, must do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, Protocol

from hmpps_workers.core.prison_visits.email.ports import (
    DEFAULT_DO_NOT_SEND,
    EmailRejectedError,
    EmailRequest,
    EmailSender,
    EmailUnavailableError,
    SendOutcome,
)
from hmpps_workers.core.testing.contracts.expect import raises
from hmpps_workers.core.testing.email import DeliveredEmail

Failure = Literal["rate-limit", "server-error", "bad-request", "forbidden"]
TEMPLATE = "508b23b3-3f1c-45c2-bdc7-db90e3fae8b0"
ADDRESS = "visitor.person@example.com"


class EmailEnvironment(Protocol):
    """What a contract test needs: the sender, what arrived, and failure injection."""

    sender: EmailSender

    def delivered(self) -> Sequence[DeliveredEmail]:
        """Every email the service accepted, in order."""
        ...

    def fail_next(self, failure: Failure) -> None:
        """Make the service's next send fail this way."""
        ...


def _request(reference: str = "IntSchema-1-submit", to: str = ADDRESS) -> EmailRequest:
    return EmailRequest(
        template_id=TEMPLATE,
        email_address=to,
        personalisation={"first_name": "Alex", "reference": "ABC1234"},
        reference=reference,
    )


class EmailSenderContract:
    """Tests every EmailSender must pass; subclasses provide an `email_env` fixture."""

    def test_a_send_delivers_the_template_with_its_personalisation(
        self, email_env: EmailEnvironment
    ) -> None:
        """The service receives template, address, personalisation and reference."""
        receipt = email_env.sender.send(_request())
        (email,) = email_env.delivered()
        assert (receipt.outcome, receipt.notification_id) == (
            SendOutcome.SENT,
            email.notification_id,
        )
        assert (email.template_id, email.email_address, email.reference) == (
            TEMPLATE,
            ADDRESS,
            "IntSchema-1-submit",
        )
        assert dict(email.personalisation) == {
            "first_name": "Alex",
            "reference": "ABC1234",
        }

    def test_a_repeated_reference_is_not_sent_twice(
        self, email_env: EmailEnvironment
    ) -> None:
        """A retried task gets the first receipt back and no second email."""
        first = email_env.sender.send(_request())
        again = email_env.sender.send(_request())
        assert (again.outcome, again.notification_id) == (
            SendOutcome.ALREADY_SENT,
            first.notification_id,
        )
        assert len(email_env.delivered()) == 1

    def test_different_references_are_separate_emails(
        self, email_env: EmailEnvironment
    ) -> None:
        """Idempotency is per reference, not per address."""
        email_env.sender.send(_request("IntSchema-1-submit"))
        email_env.sender.send(_request("IntSchema-2-submit"))
        assert len(email_env.delivered()) == 2

    def test_the_do_not_send_address_is_suppressed(
        self, email_env: EmailEnvironment
    ) -> None:
        """Mail to APVS_NOTIFY_DO_NOT_SEND_EMAIL is dropped and the send succeeds."""
        receipt = email_env.sender.send(_request(to=DEFAULT_DO_NOT_SEND.upper()))
        assert (receipt.outcome, list(email_env.delivered())) == (
            SendOutcome.SUPPRESSED,
            [],
        )

    def _test_rate_limits_and_server_errors_are_retryable(
        self, email_env: EmailEnvironment, failure: Failure
    ) -> None:
        """429 and 5xx raise EmailUnavailableError, and a later try succeeds."""
        email_env.fail_next(failure)
        with raises(EmailUnavailableError) as raised:
            email_env.sender.send(_request())
        assert ADDRESS not in str(raised.value)
        assert email_env.sender.send(_request()).outcome == SendOutcome.SENT
        assert len(email_env.delivered()) == 1

    def _test_refusals_are_permanent(
        self, email_env: EmailEnvironment, failure: Failure
    ) -> None:
        """400 and 403 raise EmailRejectedError without the address in the text."""
        email_env.fail_next(failure)
        with raises(EmailRejectedError) as raised:
            email_env.sender.send(_request())
        assert ADDRESS not in str(raised.value)
        assert list(email_env.delivered()) == []

    def test_a_rate_limit_is_retryable(self, email_env: EmailEnvironment) -> None:
        """429 is retryable; a later try sends once."""
        self._test_rate_limits_and_server_errors_are_retryable(email_env, "rate-limit")

    def test_a_server_error_is_retryable(self, email_env: EmailEnvironment) -> None:
        """5xx is retryable; a later try sends once."""
        self._test_rate_limits_and_server_errors_are_retryable(
            email_env, "server-error"
        )

    def test_a_bad_request_is_permanent(self, email_env: EmailEnvironment) -> None:
        """400 is permanent and names no address."""
        self._test_refusals_are_permanent(email_env, "bad-request")

    def test_a_forbidden_key_is_permanent(self, email_env: EmailEnvironment) -> None:
        """403 is permanent and names no address."""
        self._test_refusals_are_permanent(email_env, "forbidden")

    def test_ping_succeeds_when_the_service_is_up(
        self, email_env: EmailEnvironment
    ) -> None:
        """A healthy service answers the health check."""
        email_env.sender.ping()
