"""An in-memory helpdesk: records tickets, one per external id."""

from __future__ import annotations

import threading

import attrs

from hmpps_workers.core.prison_visits.helpdesk.ports import Ticket, TicketReceipt
from hmpps_workers.core.testing.failures import FailureQueue


@attrs.define
class InMemoryHelpdesk:
    """Behaves like ZendeskHelpdesk against Zendesk; inspect `tickets` (id → ticket)."""

    tickets: dict[int, Ticket] = attrs.field(factory=dict)
    failures: FailureQueue = attrs.field(factory=FailureQueue)
    _lock: threading.Lock = attrs.field(factory=threading.Lock)

    def raise_ticket(self, ticket: Ticket) -> TicketReceipt:
        """Record `ticket` unless its external id is known."""
        with self._lock:
            for ticket_id, earlier in self.tickets.items():
                if earlier.external_id == ticket.external_id:
                    return TicketReceipt(ticket_id=ticket_id, created=False)
            self.failures.raise_next()
            ticket_id = len(self.tickets) + 1
            self.tickets[ticket_id] = ticket
        return TicketReceipt(ticket_id=ticket_id, created=True)

    def ping(self) -> None:
        """Fail if a failure is queued, else succeed."""
        self.failures.raise_next()
