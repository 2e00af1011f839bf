"""NotifyEmailSender against the fake Notify over loopback: contract, JWT, PII."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Iterator, Sequence

import attrs
import pytest
import requests

from hmpps_workers.adapters.notify import NotifyEmailSender
from hmpps_workers.adapters.testing.notify import FakeNotify
from hmpps_workers.core.prison_visits.email.ports import (
    EmailRequest,
    EmailUnavailableError,
)
from hmpps_workers.core.testing.contracts.email import EmailSenderContract
from hmpps_workers.core.testing.email import DeliveredEmail

ADDRESS = "visitor.person@example.com"


@pytest.fixture
def fake_notify() -> Iterator[FakeNotify]:
    """A fake Notify on a free loopback port."""
    with FakeNotify() as fake:
        yield fake


@attrs.define
class NotifyEnv:
    """The Notify sender and what the fake received."""

    sender: NotifyEmailSender
    fake: FakeNotify

    def delivered(self) -> Sequence[DeliveredEmail]:
        return [
            DeliveredEmail(
                notification_id=n["id"],
                template_id=n["template"]["id"],
                email_address=n["email_address"],
                personalisation=n["personalisation"],
                reference=n["reference"],
            )
            for n in self.fake.sent
        ]

    def fail_next(self, failure: str) -> None:
        self.fake.fail_next(failure)


def _token(secret: str, claims: dict[str, object]) -> str:
    def part(value: dict[str, object]) -> str:
        raw = json.dumps(value).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    signing = f"{part({'typ': 'JWT', 'alg': 'HS256'})}.{part(claims)}"
    signature = hmac.new(secret.encode(), signing.encode(), hashlib.sha256).digest()
    return f"{signing}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


class TestNotifyEmailSender(EmailSenderContract):
    """The Notify adapter keeps the email contract against the fake Notify."""

    @pytest.fixture
    def email_env(self, fake_notify: FakeNotify) -> NotifyEnv:
        sender = NotifyEmailSender.create(
            api_key=fake_notify.api_key, base_url=fake_notify.url
        )
        return NotifyEnv(sender, fake_notify)


class TestFakeNotifyAuthentication:
    """The fake refuses tokens the way Notify does."""

    def _status(self, fake: FakeNotify, token: str) -> tuple[int, str]:
        response = requests.get(
            f"{fake.url}/v2/notifications",
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        )
        return response.status_code, response.json()["errors"][0]["message"]

    def test_a_token_from_the_real_client_is_accepted(self, fake_notify):
        """The official client's JWT passes."""
        sender = NotifyEmailSender.create(
            api_key=fake_notify.api_key, base_url=fake_notify.url
        )
        sender.ping()

    def test_a_token_older_than_thirty_seconds_is_refused(self, fake_notify):
        """Notify allows clocks to drift by 30 seconds, no more."""
        token = _token(
            fake_notify.secret,
            {"iss": fake_notify.service_id, "iat": int(time.time()) - 31},
        )
        assert self._status(fake_notify, token) == (
            403,
            "Error: Your system clock must be accurate to within 30 seconds",
        )

    def test_a_token_signed_with_another_secret_is_refused(self, fake_notify):
        """The signature is checked against the service's key secret."""
        token = _token(
            "0" * 36, {"iss": fake_notify.service_id, "iat": int(time.time())}
        )
        assert self._status(fake_notify, token)[0] == 403

    def test_a_token_for_another_service_is_refused(self, fake_notify):
        """The issuer must be the service id."""
        token = _token(fake_notify.secret, {"iss": "someone", "iat": int(time.time())})
        assert self._status(fake_notify, token) == (
            403,
            "Invalid token: service not found",
        )

    def test_a_key_with_the_wrong_secret_fails_permanently(self, fake_notify):
        """A misconfigured key is an error worth a person's attention, not a retry."""
        wrong = fake_notify.api_key[:-36] + "00000000-0000-0000-0000-000000000000"
        sender = NotifyEmailSender.create(api_key=wrong, base_url=fake_notify.url)
        with pytest.raises(Exception, match="Notify 403") as raised:
            sender.ping()
        assert type(raised.value).__name__ == "EmailRejectedError"


class TestNotifyFailuresKeepPersonalDataOut:
    """Failing paths log and raise nothing personal."""

    def test_no_address_or_personalisation_in_logs_or_errors(self, fake_notify, caplog):
        """Retryable, permanent and unreachable failures, captured at DEBUG."""
        caplog.set_level(logging.DEBUG)
        sender = NotifyEmailSender.create(
            api_key=fake_notify.api_key, base_url=fake_notify.url
        )
        request = EmailRequest(
            template_id="508b23b3-3f1c-45c2-bdc7-db90e3fae8b0",
            email_address=ADDRESS,
            personalisation={"first_name": "Zebedee"},
            reference="IntSchema-9-submit",
        )
        errors = []
        for failure in ("rate-limit", "server-error", "bad-request", "forbidden"):
            fake_notify.fail_next(failure)
            with pytest.raises(Exception) as raised:  # noqa: PT011 - any of two
                sender.send(request)
            errors.append(str(raised.value))
        unreachable = NotifyEmailSender.create(
            api_key=fake_notify.api_key, base_url="http://127.0.0.1:9"
        )
        with pytest.raises(EmailUnavailableError) as raised:
            unreachable.send(request)
        errors.append(str(raised.value))
        text = caplog.text + "\n".join(errors)
        assert (ADDRESS in text, "Zebedee" in text) == (False, False)
        assert "Notify 429" in errors[0]
