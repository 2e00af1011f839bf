"""Auto-approval of prison-visit claims: settings, the eighteen rules, the decision."""

from hmpps_workers.core.prison_visits.approval.action import (
    ApprovalPlan,
    deferred_approval,
    may_apply_deferred,
    plan_approval,
)
from hmpps_workers.core.prison_visits.approval.config import (
    AutoApprovalDefaults,
    AutoApprovalSettings,
    parse_rules_disabled,
    resolve_settings,
)
from hmpps_workers.core.prison_visits.approval.data import (
    AutoApprovalData,
    baseline_claim,
    latest_manual_claim,
)
from hmpps_workers.core.prison_visits.approval.decision import (
    Decision,
    Outcome,
    PlannedEvent,
    SkipReason,
    claim_skip_reason,
    decide,
    is_office_hours,
)
from hmpps_workers.core.prison_visits.approval.rules import Rule, RuleResult

__all__ = [
    "ApprovalPlan",
    "AutoApprovalData",
    "AutoApprovalDefaults",
    "AutoApprovalSettings",
    "Decision",
    "Outcome",
    "PlannedEvent",
    "Rule",
    "RuleResult",
    "SkipReason",
    "baseline_claim",
    "claim_skip_reason",
    "decide",
    "deferred_approval",
    "is_office_hours",
    "latest_manual_claim",
    "may_apply_deferred",
    "parse_rules_disabled",
    "plan_approval",
    "resolve_settings",
]
