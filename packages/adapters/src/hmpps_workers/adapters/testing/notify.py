"""A fake GOV.UK Notify: checks the client's JWT as Notify does, records emails.

It speaks Notify's v2 API for email (`POST /v2/notifications/email`, `GET
/v2/notifications`, `GET /v2/notifications/<id>`), answers in Notify's shapes and error
format, and can be told to answer 429, 500, 400 or 403, or to send and then answer
500 (`lost-answer`: the email went, the caller cannot know it).
`GET /_fake/notifications` lists what was sent, for a developer running the worker.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from hmpps_workers.adapters.testing.http import FakeServer, Request, Response

CLOCK_WINDOW_SECONDS = 30
FAILURES = {
    "rate-limit": (
        429,
        "RateLimitError",
        "Exceeded rate limit for key type TEAM of 10 requests per 10 seconds",
    ),
    "server-error": (500, "Exception", "Internal server error"),
    "bad-request": (
        400,
        "BadRequestError",
        "Can't send to this recipient using a team-only API key",
    ),
    "forbidden": (403, "AuthError", "Invalid token: API key not found"),
}


def _error(status: int, error: str, message: str) -> Response:
    return Response.json(
        status,
        {"status_code": status, "errors": [{"error": error, "message": message}]},
    )


def _b64decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _is_uuid(value: object) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


class FakeNotify(FakeServer):
    """Notify for one service; `api_key` is what the client should be given."""

    name = "notify"

    def __init__(
        self,
        *,
        service_id: str = "26785a09-ab16-4eb0-8407-a37497a57506",
        secret: str = "3d844edf-8d35-48ac-975b-e847b4f122b0",  # noqa: S107 - fake
        now: Callable[[], float] = time.time,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        """A fake for the service `service_id` whose key secret is `secret`."""
        super().__init__(host=host, port=port)
        self.service_id = service_id
        self.secret = secret
        self.now = now
        self.sent: list[dict[str, Any]] = []

    @property
    def api_key(self) -> str:
        """A combined API key in Notify's `name-serviceid-secret` format."""
        return f"hmpps_workers_fake-{self.service_id}-{self.secret}"

    def check_token(self, authorization: str | None) -> str | None:  # noqa: PLR0911
        """Why the bearer token is refused (Notify's wording), or None if it is good."""
        if not authorization or not authorization.startswith("Bearer "):
            return "Unauthorized: authentication token must be provided"
        token = authorization.removeprefix("Bearer ").strip()
        try:
            header_part, claims_part, signature_part = token.split(".")
            header = json.loads(_b64decode(header_part))
            claims = json.loads(_b64decode(claims_part))
            signature = _b64decode(signature_part)
        except (ValueError, binascii.Error):
            return "Invalid token: signature, api token not found"
        if header.get("alg") != "HS256":
            return "Invalid token: algorithm used is not HS256"
        if "iss" not in claims:
            return "Invalid token: iss field not provided"
        if claims["iss"] != self.service_id:
            return "Invalid token: service not found"
        expected = hmac.new(
            self.secret.encode(),
            f"{header_part}.{claims_part}".encode(),
            hashlib.sha256,
        ).digest()
        if not hmac.compare_digest(expected, signature):
            return "Invalid token: signature, api token not found"
        issued = claims.get("iat")
        if not isinstance(issued, int | float):
            return "Invalid token: iat field not provided"
        if abs(self.now() - issued) > CLOCK_WINDOW_SECONDS:
            return "Error: Your system clock must be accurate to within 30 seconds"
        return None

    def handle(self, request: Request) -> Response:  # noqa: PLR0911 - a router
        """Route a request as Notify's API does."""
        if request.path == "/_status":
            return Response.json(200, {"status": "ok"})
        if request.path == "/_fake/notifications":
            if request.method == "DELETE":
                self.sent.clear()
            return Response.json(200, {"notifications": self.sent})
        refusal = self.check_token(request.headers.get("authorization"))
        if refusal:
            return _error(403, "AuthError", refusal)
        if request.method == "POST" and request.path == "/v2/notifications/email":
            return self._send(request)
        if request.method == "GET" and request.path == "/v2/notifications":
            reference = request.param("reference")
            found = [n for n in self.sent if reference in {None, n["reference"]}]
            return Response.json(
                200,
                {
                    "notifications": found[::-1],
                    "links": {"current": f"{self.url}/v2/notifications"},
                },
            )
        if request.method == "GET" and request.path.startswith("/v2/notifications/"):
            wanted = request.path.rsplit("/", 1)[-1]
            for notification in self.sent:
                if notification["id"] == wanted:
                    return Response.json(200, notification)
            return _error(404, "NoResultFound", "No result found")
        return _error(404, "NotFound", "Not found")

    def _send(self, request: Request) -> Response:  # noqa: PLR0911 - validation
        failure = self.take_failure()
        if failure in FAILURES:
            return _error(*FAILURES[failure])
        try:
            body = request.json()
        except ValueError:
            return _error(400, "BadRequestError", "Invalid JSON supplied in POST data")
        if not isinstance(body, dict):
            return _error(400, "BadRequestError", "Invalid JSON supplied in POST data")
        address = body.get("email_address")
        if not isinstance(address, str) or "@" not in address:
            return _error(
                400, "ValidationError", "email_address Not a valid email address"
            )
        if not _is_uuid(body.get("template_id")):
            return _error(400, "ValidationError", "template_id is not a valid UUID")
        personalisation = body.get("personalisation") or {}
        if not isinstance(personalisation, dict):
            return _error(
                400, "ValidationError", "personalisation is not of type object"
            )
        notification_id = str(uuid.uuid4())
        template = {
            "id": body["template_id"],
            "version": 1,
            "uri": f"{self.url}/v2/template/{body['template_id']}",
        }
        text = "\n".join(f"{k}: {v}" for k, v in sorted(personalisation.items()))
        self.sent.append(
            {
                "id": notification_id,
                "reference": body.get("reference"),
                "email_address": address,
                "type": "email",
                "status": "delivered",
                "template": template,
                "personalisation": personalisation,
                "body": text,
                "subject": "Help with Prison Visits",
                "created_at": datetime.now(UTC).isoformat(),
            }
        )
        if failure == "lost-answer":
            return _error(*FAILURES["server-error"])
        return Response.json(
            201,
            {
                "id": notification_id,
                "reference": body.get("reference"),
                "content": {
                    "subject": "Help with Prison Visits",
                    "body": text,
                    "from_email": "hwpv@notifications.service.gov.uk",
                },
                "uri": f"{self.url}/v2/notifications/{notification_id}",
                "template": template,
                "scheduled_for": None,
            },
        )
