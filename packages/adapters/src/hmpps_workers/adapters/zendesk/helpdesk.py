"""ZendeskHelpdesk: the helpdesk port on Zendesk's Tickets API, once per external id.

The original (after 2021-12) POSTs `/api/v2/tickets.json` with HTTP Basic auth as
`<email>/token` and the API token. This adapter also sets the ticket's `external_id`
and looks it up first, so a retried task never raises a second ticket. Zendesk's
validation errors can quote the requester, so only its error code reaches our text.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import attrs
import requests

from hmpps_workers.adapters import logsafety
from hmpps_workers.adapters.bounded_http import (
    DEFAULT_MAX_RESPONSE_BYTES,
    ResponseTooLargeError,
    bound,
)
from hmpps_workers.core.prison_visits.helpdesk.ports import (
    HelpdeskRejectedError,
    HelpdeskUnavailableError,
    Ticket,
    TicketReceipt,
)

log = logging.getLogger(__name__)

_RATE_LIMITED, _SERVER_ERROR = 429, 500
_OK = (200, 201)


@attrs.frozen(kw_only=True)
class ZendeskSettings:
    """The `APVS_ZENDESK_*` URL and credentials, a timeout and a size cap."""

    url: str
    email_address: str = attrs.field(repr=False)
    api_key: str = attrs.field(repr=False)
    timeout: timedelta = timedelta(seconds=10)
    max_response_bytes: int = attrs.field(
        default=DEFAULT_MAX_RESPONSE_BYTES, validator=attrs.validators.ge(1)
    )


def _code(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return "no JSON"
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        error = error.get("title")
    return str(error or "unknown")[:60]


@attrs.define
class ZendeskHelpdesk:
    """The helpdesk port on Zendesk."""

    settings: ZendeskSettings
    session: requests.Session = attrs.field(factory=requests.Session)

    def __attrs_post_init__(self) -> None:
        """Authenticate every request; cap answer sizes; quieten urllib3."""
        logsafety.install()
        bound(self.session, self.settings.max_response_bytes)
        self.session.auth = (
            f"{self.settings.email_address}/token",
            self.settings.api_key,
        )

    def _request(self, method: str, path: str, action: str, **kwargs: Any) -> Any:  # noqa: ANN401 - JSON
        url = self.settings.url.rstrip("/") + path
        try:
            response = self.session.request(
                method, url, timeout=self.settings.timeout.total_seconds(), **kwargs
            )
        except ResponseTooLargeError as error:
            raise HelpdeskRejectedError(f"Zendesk ({action}): {error}") from None
        except requests.Timeout:
            raise HelpdeskUnavailableError(f"Zendesk timed out ({action})") from None
        except requests.RequestException as error:
            raise HelpdeskUnavailableError(
                f"Zendesk unreachable ({action}, {type(error).__name__})"
            ) from None
        if response.status_code in _OK:
            try:
                return response.json()
            except ValueError:
                raise HelpdeskUnavailableError(
                    f"Zendesk answer is not JSON ({action})"
                ) from None
        status = response.status_code
        text = f"Zendesk {status} ({action}): {_code(response)}"
        if status == _RATE_LIMITED or status >= _SERVER_ERROR:
            raise HelpdeskUnavailableError(text)
        raise HelpdeskRejectedError(text)

    def raise_ticket(self, ticket: Ticket) -> TicketReceipt:
        """Find the ticket by external id, or create it."""
        found = self._request(
            "GET",
            "/api/v2/tickets.json",
            "find ticket",
            params={"external_id": ticket.external_id},
        )
        for existing in found.get("tickets") or ():
            if existing.get("external_id") == ticket.external_id:
                log.info("ticket already raised", extra={"ticket": ticket.external_id})
                return TicketReceipt(ticket_id=int(existing["id"]), created=False)
        created = self._request(
            "POST",
            "/api/v2/tickets.json",
            "create ticket",
            json={
                "ticket": {
                    "external_id": ticket.external_id,
                    "submitter_id": ticket.submitter_id,
                    "requester": {
                        "name": ticket.requester_name,
                        "email": ticket.requester_email,
                        "verified": True,
                    },
                    "subject": ticket.subject,
                    "comment": {"body": ticket.body},
                    "tags": list(ticket.tags),
                }
            },
        )
        ticket_id = int(created["ticket"]["id"])
        log.info(
            "ticket raised",
            extra={"ticket": ticket.external_id, "zendesk_id": ticket_id},
        )
        return TicketReceipt(ticket_id=ticket_id, created=True)

    def ping(self) -> None:
        """GET the authenticated user: proves reachability and credentials."""
        self._request("GET", "/api/v2/users/me.json", "ping")
