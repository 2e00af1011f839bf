"""Sending templated emails (GOV.UK Notify in production), once per task."""

from hmpps_workers.core.prison_visits.email.ports import (
    EmailRequest,
    EmailSender,
    SendOutcome,
    SendReceipt,
)
from hmpps_workers.core.prison_visits.email.templates import Template

__all__ = ["EmailRequest", "EmailSender", "SendOutcome", "SendReceipt", "Template"]
