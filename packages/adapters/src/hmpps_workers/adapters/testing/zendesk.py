"""A fake Zendesk: the Tickets API with HTTP Basic token auth, in Zendesk's shapes."""

from __future__ import annotations

import base64
import binascii
import secrets
from typing import Any

from hmpps_workers.adapters.testing.http import FakeServer, Request, Response

TICKETS = "/api/v2/tickets.json"
FAILURES = {
    "rate-limit": (429, {"error": "TooManyRequests"}),
    "server-error": (503, {"error": "ServiceUnavailable"}),
    "unauthorised": (401, {"error": "Couldn't authenticate you"}),
    "invalid": (
        422,
        {
            "error": "RecordInvalid",
            "description": "Record validation errors",
            "details": {"requester": [{"description": "Requester is invalid"}]},
        },
    ),
}


class FakeZendesk(FakeServer):
    """One Zendesk account: `email_address` and `api_key` are its credentials."""

    name = "zendesk"

    def __init__(
        self,
        *,
        email_address: str = "hwpv-fake@example.com",
        api_key: str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        """A fake accepting `<email_address>/token` with `api_key`."""
        super().__init__(host=host, port=port)
        self.email_address = email_address
        self.api_key = api_key or secrets.token_urlsafe(24)
        self.tickets: dict[int, dict[str, Any]] = {}

    def _authorised(self, request: Request) -> bool:
        header = request.headers.get("authorization", "")
        if not header.startswith("Basic "):
            return False
        try:
            decoded = base64.b64decode(header.removeprefix("Basic ")).decode()
        except (binascii.Error, UnicodeDecodeError):
            return False
        return decoded == f"{self.email_address}/token:{self.api_key}"

    def handle(self, request: Request) -> Response:  # noqa: PLR0911 - a router
        """Route as Zendesk's API does."""
        if not self._authorised(request):
            return Response.json(*FAILURES["unauthorised"])
        if request.path == "/api/v2/users/me.json":
            return Response.json(200, {"user": {"id": 1, "email": self.email_address}})
        if request.path != TICKETS:
            return Response.json(404, {"error": "InvalidEndpoint"})
        if request.method == "GET":
            wanted = request.param("external_id")
            found = [
                t for t in self.tickets.values() if wanted in {None, t["external_id"]}
            ]
            return Response.json(200, {"tickets": found, "count": len(found)})
        failure = self.take_failure()
        if failure:
            return Response.json(*FAILURES[failure])
        try:
            ticket = dict(request.json()["ticket"])
            body = str(ticket["comment"]["body"])
        except (ValueError, KeyError, TypeError):
            return Response.json(400, {"error": "InvalidValue"})
        ticket_id = len(self.tickets) + 1
        ticket.update(id=ticket_id, description=body, status="new")
        self.tickets[ticket_id] = ticket
        return Response.json(201, {"ticket": ticket})
