"""Which handlers a worker runs, and the prison-visits ones wired to their adapters.

`load` finds a registry by name (`prison-visits`, `diagnostics`) or `module:callable`.

Settings come from `HandlerConfig` (links, auto-approval defaults, pricing, prisons,
archive age) and `IntegrationsConfig` (Notify, DWP, distance, Zendesk), both read
here, when the handlers are built; the archive database from the bootstrap.

`APVS_OUTSIDE_SERVICES` says whether Notify, DWP, distance and Zendesk are the real
ones (`real`, the default with a configured database) or in-process fakes (`fake`,
the default on the embedded SQLite database, so it runs with no configuration).
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping

from hmpps_workers.adapters.sql.prison_visits.claim_updates import SqlClaimUpdates
from hmpps_workers.adapters.sql.prison_visits.repository import SqlClaimRepository
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.handlers import (
    HandlerPorts,
    prison_visits_registry,
)
from hmpps_workers.core.tasks import HandlerRegistry
from hmpps_workers.core.testing.benefits import InMemoryBenefitChecker
from hmpps_workers.core.testing.distance import InMemoryDistanceCalculator
from hmpps_workers.core.testing.documents import InMemoryFileStore
from hmpps_workers.core.testing.email import InMemoryEmailSender
from hmpps_workers.core.testing.helpdesk import InMemoryHelpdesk
from hmpps_workers.runners.prison_visits import diagnostics
from hmpps_workers.runners.prison_visits.bootstrap import RegistryFactory, Services
from hmpps_workers.runners.prison_visits.handler_config import HandlerConfig
from hmpps_workers.runners.prison_visits.integrations import (
    Integrations,
    build_integrations,
)
from hmpps_workers.runners.prison_visits.integrations_config import IntegrationsConfig

log = logging.getLogger("hmpps_workers.runners")


def uses_fakes(services: Services, config: HandlerConfig) -> bool:
    """`APVS_OUTSIDE_SERVICES`: fake on the embedded database, else real."""
    default = "fake" if services.config.database.embedded else "real"
    return (config.outside_services or default) == "fake"


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


def integrations_for(services: Services, config: HandlerConfig) -> Integrations:
    """The services' own, the fakes, or the real ones from the environment."""
    if services.integrations is not None:
        return services.integrations
    if uses_fakes(services, config):
        log.warning(
            "outside services are in-process fakes: no email, DWP check or ticket"
            " leaves this process (APVS_OUTSIDE_SERVICES=real to change)"
        )
        return fake_integrations(services.environ)
    return build_integrations(IntegrationsConfig.from_env(services.environ))


def handler_ports(services: Services) -> HandlerPorts:
    """Everything the handlers use, from the services and their environment."""
    config = HandlerConfig.from_env(services.environ)
    integrations = integrations_for(services, config)
    return HandlerPorts(
        claims=SqlClaimRepository(services.engine),
        updates=SqlClaimUpdates(services.engine),
        tasks=services.task_store,
        email=integrations.email,
        benefits=integrations.benefits,
        distance=integrations.distance,
        helpdesk=integrations.helpdesk,
        archive=services.archive(),
        clock=services.clock,
        prisons=config.prisons,
        templates=integrations.config.notify.templates,
        links=config.links,
        approval_defaults=config.approval_defaults,
        pricing=config.pricing,
        helpdesk_test_mode=integrations.config.zendesk.test_mode,
        archive_after=config.archive_after,
    )


def prison_visits(services: Services) -> HandlerRegistry:
    """The Help with Prison Visits task catalogue: all 17 types and two own steps."""
    return prison_visits_registry(handler_ports(services))


def diagnostic(services: Services) -> HandlerRegistry:
    """Only the diagnostic task types."""
    del services
    return diagnostics.registry()


NAMED: dict[str, RegistryFactory] = {
    "prison-visits": prison_visits,
    "diagnostics": diagnostic,
}


def load(name: str) -> RegistryFactory:
    """Find a registry by name, or import `package.module:callable`."""
    if name in NAMED:
        return NAMED[name]
    module_name, _, attribute = name.partition(":")
    if not attribute:
        raise ConfigurationError(
            f"unknown registry {name!r}: use one of {', '.join(NAMED)}"
            " or package.module:callable"
        )
    try:
        factory = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise ConfigurationError(f"cannot load registry {name!r}: {error}") from None
    if not callable(factory):
        raise ConfigurationError(f"registry {name!r} is not callable")
    return factory  # type: ignore[no-any-return]
