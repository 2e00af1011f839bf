"""The prison-visits handlers' settings, read from the original's variables.

Core keeps plain values with the original's defaults (`Links`, `AutoApprovalDefaults`,
`PricingSettings`); this is where the environment fills them in. It is read when the
prison-visits handlers are built, so operator commands never need these variables.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

import attrs

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.approval.config import AutoApprovalDefaults
from hmpps_workers.core.prison_visits.notifications.content import Links
from hmpps_workers.core.prison_visits.pricing import PricingSettings
from hmpps_workers.core.prison_visits.prisons import PrisonDirectory, shipped_prisons
from hmpps_workers.runners.env import Env
from hmpps_workers.runners.prison_visits.prisons import load_prisons

APPROVAL = "APVS_AUTO_APPROVAL_"
PRISONS_FILE = "APVS_PRISONS_FILE"


def links_from_env(env: Mapping[str, str]) -> Links:
    """`APVS_EXTERNAL_SERVICE_URL` and the two paths, defaults for unset ones."""
    reader, default = Env(env), Links()
    return Links(
        service_url=reader.text("APVS_EXTERNAL_SERVICE_URL", default.service_url),
        already_registered_path=reader.text(
            "APVS_EXTERNAL_PATH_ALREADY_REGISTERED", default.already_registered_path
        ),
        technical_help_path=reader.text(
            "APVS_EXTERNAL_PATH_TECHNICAL_HELP", default.technical_help_path
        ),
    )


def _decimal(reader: Env, name: str, default: Decimal) -> Decimal:
    text = reader.text(name)
    if not text:
        return default
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        raise ConfigurationError(f"{name} must be a non-negative number")
    return value


def _count(reader: Env, name: str, default: int) -> int:
    text = reader.text(name)
    if not text:
        return default
    if not text.isascii() or not text.isdigit():
        raise ConfigurationError(f"{name} must be a whole number, 0 or more")
    return int(text)


def approval_defaults_from_env(env: Mapping[str, str]) -> AutoApprovalDefaults:
    """`APVS_AUTO_APPROVAL_*`; a malformed one is named, its value never echoed."""
    reader, d = Env(env), AutoApprovalDefaults()

    def money(name: str, default: Decimal) -> Decimal:
        return _decimal(reader, APPROVAL + name, default)

    def count(name: str, default: int) -> int:
        return _count(reader, APPROVAL + name, default)

    return AutoApprovalDefaults(
        enabled=reader.text(APPROVAL + "ENABLED", "true") == "true",
        cost_variance_percentage=money("COST_VARIANCE", d.cost_variance_percentage),
        max_claim_total=money("MAX_CLAIM_TOTAL", d.max_claim_total),
        max_days_after_apvu_visit=count(
            "MAX_DAYS_AFTER_APVU_VISIT", d.max_days_after_apvu_visit
        ),
        max_number_of_claims_per_year=count(
            "MAX_CLAIMS_PER_YEAR", d.max_number_of_claims_per_year
        ),
        max_number_of_claims_per_month=count(
            "MAX_CLAIMS_PER_MONTH", d.max_number_of_claims_per_month
        ),
        number_of_consecutive_auto_approvals=count(
            "NUMBER_OF_CONSECUTIVE_AUTO_APPROVALS",
            d.number_of_consecutive_auto_approvals,
        ),
        cost_per_mile=money("COST_PER_MILE", d.cost_per_mile),
        cost_per_mile_eng_wal=money("COST_PER_MILE_ENGWAL", d.cost_per_mile_eng_wal),
    )


def pricing_from_env(env: Mapping[str, str]) -> PricingSettings:
    """Enabled unless `APVS_DISTANCE_CALCULATION_ENABLED` is anything but 'true'."""
    reader = Env(env)
    enabled = reader.text("APVS_DISTANCE_CALCULATION_ENABLED", "true") == "true"
    max_miles = _decimal(
        reader, "APVS_DISTANCE_CALCULATION_MAX_MILES", PricingSettings().max_miles
    )
    return PricingSettings(enabled=enabled, max_miles=max_miles)


def prisons_from_env(env: Mapping[str, str]) -> PrisonDirectory:
    """The list `APVS_PRISONS_FILE` names, or the shipped one."""
    path = Env(env).text(PRISONS_FILE)
    if path:
        return load_prisons(Path(path))
    return PrisonDirectory.of(shipped_prisons())


@attrs.frozen(kw_only=True)
class HandlerConfig:
    """Everything the prison-visits handlers read besides the outside services."""

    links: Links = attrs.field(factory=Links)
    approval_defaults: AutoApprovalDefaults = attrs.field(factory=AutoApprovalDefaults)
    pricing: PricingSettings = attrs.field(factory=PricingSettings)
    prisons: PrisonDirectory = attrs.field(
        factory=lambda: PrisonDirectory.of(shipped_prisons())
    )
    archive_after: timedelta = timedelta(days=365)
    outside_services: str | None = None  # fake or real; None: by the database

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> HandlerConfig:
        """Read and check every variable; ConfigurationError names the bad one."""
        reader = Env(env)
        mode = reader.text("APVS_OUTSIDE_SERVICES").lower() or None
        if mode not in {None, "fake", "real"}:
            raise ConfigurationError("APVS_OUTSIDE_SERVICES must be fake or real")
        return cls(
            links=links_from_env(env),
            approval_defaults=approval_defaults_from_env(env),
            pricing=pricing_from_env(env),
            prisons=prisons_from_env(env),
            archive_after=timedelta(
                days=reader.integer("APVS_ARCHIVE_CLAIMS_AFTER_DAYS", 365, 1, 3650)
            ),
            outside_services=mode,
        )
