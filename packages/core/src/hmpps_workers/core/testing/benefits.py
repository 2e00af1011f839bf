"""An in-memory benefit checker answering by the same rule as the fake DWP server."""

from __future__ import annotations

import attrs

from hmpps_workers.core.prison_visits.benefits.ports import (
    BenefitCheck,
    BenefitCheckResult,
)
from hmpps_workers.core.testing.failures import FailureQueue

_BY_SUFFIX = {
    "A": BenefitCheckResult.YES,
    "B": BenefitCheckResult.NO,
    "C": BenefitCheckResult.UNDETERMINED,
    "D": BenefitCheckResult.DECEASED,
}


def benefit_rule(nino: str) -> BenefitCheckResult:
    """The test rule: NINO suffix A, B, C, D is YES, NO, UNDETERMINED, DECEASED.

    Any other suffix is UNDETERMINED.
    """
    cleaned = nino.strip().upper()
    return _BY_SUFFIX.get(cleaned[-1:], BenefitCheckResult.UNDETERMINED)


@attrs.define
class InMemoryBenefitChecker:
    """Answers by `benefit_rule`, or by `answers` keyed on NINO; records each check."""

    answers: dict[str, BenefitCheckResult] = attrs.field(factory=dict)
    checks: list[BenefitCheck] = attrs.field(factory=list)
    failures: FailureQueue = attrs.field(factory=FailureQueue)

    def check(self, person: BenefitCheck) -> BenefitCheckResult:
        """Record the check and answer."""
        self.failures.raise_next()
        self.checks.append(person)
        return self.answers.get(person.nino) or benefit_rule(person.nino)

    def ping(self) -> None:
        """Fail if a failure is queued, else succeed."""
        self.failures.raise_next()
