"""Wire the prison-visits handlers: the SQL claims adapters and the outside services.

Settings come from the original's variables (`APVS_EXTERNAL_*` links, the
`APVS_AUTO_APPROVAL_*` defaults, `APVS_DISTANCE_CALCULATION_*`, the Notify template
ids); the prisons list from `APVS_PRISONS_FILE`; the archive database, which only
ARCHIVE-CLAIM needs, from `APVS_ARCHIVE_DATABASE_URL`.

`APVS_OUTSIDE_SERVICES` says whether Notify, DWP, distance and Zendesk are the real
ones (`real`, the default with a configured database) or in-process fakes (`fake`,
the default on the embedded SQLite database, so it runs with no configuration).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta

from hmpps_workers.adapters.sql.engine import create_database_engine
from hmpps_workers.adapters.sql.prison_visits.archive import SqlClaimArchive
from hmpps_workers.adapters.sql.prison_visits.claim_updates import SqlClaimUpdates
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.approval.config import AutoApprovalDefaults
from hmpps_workers.core.prison_visits.claims.ports import ClaimArchive
from hmpps_workers.core.prison_visits.handlers import HandlerPorts
from hmpps_workers.core.prison_visits.notifications.content import Links
from hmpps_workers.core.prison_visits.pricing import PricingSettings
from hmpps_workers.core.testing.benefits import InMemoryBenefitChecker
from hmpps_workers.core.testing.distance import InMemoryDistanceCalculator
from hmpps_workers.core.testing.documents import InMemoryFileStore
from hmpps_workers.core.testing.email import InMemoryEmailSender
from hmpps_workers.core.testing.helpdesk import InMemoryHelpdesk
from hmpps_workers.runners.bootstrap import Services
from hmpps_workers.runners.config import _int
from hmpps_workers.runners.integrations import Integrations, build_integrations
from hmpps_workers.runners.integrations_config import IntegrationsConfig
from hmpps_workers.runners.prisons import prisons_from_env

log = logging.getLogger("hmpps_workers.runners")


def archive_from_env(services: Services) -> ClaimArchive | None:
    """The archive database, when `APVS_ARCHIVE_DATABASE_URL` names one."""
    url = services.environ.get("APVS_ARCHIVE_DATABASE_URL", "").strip()
    if not url:
        return None
    return SqlClaimArchive(services.engine, create_database_engine(url))


def archive_after(env: Mapping[str, str]) -> timedelta:
    """`APVS_ARCHIVE_CLAIMS_AFTER_DAYS` (default 365; production set 700)."""
    return timedelta(days=_int(env, "APVS_ARCHIVE_CLAIMS_AFTER_DAYS", 365, 1, 3650))


def uses_fakes(services: Services) -> bool:
    """`APVS_OUTSIDE_SERVICES`: fake on the embedded database, else real."""
    env = services.environ
    default = "fake" if services.config.database.embedded else "real"
    mode = env.get("APVS_OUTSIDE_SERVICES", "").strip().lower() or default
    if mode not in {"fake", "real"}:
        raise ConfigurationError("APVS_OUTSIDE_SERVICES must be fake or real")
    return mode == "fake"


def fake_integrations(env: Mapping[str, str]) -> Integrations:
    """In-process fakes for every outside service (nothing leaves the process)."""
    config = IntegrationsConfig.from_env(
        {k: v for k, v in env.items() if "TEMPLATE_ID" in k}
        | {"APVS_DISTANCE_CALCULATION_ENABLED": "false"}
    )
    return Integrations(
        config=config,
        email=InMemoryEmailSender(),
        benefits=InMemoryBenefitChecker(),
        distance=InMemoryDistanceCalculator(),
        helpdesk=InMemoryHelpdesk(),
        files=InMemoryFileStore(),
    )


def integrations_for(services: Services) -> Integrations:
    """The services' own, the fakes, or the real ones from the environment."""
    if services.integrations is not None:
        return services.integrations
    if uses_fakes(services):
        log.warning(
            "outside services are in-process fakes: no email, DWP check or ticket"
            " leaves this process (APVS_OUTSIDE_SERVICES=real to change)"
        )
        return fake_integrations(services.environ)
    return build_integrations(IntegrationsConfig.from_env(services.environ))


def handler_ports(services: Services) -> HandlerPorts:
    """Everything the handlers use, from the services and their environment."""
    env = services.environ
    integrations = integrations_for(services)
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
