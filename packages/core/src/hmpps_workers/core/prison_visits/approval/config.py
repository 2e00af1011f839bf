"""Auto-approval settings: the newest enabled config row, or the environment defaults.

The rule is the original's: a row, when there is one, is used as it stands (a null
column stays null and acts as zero in the checks); only with no row do the
`APVS_AUTO_APPROVAL_*` defaults apply (the runners read them). The England-and-Wales
mileage rate always comes from the defaults, as in the current version of the original.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from hmpps_workers.core.prison_visits.claims.records import AutoApprovalConfig


def parse_rules_disabled(text: str | None) -> frozenset[str]:
    """Rule names from a comma-separated RulesDisabled value, each trimmed.

    The original did not trim, so "a, b" silently left rule "b" enabled.
    """
    if not text:
        return frozenset()
    return frozenset(name.strip() for name in text.split(",") if name.strip())


@attrs.frozen(kw_only=True)
class AutoApprovalDefaults:
    """The `APVS_AUTO_APPROVAL_*` values, used when no enabled config row exists."""

    enabled: bool = True
    cost_variance_percentage: Decimal = Decimal(10)
    max_claim_total: Decimal = Decimal(250)
    max_days_after_apvu_visit: int = 28
    max_number_of_claims_per_year: int = 26
    max_number_of_claims_per_month: int = 4
    number_of_consecutive_auto_approvals: int = 4
    cost_per_mile: Decimal = Decimal("0.30")
    cost_per_mile_eng_wal: Decimal = Decimal("0.20")


@attrs.frozen(kw_only=True)
class AutoApprovalSettings:
    """The settings one auto-approval check (and one car-journey pricing) runs with.

    Thresholds are None only when a config row left the column null; the checks then
    compare against zero, as the original's JavaScript did, so the claim goes to a
    caseworker rather than through.
    """

    enabled: bool
    cost_variance_percentage: Decimal | None
    max_claim_total: Decimal | None
    max_days_after_apvu_visit: int | None
    max_number_of_claims_per_year: int | None
    max_number_of_claims_per_month: int | None
    number_of_consecutive_auto_approvals: int | None
    rules_disabled: frozenset[str] = frozenset()
    cost_per_mile: Decimal | None
    cost_per_mile_eng_wal: Decimal


def resolve_settings(
    row: AutoApprovalConfig | None, defaults: AutoApprovalDefaults
) -> AutoApprovalSettings:
    """The settings from the newest enabled row if there is one, else the defaults."""
    if row is None:
        return AutoApprovalSettings(
            enabled=defaults.enabled,
            cost_variance_percentage=defaults.cost_variance_percentage,
            max_claim_total=defaults.max_claim_total,
            max_days_after_apvu_visit=defaults.max_days_after_apvu_visit,
            max_number_of_claims_per_year=defaults.max_number_of_claims_per_year,
            max_number_of_claims_per_month=defaults.max_number_of_claims_per_month,
            number_of_consecutive_auto_approvals=(
                defaults.number_of_consecutive_auto_approvals
            ),
            cost_per_mile=defaults.cost_per_mile,
            cost_per_mile_eng_wal=defaults.cost_per_mile_eng_wal,
        )
    return AutoApprovalSettings(
        enabled=bool(row.auto_approval_enabled),
        cost_variance_percentage=row.cost_variance_percentage,
        max_claim_total=row.max_claim_total,
        max_days_after_apvu_visit=row.max_days_after_apvu_visit,
        max_number_of_claims_per_year=row.max_number_of_claims_per_year,
        max_number_of_claims_per_month=row.max_number_of_claims_per_month,
        number_of_consecutive_auto_approvals=row.number_of_consecutive_auto_approvals,
        rules_disabled=parse_rules_disabled(row.rules_disabled),
        cost_per_mile=row.cost_per_mile,
        cost_per_mile_eng_wal=defaults.cost_per_mile_eng_wal,
    )
