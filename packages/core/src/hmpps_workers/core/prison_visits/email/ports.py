"""The email port: one templated email per request, never twice for one reference."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Protocol

import attrs

from hmpps_workers.core.errors import PermanentError, RetryableError

DEFAULT_DO_NOT_SEND = "donotsend@apvs.com"


class EmailUnavailableError(RetryableError):
    """The email service is unavailable or rate-limiting; try again later."""


class EmailRejectedError(PermanentError):
    """The email service refused the request; sending it again will not help."""


def _frozen_mapping(value: Mapping[str, str]) -> Mapping[str, str]:
    return dict(value)


@attrs.frozen(kw_only=True)
class EmailRequest:
    """One email from a template.

    `reference` identifies the send: a retried task passes the same reference, and the
    sender returns the earlier receipt instead of emailing again. It is visible to the
    email service's operators, so it carries ids only (say `IntSchema-42-accept`).
    """

    template_id: str = attrs.field(validator=attrs.validators.min_len(1))
    email_address: str = attrs.field(repr=False)
    personalisation: Mapping[str, str] = attrs.field(
        factory=dict, converter=_frozen_mapping, repr=False
    )
    reference: str = attrs.field(validator=attrs.validators.min_len(1))


class SendOutcome(enum.StrEnum):
    """What happened to a request."""

    SENT = "sent"
    ALREADY_SENT = "already-sent"
    SUPPRESSED = "suppressed"


@attrs.frozen(kw_only=True)
class SendReceipt:
    """The result of a send: the service's id for the email, if one was sent."""

    reference: str
    outcome: SendOutcome
    notification_id: str | None = None


class EmailSender(Protocol):
    """Sends templated emails, once per reference, honouring the suppression address.

    Raises EmailUnavailableError (retryable) or EmailRejectedError (permanent); neither
    carries the email address or the personalisation.
    """

    def send(self, request: EmailRequest) -> SendReceipt:
        """Send `request` unless its reference was sent already or it is suppressed."""
        ...

    def ping(self) -> None:
        """Check the service answers and accepts our credentials, or raise."""
        ...
