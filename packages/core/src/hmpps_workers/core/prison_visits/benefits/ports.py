"""The benefit checker port, its result values, and the checker used when disabled."""

from __future__ import annotations

import enum
from datetime import date
from typing import Protocol

import attrs

from hmpps_workers.core.errors import PermanentError, RetryableError


class BenefitCheckUnavailableError(RetryableError):
    """The benefit checker did not answer usefully in time; try again later."""


class BenefitCheckRejectedError(PermanentError):
    """The benefit checker refused the request; asking again will not help."""


class UnknownBenefitStatusError(BenefitCheckRejectedError):
    """The benefit checker answered with a status this worker does not know.

    `status` holds it (trimmed, upper-cased, at most 100 characters, the column's
    size) so the handler can store it as the original did; the message never does.
    """

    def __init__(self, status: str) -> None:
        """Keep the status apart from the message."""
        super().__init__("benefit checker answered with an unknown status")
        self.status = status


class BenefitCheckResult(enum.StrEnum):
    """The values the original stores in Visitor.DWPBenefitCheckerResult."""

    YES = "YES"
    NO = "NO"
    UNDETERMINED = "UNDETERMINED"
    DECEASED = "DECEASED"
    NOT_RUN = "NOT-RUN"

    @classmethod
    def parse(cls, text: str) -> BenefitCheckResult:
        """Read a checker status the way the original does: trimmed, upper-cased."""
        status = text.strip().upper()
        try:
            result = cls(status)
        except ValueError:
            raise UnknownBenefitStatusError(status[:100]) from None
        if result is cls.NOT_RUN:
            # Only this worker says NOT-RUN (checker switched off); from the service
            # it is as unknown as any other new word.
            raise UnknownBenefitStatusError(status)
        return result


def _upper(value: str) -> str:
    return value.strip().upper()


@attrs.frozen(kw_only=True)
class BenefitCheck:
    """The person to check: NINO and surname trimmed and upper-cased, as sent."""

    nino: str = attrs.field(converter=_upper, repr=False)
    surname: str = attrs.field(converter=_upper, repr=False)
    date_of_birth: date = attrs.field(repr=False)

    @property
    def date_of_birth_text(self) -> str:
        """The date of birth as the checker wants it, YYYYMMDD."""
        return self.date_of_birth.strftime("%Y%m%d")


class BenefitChecker(Protocol):
    """Asks whether a person receives a qualifying benefit.

    Raises BenefitCheckUnavailableError (retryable) or BenefitCheckRejectedError
    (permanent); neither carries the NINO, surname or date of birth.
    """

    def check(self, person: BenefitCheck) -> BenefitCheckResult:
        """Return YES, NO, UNDETERMINED or DECEASED (NOT-RUN if disabled)."""
        ...

    def ping(self) -> None:
        """Check the checker can be reached, or raise."""
        ...


@attrs.define
class NotRunBenefitChecker:
    """The checker when `APVS_DWP_BENEFIT_CHECKER_ENABLED` is not true: NOT-RUN."""

    def check(self, person: BenefitCheck) -> BenefitCheckResult:
        """Answer NOT-RUN without calling anything, as the original does."""
        del person
        return BenefitCheckResult.NOT_RUN

    def ping(self) -> None:
        """Nothing to reach."""
