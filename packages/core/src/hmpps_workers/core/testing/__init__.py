"""In-memory implementations of every port, enforcing the same rules as the real ones.

Ship these to your own tests: they can be inspected, and the contract suites in
`hmpps_workers.core.testing.contracts` prove they behave like the real adapters.
"""

from hmpps_workers.core.testing.clock import FakeClock
from hmpps_workers.core.testing.tasks import InMemoryTaskStore

__all__ = ["FakeClock", "InMemoryTaskStore"]
