"""Wire the prison-visits handlers: the SQL claims adapters and the outside services.

Settings come from the original's variables (`APVS_EXTERNAL_*` links, the
`APVS_AUTO_APPROVAL_*` defaults, `APVS_DISTANCE_CALCULATION_*`, the Notify template
ids); the prisons list from `APVS_PRISONS_FILE`; the archive database, which only
ARCHIVE-CLAIM needs, from `APVS_ARCHIVE_DATABASE_URL`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.prison_visits.archive import SqlClaimArchive
from hmpps_workers.adapters.sql.prison_visits.claim_updates import SqlClaimUpdates
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.core.prison_visits.approval.config import AutoApprovalDefaults
from hmpps_workers.core.prison_visits.claims.ports import ClaimArchive
from hmpps_workers.core.prison_visits.handlers import HandlerPorts
from hmpps_workers.core.prison_visits.notifications.content import Links
from hmpps_workers.core.prison_visits.pricing import PricingSettings
from hmpps_workers.runners.bootstrap import Services
from hmpps_workers.runners.config import _int
from hmpps_workers.runners.integrations import build_integrations
from hmpps_workers.runners.integrations_config import IntegrationsConfig
from hmpps_workers.runners.prisons import prisons_from_env


def archive_from_env(services: Services) -> ClaimArchive | None:
    """The archive database, when `APVS_ARCHIVE_DATABASE_URL` names one."""
    url = services.environ.get("APVS_ARCHIVE_DATABASE_URL", "").strip()
    if not url:
        return None
    return SqlClaimArchive(services.engine, create_database_engine(url))


def archive_after(env: Mapping[str, str]) -> timedelta:
    """`APVS_ARCHIVE_CLAIMS_AFTER_DAYS` (default 365; production set 700)."""
    return timedelta(days=_int(env, "APVS_ARCHIVE_CLAIMS_AFTER_DAYS", 365, 1, 3650))


def handler_ports(services: Services) -> HandlerPorts:
    """Everything the handlers use, from the services and their environment."""
    env = services.environ
    integrations = services.integrations or build_integrations(
        IntegrationsConfig.from_env(env)
    )
    config = integrations.config
    return HandlerPorts(
        claims=SqlClaimRepository(services.engine),
        updates=SqlClaimUpdates(services.engine),
        tasks=services.task_store,
        email=integrations.email,
        benefits=integrations.benefits,
        distance=integrations.distance,
        helpdesk=integrations.helpdesk,
        archive=archive_from_env(services),
        clock=services.clock,
        prisons=prisons_from_env(env),
        templates=config.notify.templates,
        links=Links.from_env(env),
        approval_defaults=AutoApprovalDefaults.from_env(env),
        pricing=PricingSettings.from_env(env),
        helpdesk_test_mode=config.zendesk.test_mode,
        archive_after=archive_after(env),
    )
