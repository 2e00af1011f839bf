"""The prison-visits task handlers: thin steps over the claims and service ports."""

from hmpps_workers.core.prison_visits.handlers.catalogue import (
    HandlerPorts,
    handlers,
    prison_visits_registry,
)
from hmpps_workers.core.prison_visits.handlers.common import (
    ClaimNotFoundError,
    StepType,
)
from hmpps_workers.core.prison_visits.handlers.ports import ClaimUpdate, ClaimUpdates

__all__ = [
    "ClaimNotFoundError",
    "ClaimUpdate",
    "ClaimUpdates",
    "HandlerPorts",
    "StepType",
    "handlers",
    "prison_visits_registry",
]
