"""Prison to probation: offender events from NOMIS turned into Delius updates."""

from hmpps_workers.core.prison_to_probation.aggregation import AggregationPlan, plan
from hmpps_workers.core.prison_to_probation.envelope import (
    Envelope,
    OffenderEvent,
    parse_envelope,
    parse_event,
)
from hmpps_workers.core.prison_to_probation.errors import MalformedEventError
from hmpps_workers.core.prison_to_probation.interest import InterestedPrisons
from hmpps_workers.core.prison_to_probation.model import (
    EventType,
    StoredMessage,
    SynchroniseState,
)
from hmpps_workers.core.prison_to_probation.outcomes import (
    Done,
    Ignore,
    Store,
    TryLater,
)
from hmpps_workers.core.prison_to_probation.pipeline import (
    Pipeline,
    PipelineSettings,
    Received,
    RunReport,
)
from hmpps_workers.core.prison_to_probation.processor import MessageProcessor
from hmpps_workers.core.prison_to_probation.retry import RetryTier, default_tiers

__all__ = [
    "AggregationPlan",
    "Done",
    "Envelope",
    "EventType",
    "Ignore",
    "InterestedPrisons",
    "MalformedEventError",
    "MessageProcessor",
    "OffenderEvent",
    "Pipeline",
    "PipelineSettings",
    "Received",
    "RetryTier",
    "RunReport",
    "Store",
    "StoredMessage",
    "SynchroniseState",
    "TryLater",
    "default_tiers",
    "parse_envelope",
    "parse_event",
    "plan",
]
