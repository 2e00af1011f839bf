"""What DWP-CHECK does with the benefit checker's answer."""

from __future__ import annotations

import enum

from hmpps_workers.core.prison_visits.approval.decision import DWP_CHECKABLE_BENEFITS
from hmpps_workers.core.prison_visits.benefits.ports import BenefitCheckResult

REQUEST_EVIDENCE_NOTE = (
    "We have not been able to verify your benefit status. Please upload evidence of "
    "the benefit you receive"
)
"""The CLAIM-REQUEST-INFORMATION event's note (Caseworker "System Message")."""


class BenefitCheckRoute(enum.StrEnum):
    """The two paths of DWP-CHECK."""

    REQUEST_INFORMATION = "request-information"
    AUTO_APPROVAL = "auto-approval"


def route_benefit_check(
    result: BenefitCheckResult, benefit: str | None
) -> BenefitCheckRoute:
    """Ask for evidence when DWP could not confirm a benefit it checks.

    NOT-RUN (the checker switched off) is not a failed check: the original asked
    every such claimant for evidence. Auto-approval then leaves those claims to a
    caseworker, since their benefit is unverified.
    """
    if (
        result not in {BenefitCheckResult.YES, BenefitCheckResult.NOT_RUN}
        and benefit in DWP_CHECKABLE_BENEFITS
    ):
        return BenefitCheckRoute.REQUEST_INFORMATION
    return BenefitCheckRoute.AUTO_APPROVAL
