"""Support tickets for technical-help submissions (Zendesk in production)."""

from hmpps_workers.core.prison_visits.helpdesk.ports import (
    DisabledHelpdesk,
    Helpdesk,
    Ticket,
    TicketReceipt,
    technical_help_ticket,
)

__all__ = [
    "DisabledHelpdesk",
    "Helpdesk",
    "Ticket",
    "TicketReceipt",
    "technical_help_ticket",
]
