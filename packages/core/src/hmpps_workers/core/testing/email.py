"""An in-memory email sender: records sends, idempotent per reference, suppresses."""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Mapping

import attrs

from hmpps_workers.core.prison_visits.email.ports import (
    DEFAULT_DO_NOT_SEND,
    EmailRequest,
    SendOutcome,
    SendReceipt,
)
from hmpps_workers.core.testing.failures import FailureQueue


@attrs.frozen(kw_only=True)
class DeliveredEmail:
    """An email as the service received it."""

    notification_id: str
    template_id: str
    email_address: str = attrs.field(repr=False)
    personalisation: Mapping[str, str] = attrs.field(repr=False)
    reference: str


@attrs.define
class InMemoryEmailSender:
    """Behaves like NotifyEmailSender against Notify; inspect `delivered`."""

    do_not_send: str = DEFAULT_DO_NOT_SEND
    delivered: list[DeliveredEmail] = attrs.field(factory=list)
    failures: FailureQueue = attrs.field(factory=FailureQueue)
    _ids: itertools.count[int] = attrs.field(factory=itertools.count)
    _lock: threading.Lock = attrs.field(factory=threading.Lock)

    def send(self, request: EmailRequest) -> SendReceipt:
        """Record the email, unless suppressed or its reference was sent already."""
        if request.email_address.strip().lower() == self.do_not_send.lower():
            return SendReceipt(
                reference=request.reference, outcome=SendOutcome.SUPPRESSED
            )
        with self._lock:
            for earlier in self.delivered:
                if earlier.reference == request.reference:
                    return SendReceipt(
                        reference=request.reference,
                        outcome=SendOutcome.ALREADY_SENT,
                        notification_id=earlier.notification_id,
                    )
            self.failures.raise_next()
            email = DeliveredEmail(
                notification_id=str(uuid.UUID(int=next(self._ids) + 1)),
                template_id=request.template_id,
                email_address=request.email_address,
                personalisation=dict(request.personalisation),
                reference=request.reference,
            )
            self.delivered.append(email)
        return SendReceipt(
            reference=request.reference,
            outcome=SendOutcome.SENT,
            notification_id=email.notification_id,
        )

    def ping(self) -> None:
        """Fail if a failure is queued, else succeed."""
        self.failures.raise_next()
