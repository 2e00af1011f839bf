"""The contract suites for the five outside services, against the in-memory fakes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
import pytest

from hmpps_workers.core.prison_visits.benefits.ports import (
    BenefitCheckRejectedError,
    BenefitCheckUnavailableError,
)
from hmpps_workers.core.prison_visits.distance.ports import (
    DistanceRejectedError,
    DistanceUnavailableError,
)
from hmpps_workers.core.prison_visits.email.ports import (
    EmailRejectedError,
    EmailUnavailableError,
)
from hmpps_workers.core.prison_visits.helpdesk.ports import (
    HelpdeskRejectedError,
    HelpdeskUnavailableError,
    Ticket,
)
from hmpps_workers.core.testing.benefits import InMemoryBenefitChecker
from hmpps_workers.core.testing.contracts.benefits import BenefitCheckerContract
from hmpps_workers.core.testing.contracts.distance import DistanceCalculatorContract
from hmpps_workers.core.testing.contracts.documents import FileStoreContract
from hmpps_workers.core.testing.contracts.email import EmailSenderContract
from hmpps_workers.core.testing.contracts.helpdesk import HelpdeskContract
from hmpps_workers.core.testing.distance import InMemoryDistanceCalculator
from hmpps_workers.core.testing.documents import InMemoryFileStore
from hmpps_workers.core.testing.email import DeliveredEmail, InMemoryEmailSender
from hmpps_workers.core.testing.helpdesk import InMemoryHelpdesk

_EMAIL_FAILURES = {
    "rate-limit": EmailUnavailableError("Notify 429"),
    "server-error": EmailUnavailableError("Notify 500"),
    "bad-request": EmailRejectedError("Notify 400"),
    "forbidden": EmailRejectedError("Notify 403"),
}
_BENEFIT_FAILURES = {
    "server-fault": BenefitCheckUnavailableError(),
    "http-error": BenefitCheckUnavailableError(),
    "slow": BenefitCheckUnavailableError(),
    "malformed": BenefitCheckUnavailableError(),
    "client-fault": BenefitCheckRejectedError(),
}
_DISTANCE_FAILURES = {
    "quota": DistanceUnavailableError(),
    "server-error": DistanceUnavailableError(),
    "denied": DistanceRejectedError(),
}
_HELPDESK_FAILURES = {
    "rate-limit": HelpdeskUnavailableError(),
    "server-error": HelpdeskUnavailableError(),
    "unauthorised": HelpdeskRejectedError(),
    "invalid": HelpdeskRejectedError(),
}


@attrs.define
class EmailEnv:
    """The in-memory sender, inspected directly."""

    sender: InMemoryEmailSender

    def delivered(self) -> Sequence[DeliveredEmail]:
        return self.sender.delivered

    def fail_next(self, failure: str) -> None:
        self.sender.failures.add(_EMAIL_FAILURES[failure])


@attrs.define
class BenefitEnv:
    """The in-memory checker."""

    checker: InMemoryBenefitChecker

    def fail_next(self, failure: str) -> None:
        self.checker.failures.add(_BENEFIT_FAILURES[failure])


@attrs.define
class DistanceEnv:
    """The in-memory calculator."""

    calculator: InMemoryDistanceCalculator

    def fail_next(self, failure: str) -> None:
        self.calculator.failures.add(_DISTANCE_FAILURES[failure])


@attrs.define
class HelpdeskEnv:
    """The in-memory helpdesk."""

    helpdesk: InMemoryHelpdesk

    def tickets(self) -> Mapping[int, Ticket]:
        return self.helpdesk.tickets

    def fail_next(self, failure: str) -> None:
        self.helpdesk.failures.add(_HELPDESK_FAILURES[failure])


@attrs.define
class FilesEnv:
    """The in-memory file store."""

    store: InMemoryFileStore


class TestInMemoryEmailSender(EmailSenderContract):
    """The in-memory sender keeps the email contract."""

    @pytest.fixture
    def email_env(self) -> EmailEnv:
        return EmailEnv(InMemoryEmailSender())


class TestInMemoryBenefitChecker(BenefitCheckerContract):
    """The in-memory checker keeps the benefit checker contract."""

    @pytest.fixture
    def benefit_env(self) -> BenefitEnv:
        return BenefitEnv(InMemoryBenefitChecker())


class TestInMemoryDistanceCalculator(DistanceCalculatorContract):
    """The in-memory calculator keeps the distance contract."""

    @pytest.fixture
    def distance_env(self) -> DistanceEnv:
        return DistanceEnv(InMemoryDistanceCalculator())


class TestInMemoryHelpdesk(HelpdeskContract):
    """The in-memory helpdesk keeps the helpdesk contract."""

    @pytest.fixture
    def helpdesk_env(self) -> HelpdeskEnv:
        return HelpdeskEnv(InMemoryHelpdesk())


class TestInMemoryFileStore(FileStoreContract):
    """The in-memory store keeps the file store contract."""

    @pytest.fixture
    def files_env(self) -> FilesEnv:
        return FilesEnv(InMemoryFileStore())
