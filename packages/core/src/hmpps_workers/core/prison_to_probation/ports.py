"""The ports of the prison-to-probation pipeline, shaped like the services behind them.

The message store and lock follow the original's DynamoDB tables (a `Message` item per
event, a ShedLock item per lock name); the API ports follow the HTTP endpoints, with the
original's 404 and 409 mappings written into the return types. Any other failure raises
a `WorkerError` (retryable for transport trouble and 5xx, permanent for refusals).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Protocol

import attrs

from hmpps_workers.core.prison_to_probation.api import (
    Booking,
    BookingIdentifier,
    Conviction,
    Custody,
    KeyDatesNotFound,
    MatchRequest,
    Movement,
    OffenderIds,
    OffenderMatches,
    Prisoner,
    ReplaceCustodyKeyDates,
    SentenceDetail,
    SentenceTerm,
)
from hmpps_workers.core.prison_to_probation.model import StoredMessage


class MessageStore(Protocol):
    """The work queue and report store: one item per validated event.

    Every read takes `now` and leaves out items whose `deleteBy` has passed, whether or
    not the store has removed them yet (DynamoDB's TTL can take days).
    """

    def add(self, message: StoredMessage) -> None:
        """Store a new item; its `id` must be unused."""
        ...

    def save(self, message: StoredMessage) -> None:
        """Replace the stored item with the same `id` (it must exist).

        Conditional: the stored version must still be `message.version` (the one
        read), else StaleMessageError and nothing is written; the store bumps it.
        """
        ...

    def delete(self, message_id: str) -> None:
        """Remove an item; removing a missing one is not an error."""
        ...

    def get(self, message_id: str, *, now: datetime) -> StoredMessage | None:
        """The live item with this `id`, if any (a consistent read)."""
        ...

    def find_ready(
        self, *, created_before: datetime, now: datetime, limit: int
    ) -> Sequence[StoredMessage]:
        """Untried unprocessed items created before `created_before`, oldest first."""
        ...

    def find_unprocessed(
        self, booking_id: int, *, now: datetime
    ) -> Sequence[StoredMessage]:
        """Every unprocessed item of one booking, whatever its age or retry count."""
        ...

    def find_for_retry(
        self, *, min_retry_count: int, max_retry_count: int, now: datetime, limit: int
    ) -> Sequence[StoredMessage]:
        """Unprocessed items whose retry count is in the range, oldest first."""
        ...

    def find_all(self, *, now: datetime) -> Sequence[StoredMessage]:
        """Every live item, oldest first (reports and operators)."""
        ...


@attrs.frozen(kw_only=True)
class LockState:
    """A ShedLock item: `_id`, `lockUntil`, `lockedAt`, `lockedBy`."""

    name: str
    lock_until: datetime
    locked_at: datetime
    locked_by: str


class Lock(Protocol):
    """A lease lock per name, compatible with ShedLock's table."""

    def acquire(self, name: str, *, now: datetime, until: datetime, owner: str) -> bool:
        """Take the lock until `until` if it is free (absent or `lockUntil <= now`)."""
        ...

    def release(self, name: str, *, now: datetime, owner: str) -> None:
        """Free the lock now, if `owner` still holds it."""
        ...

    def state(self, name: str) -> LockState | None:
        """The lock item as stored, for operators and tests."""
        ...


class PrisonApi(Protocol):
    """prison-api, as the original calls it."""

    def get_booking(self, booking_id: int) -> Booking:
        """GET the booking; any failure, 404 included, raises."""
        ...

    def get_sentence_detail(self, booking_id: int) -> SentenceDetail:
        """GET the booking's sentence dates."""
        ...

    def get_sentence_terms(self, booking_id: int) -> Sequence[SentenceTerm]:
        """GET the booking's sentence terms."""
        ...

    def get_movement(self, booking_id: int, movement_seq: int) -> Movement | None:
        """GET one movement; None when prison-api says 404."""
        ...

    def get_merged_identifiers(self, booking_id: int) -> Sequence[BookingIdentifier]:
        """GET the booking's identifiers of type MERGED."""
        ...

    def get_prisoners(self, offender_no: str) -> Sequence[Prisoner]:
        """GET /api/prisoners?offenderNo=…; may be empty."""
        ...


class OffenderSearch(Protocol):
    """probation-offender-search."""

    def match(self, request: MatchRequest) -> OffenderMatches:
        """POST /match."""
        ...


class CommunityApi(Protocol):
    """community-api (Delius), as the original calls it."""

    def get_convictions(self, crn: str) -> Sequence[Conviction]:
        """GET the probation case's convictions."""
        ...

    def update_noms_number(self, crn: str, noms_number: str) -> OffenderIds:
        """PUT …/crn/{crn}/nomsNumber; every failure (404, 409 too) raises."""
        ...

    def update_booking_number(
        self, offender_no: str, *, sentence_start_date: str, booking_number: str
    ) -> Custody | None:
        """PUT …/nomsNumber/{offenderNo}/custody/bookingNumber; None on 404."""
        ...

    def update_custody_location(
        self, offender_no: str, booking_no: str, *, prison_code: str
    ) -> Custody | None:
        """PUT …/custody/bookingNumber/{bookingNo}; None on 404."""
        ...

    def replace_key_dates(
        self, offender_no: str, booking_no: str, key_dates: ReplaceCustodyKeyDates
    ) -> Custody | KeyDatesNotFound:
        """POST …/custody/keyDates; a 404 comes back with its body text."""
        ...

    def replace_noms_number(
        self, old_noms_number: str, new_noms_number: str
    ) -> Sequence[OffenderIds] | None:
        """PUT …/nomsNumber/{old}/nomsNumber; None on 404 or 409."""
        ...


class Telemetry(Protocol):
    """Application Insights custom events (section 10.2 names and properties)."""

    def track_event(self, name: str, properties: Mapping[str, str]) -> None:
        """Record one custom event; properties are ids and codes, never names."""
        ...
