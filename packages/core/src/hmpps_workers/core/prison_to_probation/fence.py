"""A fence before each Delius write: a run whose lease has ended writes nothing more.

A lease lock cannot stop a holder that is paused past its lease (an overloaded host,
a message slower than the margin) while another worker takes the lock. The fence
narrows what such a run can do to the one call already in flight: before each write
to community-api the job's lease is checked on its own clock, and a run past it stops
there, leaving the item unsaved (no retry counted) for the lock's next holder. The
lease is set per thread (a context variable) by the pipeline while it holds a job's
lock; a handler called outside a run (tests, tools) is not fenced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

import attrs

from hmpps_workers.core.prison_to_probation.api import (
    Conviction,
    Custody,
    KeyDatesNotFound,
    OffenderIds,
    ReplaceCustodyKeyDates,
)
from hmpps_workers.core.prison_to_probation.errors import LeaseEndedError
from hmpps_workers.core.prison_to_probation.ports import CommunityApi

_LEASE_HELD: ContextVar[Callable[[], bool] | None] = ContextVar(
    "p2p_lease_held", default=None
)


@contextmanager
def fenced(lease_held: Callable[[], bool]) -> Iterator[None]:
    """Within the block, writes on this thread go ahead only while `lease_held()`."""
    token = _LEASE_HELD.set(lease_held)
    try:
        yield
    finally:
        _LEASE_HELD.reset(token)


def check_lease() -> None:
    """Raise LeaseEndedError if this thread's run has outlived its lease."""
    lease_held = _LEASE_HELD.get()
    if lease_held is not None and not lease_held():
        raise LeaseEndedError


@attrs.define
class FencedCommunityApi:
    """community-api with the lease checked before every write (reads go through)."""

    inner: CommunityApi

    def get_convictions(self, crn: str) -> Sequence[Conviction]:
        """A read: not fenced."""
        return self.inner.get_convictions(crn)

    def update_noms_number(self, crn: str, noms_number: str) -> OffenderIds:
        """Fenced write."""
        check_lease()
        return self.inner.update_noms_number(crn, noms_number)

    def update_booking_number(
        self, offender_no: str, *, sentence_start_date: str, booking_number: str
    ) -> Custody | None:
        """Fenced write."""
        check_lease()
        return self.inner.update_booking_number(
            offender_no,
            sentence_start_date=sentence_start_date,
            booking_number=booking_number,
        )

    def update_custody_location(
        self, offender_no: str, booking_no: str, *, prison_code: str
    ) -> Custody | None:
        """Fenced write."""
        check_lease()
        return self.inner.update_custody_location(
            offender_no, booking_no, prison_code=prison_code
        )

    def replace_key_dates(
        self, offender_no: str, booking_no: str, key_dates: ReplaceCustodyKeyDates
    ) -> Custody | KeyDatesNotFound:
        """Fenced write."""
        check_lease()
        return self.inner.replace_key_dates(offender_no, booking_no, key_dates)

    def replace_noms_number(
        self, old_noms_number: str, new_noms_number: str
    ) -> Sequence[OffenderIds] | None:
        """Fenced write."""
        check_lease()
        return self.inner.replace_noms_number(old_noms_number, new_noms_number)
