"""The BenefitChecker contract: what every benefit checker, fake or real, must do."""

from __future__ import annotations

from datetime import date
from typing import Literal, Protocol

from hmpps_workers.core.prison_visits.benefits.ports import (
    BenefitCheck,
    BenefitChecker,
    BenefitCheckRejectedError,
    BenefitCheckResult,
    BenefitCheckUnavailableError,
)
from hmpps_workers.core.testing.contracts.expect import raises

Failure = Literal["server-fault", "client-fault", "http-error", "slow", "malformed"]
SURNAME = "O'NEILL-SMYTHE"
BIRTH = date(1980, 2, 29)


class BenefitCheckerEnvironment(Protocol):
    """What a contract test needs: the checker and failure injection."""

    checker: BenefitChecker

    def fail_next(self, failure: Failure) -> None:
        """Make the checker's next answer fail this way."""
        ...


def _person(nino: str) -> BenefitCheck:
    return BenefitCheck(nino=nino, surname=SURNAME, date_of_birth=BIRTH)


class BenefitCheckerContract:
    """Tests every BenefitChecker must pass; subclasses provide `benefit_env`."""

    def test_answers_follow_the_test_rule(
        self, benefit_env: BenefitCheckerEnvironment
    ) -> None:
        """The NINO suffix A, B, C, D gives YES, NO, UNDETERMINED, DECEASED."""
        ninos = ("QQ123456A", "qq 12 34 56 b", "QQ123456C", "QQ123456D")
        expected = [
            BenefitCheckResult.YES,
            BenefitCheckResult.NO,
            BenefitCheckResult.UNDETERMINED,
            BenefitCheckResult.DECEASED,
        ]
        assert expected == [benefit_env.checker.check(_person(n)) for n in ninos]

    def _test_transient_failures_are_retryable(
        self, benefit_env: BenefitCheckerEnvironment, failure: Failure
    ) -> None:
        """Server faults, HTTP errors, timeouts and garbage are worth retrying."""
        benefit_env.fail_next(failure)
        with raises(BenefitCheckUnavailableError) as raised:
            benefit_env.checker.check(_person("QQ123456A"))
        text = str(raised.value)
        assert ("QQ123456A" in text, SURNAME in text, "19800229" in text) == (
            False,
            False,
            False,
        )
        assert benefit_env.checker.check(_person("QQ123456A")) == BenefitCheckResult.YES

    def test_a_client_fault_is_permanent(
        self, benefit_env: BenefitCheckerEnvironment
    ) -> None:
        """A fault blaming our request will not go away by asking again."""
        benefit_env.fail_next("client-fault")
        with raises(BenefitCheckRejectedError) as raised:
            benefit_env.checker.check(_person("QQ123456A"))
        assert "QQ123456A" not in str(raised.value)

    def test_a_server_fault_is_retryable(
        self, benefit_env: BenefitCheckerEnvironment
    ) -> None:
        """A soap:Server fault is retryable and names no one."""
        self._test_transient_failures_are_retryable(benefit_env, "server-fault")

    def test_an_http_error_is_retryable(
        self, benefit_env: BenefitCheckerEnvironment
    ) -> None:
        """An HTTP 5xx without a fault is retryable."""
        self._test_transient_failures_are_retryable(benefit_env, "http-error")

    def test_a_slow_answer_is_retryable(
        self, benefit_env: BenefitCheckerEnvironment
    ) -> None:
        """A timeout is retryable."""
        self._test_transient_failures_are_retryable(benefit_env, "slow")

    def test_a_malformed_answer_is_retryable(
        self, benefit_env: BenefitCheckerEnvironment
    ) -> None:
        """A reply that is not the expected XML is retryable."""
        self._test_transient_failures_are_retryable(benefit_env, "malformed")

    def test_ping_succeeds_when_the_checker_is_up(
        self, benefit_env: BenefitCheckerEnvironment
    ) -> None:
        """A healthy checker answers the health check."""
        benefit_env.checker.ping()
