"""Run one auto-approval rule on a value, as the decision procedure would."""

from __future__ import annotations

from datetime import datetime

from hmpps_workers.core.prison_visits.approval.checks import CHECKS
from hmpps_workers.core.prison_visits.approval.config import AutoApprovalSettings
from hmpps_workers.core.prison_visits.approval.data import AutoApprovalData
from hmpps_workers.core.prison_visits.approval.rules import Facts, Rule, RuleResult
from hmpps_workers.core.testing.approval_builders import OFFICE_HOURS, default_settings


def check(
    rule: Rule,
    data: AutoApprovalData,
    settings: AutoApprovalSettings | None = None,
    now: datetime = OFFICE_HOURS,
) -> RuleResult:
    """The result of `rule` alone."""
    facts = Facts.gather(data, settings or default_settings(), now)
    return CHECKS[rule](facts)


def passes(
    rule: Rule,
    data: AutoApprovalData,
    settings: AutoApprovalSettings | None = None,
    now: datetime = OFFICE_HOURS,
) -> bool:
    """Whether `rule` alone passes."""
    return check(rule, data, settings, now).passed
