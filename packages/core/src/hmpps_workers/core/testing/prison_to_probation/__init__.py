"""In-memory fakes of every prison-to-probation port, for tests and the demo."""

from hmpps_workers.core.testing.prison_to_probation.apis import (
    FakeCommunityApi,
    FakeOffenderSearch,
    FakePrisonApi,
)
from hmpps_workers.core.testing.prison_to_probation.store import (
    InMemoryLock,
    InMemoryMessageStore,
)
from hmpps_workers.core.testing.prison_to_probation.telemetry import (
    RecordingTelemetry,
)

__all__ = [
    "FakeCommunityApi",
    "FakeOffenderSearch",
    "FakePrisonApi",
    "InMemoryLock",
    "InMemoryMessageStore",
    "RecordingTelemetry",
]
