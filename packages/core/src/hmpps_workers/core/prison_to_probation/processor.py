"""Route a stored message to its handler; any exception becomes a retryable ERROR."""

from __future__ import annotations

import logging
from typing import Protocol

import attrs

from hmpps_workers.core.prison_to_probation.envelope import OffenderEvent, parse_event
from hmpps_workers.core.prison_to_probation.errors import LeaseEndedError
from hmpps_workers.core.prison_to_probation.fence import FencedCommunityApi
from hmpps_workers.core.prison_to_probation.handlers import (
    BookingNumberHandler,
    MovementHandler,
    SentenceDatesHandler,
)
from hmpps_workers.core.prison_to_probation.imprisonment_status import (
    ImprisonmentStatusHandler,
)
from hmpps_workers.core.prison_to_probation.interest import InterestedPrisons
from hmpps_workers.core.prison_to_probation.model import (
    EventType,
    StoredMessage,
    SynchroniseState,
)
from hmpps_workers.core.prison_to_probation.outcomes import Done, Outcome, TryLater
from hmpps_workers.core.prison_to_probation.ports import (
    CommunityApi,
    OffenderSearch,
    PrisonApi,
    Telemetry,
)

log = logging.getLogger(__name__)


class Handler(Protocol):
    """Processes one kind of event."""

    def process(self, event: OffenderEvent) -> Outcome:
        """Do the downstream work and say how it ended."""
        ...


@attrs.define
class MessageProcessor:
    """One handler per event type, as the original's MessageProcessor."""

    handlers: dict[EventType, Handler]

    @classmethod
    def build(
        cls,
        *,
        prison_api: PrisonApi,
        search: OffenderSearch,
        community_api: CommunityApi,
        telemetry: Telemetry,
        prisons: InterestedPrisons,
    ) -> MessageProcessor:
        """Wire the four handlers to the ports; Delius writes behind the lease fence."""
        community_api = FencedCommunityApi(community_api)
        dates = SentenceDatesHandler(
            prison_api=prison_api,
            community_api=community_api,
            telemetry=telemetry,
            prisons=prisons,
        )
        return cls(
            handlers={
                EventType.IMPRISONMENT_STATUS_CHANGED: ImprisonmentStatusHandler(
                    prison_api=prison_api,
                    search=search,
                    community_api=community_api,
                    telemetry=telemetry,
                    prisons=prisons,
                ),
                EventType.EXTERNAL_MOVEMENT_RECORD_INSERTED: MovementHandler(
                    prison_api=prison_api,
                    community_api=community_api,
                    telemetry=telemetry,
                    prisons=prisons,
                ),
                EventType.BOOKING_NUMBER_CHANGED: BookingNumberHandler(
                    prison_api=prison_api,
                    community_api=community_api,
                    telemetry=telemetry,
                    prisons=prisons,
                ),
                EventType.SENTENCE_DATES_CHANGED: dates,
                EventType.CONFIRMED_RELEASE_DATE_CHANGED: dates,
            }
        )

    def process(self, message: StoredMessage) -> Outcome:
        """Process one stored message; failures are logged and retried as ERROR."""
        known = EventType.parse(message.event_type)
        if known is None or known not in self.handlers:
            return Done(reason=f"unexpected event type {message.event_type}")
        try:
            return self.handlers[known].process(parse_event(message.message))
        except LeaseEndedError:
            raise  # not the message's failure: the next holder processes it
        except Exception as error:  # noqa: BLE001 - any failure is retried, as before
            log.warning(
                "processing failed, will retry",
                extra={
                    "message_id": message.id,
                    "event_type": message.event_type,
                    "booking_id": message.booking_id,
                    "error": type(error).__name__,
                },
            )
            return TryLater(status=SynchroniseState.ERROR)
