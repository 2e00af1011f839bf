"""Checking a visitor's benefit with the DWP/LAA benefit checker."""

from hmpps_workers.core.prison_visits.benefits.ports import (
    BenefitCheck,
    BenefitChecker,
    BenefitCheckResult,
    NotRunBenefitChecker,
)

__all__ = [
    "BenefitCheck",
    "BenefitCheckResult",
    "BenefitChecker",
    "NotRunBenefitChecker",
]
