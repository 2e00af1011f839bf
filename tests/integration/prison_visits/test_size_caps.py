"""The requests-based adapters refuse oversized answers, sized or not, over loopback."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hmpps_workers.adapters.distance import (
    DistanceSettings,
    GoogleDirectionsDistanceCalculator,
    GoogleRoutesDistanceCalculator,
)
from hmpps_workers.adapters.dwp import BenefitCheckerSettings, ZeepBenefitChecker
from hmpps_workers.adapters.notify import NotifyEmailSender
from hmpps_workers.adapters.testing.distance import FakeDistance
from hmpps_workers.adapters.testing.dwp import FakeDwp
from hmpps_workers.adapters.testing.notify import FakeNotify
from hmpps_workers.adapters.testing.zendesk import FakeZendesk
from hmpps_workers.adapters.zendesk import ZendeskHelpdesk, ZendeskSettings
from hmpps_workers.core.prison_visits.benefits.ports import (
    BenefitCheck,
    BenefitCheckRejectedError,
)
from hmpps_workers.core.prison_visits.distance.ports import (
    DistanceQuery,
    DistanceRejectedError,
)
from hmpps_workers.core.prison_visits.email.ports import (
    EmailRejectedError,
    EmailRequest,
)
from hmpps_workers.core.prison_visits.helpdesk.ports import (
    HelpdeskRejectedError,
    Ticket,
)

FAILURES = ["oversized", "oversized-unsized"]
QUERY = DistanceQuery(origin="BT7 1NT", destination="BT48 7NR")
PERSON = BenefitCheck(
    nino="QQ123456A", surname="Zebedee", date_of_birth=date(1980, 2, 29)
)
TICKET = Ticket(
    external_id="claim-1-ref",
    submitter_id=1,
    requester_name="Ottoline Quarrington",
    requester_email="ottoline@example.com",
    subject="Help",
    body="A question",
    tags=(),
)
EMAIL = EmailRequest(
    email_address="ottoline@example.com",
    template_id="11111111-1111-1111-1111-111111111111",
    personalisation={},
    reference="claim-1-ref",
)
PERSONAL = ("QQ123456A", "Zebedee", "Ottoline", "ottoline@example.com", "BT7 1NT")


def _clean(error: BaseException) -> str:
    text = str(error)
    assert [value for value in PERSONAL if value in text] == []
    return text


@pytest.mark.parametrize("failure", FAILURES)
class TestDistanceSizeCap:
    """The Google adapters refuse an answer over the cap."""

    def test_an_oversized_directions_answer_is_a_permanent_refusal(self, failure):
        """Over the cap: DistanceRejectedError naming the limit, no personal data."""
        with FakeDistance() as fake:
            calculator = GoogleDirectionsDistanceCalculator(
                DistanceSettings(api_key=fake.api_key, url=fake.directions_url)
            )
            fake.fail_next(failure)
            with pytest.raises(DistanceRejectedError) as raised:
                calculator.driving_metres(QUERY)
            assert "over 1048576 bytes" in _clean(raised.value)
            assert calculator.driving_metres(QUERY) is not None


class TestDistanceSizeCapSetting:
    """The cap is a setting."""

    def test_a_cap_below_an_ordinary_answer_refuses_it(self):
        """A 10-byte cap refuses the Routes API's ordinary answer."""
        with FakeDistance() as fake:
            settings = DistanceSettings(
                api_key=fake.api_key, url=fake.routes_url, max_response_bytes=10
            )
            with pytest.raises(DistanceRejectedError) as raised:
                GoogleRoutesDistanceCalculator(settings).driving_metres(QUERY)
            assert "over 10 bytes" in _clean(raised.value)


@pytest.mark.parametrize("failure", FAILURES)
class TestZendeskSizeCap:
    """ZendeskHelpdesk refuses an answer over the cap."""

    def test_an_oversized_answer_is_a_permanent_refusal(self, failure):
        """Over the cap: HelpdeskRejectedError, no ticket text in it."""
        with FakeZendesk() as fake:
            helpdesk = ZendeskHelpdesk(
                ZendeskSettings(
                    url=fake.url,
                    email_address=fake.email_address,
                    api_key=fake.api_key,
                )
            )
            fake.fail_next(failure)
            with pytest.raises(HelpdeskRejectedError) as raised:
                helpdesk.raise_ticket(TICKET)
            assert "over 1048576 bytes" in _clean(raised.value)
            assert helpdesk.raise_ticket(TICKET).created


@pytest.mark.parametrize("failure", FAILURES)
class TestNotifySizeCap:
    """NotifyEmailSender refuses an answer over the cap."""

    def test_an_oversized_answer_is_a_permanent_refusal(self, failure):
        """Over the cap: EmailRejectedError, without the address."""
        with FakeNotify() as fake:
            sender = NotifyEmailSender.create(api_key=fake.api_key, base_url=fake.url)
            fake.fail_next(failure)
            with pytest.raises(EmailRejectedError) as raised:
                sender.send(EMAIL)
            assert "over 1048576 bytes" in _clean(raised.value)
            assert sender.send(EMAIL).notification_id


@pytest.mark.parametrize("failure", FAILURES)
class TestDwpSizeCap:
    """ZeepBenefitChecker refuses an answer over the cap."""

    def test_an_oversized_answer_is_a_permanent_refusal(self, failure):
        """Over the cap: BenefitCheckRejectedError, without the NINO or surname."""
        with FakeDwp() as fake:
            checker = ZeepBenefitChecker.create(
                BenefitCheckerSettings(
                    url=fake.endpoint,
                    lsc_service_name="HwPV",
                    client_org_id="ORG",
                    client_user_id="USER",
                    client_reference="REF",
                    timeout=timedelta(seconds=5),
                )
            )
            fake.fail_next(failure)
            with pytest.raises(BenefitCheckRejectedError) as raised:
                checker.check(PERSON)
            assert "over 1048576 bytes" in _clean(raised.value)
            assert checker.check(PERSON) is not None

    def test_an_oversized_ping_answer_is_refused(self, failure):
        """The ping's GET is capped too."""
        with FakeDwp() as fake:
            checker = ZeepBenefitChecker.create(
                BenefitCheckerSettings(
                    url=fake.endpoint,
                    lsc_service_name="HwPV",
                    client_org_id="ORG",
                    client_user_id="USER",
                    client_reference="REF",
                    max_response_bytes=4096,
                )
            )
            fake.fail_next(failure)
            with pytest.raises(BenefitCheckRejectedError):
                checker.ping()
