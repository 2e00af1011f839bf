"""ZendeskHelpdesk against the fake Zendesk over loopback."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping

import attrs
import pytest

from hmpps_workers.adapters.testing.zendesk import FakeZendesk
from hmpps_workers.adapters.zendesk import ZendeskHelpdesk, ZendeskSettings
from hmpps_workers.core.prison_visits.helpdesk.ports import (
    HelpdeskRejectedError,
    Ticket,
    technical_help_ticket,
)
from hmpps_workers.core.testing.contracts.helpdesk import HelpdeskContract


@pytest.fixture
def fake_zendesk() -> Iterator[FakeZendesk]:
    """A fake Zendesk on a free loopback port."""
    with FakeZendesk() as fake:
        yield fake


def _helpdesk(fake: FakeZendesk, api_key: str | None = None) -> ZendeskHelpdesk:
    return ZendeskHelpdesk(
        ZendeskSettings(
            url=fake.url,
            email_address=fake.email_address,
            api_key=api_key or fake.api_key,
        )
    )


@attrs.define
class ZendeskEnv:
    """The Zendesk adapter and the fake it talks to."""

    helpdesk: ZendeskHelpdesk
    fake: FakeZendesk

    def tickets(self) -> Mapping[int, Ticket]:
        return {
            ticket_id: Ticket(
                external_id=t["external_id"],
                subject=t["subject"],
                body=t["comment"]["body"],
                requester_name=t["requester"]["name"],
                requester_email=t["requester"]["email"],
                tags=tuple(t["tags"]),
                submitter_id=t["submitter_id"],
            )
            for ticket_id, t in self.fake.tickets.items()
        }

    def fail_next(self, failure: str) -> None:
        self.fake.fail_next(failure)


class TestZendeskHelpdesk(HelpdeskContract):
    """The Zendesk adapter keeps the helpdesk contract against the fake."""

    @pytest.fixture
    def helpdesk_env(self, fake_zendesk) -> ZendeskEnv:
        return ZendeskEnv(_helpdesk(fake_zendesk), fake_zendesk)

    def test_the_ticket_has_the_originals_fields(self, helpdesk_env):
        """Submitter, verified requester, comment body and tags as the original."""
        helpdesk_env.helpdesk.raise_ticket(
            technical_help_ticket(
                external_id="IntSchema-1", name="N", email="n@example.com",
                issue="text", test_mode=False,
            )
        )  # fmt: skip
        (sent,) = helpdesk_env.fake.tickets.values()
        assert (sent["submitter_id"], sent["requester"]["verified"]) == (
            114198238551,
            True,
        )
        assert (sent["subject"], sent["tags"]) == (
            "Help With Prison Visits - Help",
            ["HelpWithPrisonVisits"],
        )

    def test_a_wrong_token_is_permanent_and_ping_says_so(self, fake_zendesk):
        """401 from Zendesk: fix the configuration, not retry."""
        with pytest.raises(HelpdeskRejectedError, match="401"):
            _helpdesk(fake_zendesk, api_key="wrong").ping()


def test_no_requester_in_logs_or_errors(fake_zendesk, caplog):
    """Every failure kind at DEBUG: no name, email or ticket text."""
    caplog.set_level(logging.DEBUG)
    helpdesk = _helpdesk(fake_zendesk)
    ticket = technical_help_ticket(
        external_id="IntSchema-3",
        name="Zebedee Visitor",
        email="zebedee@example.com",
        issue="my bank is Barclays",
        test_mode=True,
    )
    errors = []
    for failure in ("rate-limit", "server-error", "unauthorised", "invalid"):
        fake_zendesk.fail_next(failure)
        with pytest.raises(Exception) as raised:  # noqa: PT011 - either kind
            helpdesk.raise_ticket(ticket)
        errors.append(str(raised.value))
    text = caplog.text + "\n".join(errors)
    assert [s for s in ("Zebedee", "zebedee@", "Barclays") if s in text] == []
