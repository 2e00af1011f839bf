"""NotifyEmailSender: the email port on GOV.UK Notify, idempotent through references.

Notify has no idempotency key, but it keeps every email's `reference` and lists
emails by reference for seven days. Before sending, the sender asks for its reference:
if Notify has it, the email went out on an earlier attempt (perhaps one whose answer
was lost) and is not sent again.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any, Protocol

import attrs
import requests
from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from hmpps_workers.adapters.bounded_http import (
    DEFAULT_MAX_RESPONSE_BYTES,
    ResponseTooLargeError,
    bound,
)
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.email.ports import (
    DEFAULT_DO_NOT_SEND,
    EmailRejectedError,
    EmailRequest,
    EmailUnavailableError,
    SendOutcome,
    SendReceipt,
)
from hmpps_workers.core.redaction import redact

log = logging.getLogger(__name__)

DEFAULT_URL = "https://api.notifications.service.gov.uk"
PING_REFERENCE = "hmpps-workers-ping"
_RETRYABLE_BELOW = 500
_RATE_LIMITED = 429


def _describe(error: APIError) -> str:
    """Notify's own error text, redacted: it names fields, but never trust that."""
    message = error.message
    if isinstance(message, list):
        message = "; ".join(
            f"{item.get('error', '')}: {item.get('message', '')}"
            for item in message
            if isinstance(item, dict)
        )
    return redact(str(message))[:300]


def translate(
    error: APIError, action: str
) -> EmailUnavailableError | EmailRejectedError:
    """429, 5xx and connection failures (503) are retryable; the rest permanent."""
    status = error.status_code
    text = f"Notify {status} while trying to {action}: {_describe(error)}"
    if status == _RATE_LIMITED or status >= _RETRYABLE_BELOW:
        return EmailUnavailableError(text)
    return EmailRejectedError(text)


class NotifyClient(Protocol):
    """The part of NotificationsAPIClient we use (the client is untyped)."""

    def send_email_notification(  # noqa: D102
        self,
        email_address: str,
        template_id: str,
        personalisation: dict[str, str] | None = None,
        reference: str | None = None,
    ) -> dict[str, Any]: ...

    def get_all_notifications(  # noqa: D102
        self, *, reference: str | None = None, template_type: str | None = None
    ) -> dict[str, Any]: ...


_client_factory: Callable[..., NotifyClient] = NotificationsAPIClient


_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_API_KEY = re.compile(rf".+-{_UUID}-{_UUID}", re.IGNORECASE)


def check_api_key(api_key: str) -> None:
    """Refuse a key that is not `<name>-<service id>-<secret>` before the client does.

    The Notify client takes the service id and secret from fixed positions and fails
    with a bare assertion otherwise; this names the setting and never the value.
    """
    if not _API_KEY.fullmatch(api_key.strip()):
        raise ConfigurationError(
            "APVS_NOTIFY_API_KEY is not a GOV.UK Notify API key (expected"
            " <key name>-<service id>-<secret key>, both ids UUIDs)"
        )


@attrs.define
class NotifyEmailSender:
    """The email port on notifications-python-client (one client per worker thread)."""

    client: NotifyClient
    do_not_send: str = DEFAULT_DO_NOT_SEND

    @classmethod
    def create(
        cls,
        *,
        api_key: str,
        base_url: str = DEFAULT_URL,
        timeout: timedelta = timedelta(seconds=10),
        do_not_send: str = DEFAULT_DO_NOT_SEND,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> NotifyEmailSender:
        """A sender for the service the combined `api_key` belongs to."""
        check_api_key(api_key)
        client = _client_factory(
            api_key, base_url=base_url, timeout=timeout.total_seconds()
        )
        session = getattr(client, "request_session", None)
        if isinstance(session, requests.Session):
            bound(session, max_response_bytes)
        return cls(client=client, do_not_send=do_not_send)

    def send(self, request: EmailRequest) -> SendReceipt:
        """Send once per reference; suppress the do-not-send address."""
        if request.email_address.strip().lower() == self.do_not_send.strip().lower():
            log.info("email suppressed", extra={"reference": request.reference})
            return SendReceipt(
                reference=request.reference, outcome=SendOutcome.SUPPRESSED
            )
        earlier = self._find(request.reference)
        if earlier is not None:
            log.info("email already sent", extra={"reference": request.reference})
            return SendReceipt(
                reference=request.reference,
                outcome=SendOutcome.ALREADY_SENT,
                notification_id=str(earlier["id"]),
            )
        try:
            response = self.client.send_email_notification(
                email_address=request.email_address,
                template_id=request.template_id,
                personalisation=dict(request.personalisation) or None,
                reference=request.reference,
            )
        except APIError as error:
            raise translate(error, "send an email") from None
        except ResponseTooLargeError as error:
            raise EmailRejectedError(
                f"Notify, trying to send an email: {error}"
            ) from None
        log.info(
            "email sent",
            extra={"reference": request.reference, "template": request.template_id},
        )
        return SendReceipt(
            reference=request.reference,
            outcome=SendOutcome.SENT,
            notification_id=str(response["id"]),
        )

    def _find(self, reference: str) -> dict[str, Any] | None:
        try:
            found = self.client.get_all_notifications(
                reference=reference, template_type="email"
            )
        except APIError as error:
            raise translate(error, "look up earlier emails") from None
        except ResponseTooLargeError as error:
            raise EmailRejectedError(
                f"Notify, trying to look up earlier emails: {error}"
            ) from None
        for notification in found.get("notifications") or ():
            if notification.get("reference") == reference:
                return dict(notification)
        return None

    def ping(self) -> None:
        """An authenticated read: proves reachability, the key and the clock."""
        try:
            self.client.get_all_notifications(reference=PING_REFERENCE)
        except APIError as error:
            raise translate(error, "ping") from None
        except ResponseTooLargeError as error:
            raise EmailRejectedError(f"Notify, trying to ping: {error}") from None
