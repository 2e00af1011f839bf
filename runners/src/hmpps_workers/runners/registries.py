"""Named handler registries the CLI can run, and loading one by `module:callable`."""

from __future__ import annotations

import importlib

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.handlers import prison_visits_registry
from hmpps_workers.core.tasks import HandlerRegistry
from hmpps_workers.runners import diagnostics
from hmpps_workers.runners.bootstrap import RegistryFactory, Services
from hmpps_workers.runners.prison_visits_handlers import handler_ports


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
