"""Dead-letter queue administration, behind ROLE_PTPU_QUEUE_ADMIN."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from hmpps_workers.adapters.aws.sqs_admin import SqsQueueAdmin
from hmpps_workers.runners.prison_to_probation.http_api.auth import actor
from hmpps_workers.runners.prison_to_probation.http_api.errors import (
    HmppsError,
    responses,
)
from hmpps_workers.runners.prison_to_probation.http_api.models import (
    DlqMessages,
    DlqRedriven,
    ParkedMoved,
    Purged,
    Redriven,
)

log = logging.getLogger(__name__)

MAX_MESSAGES = 100
QueueName = Annotated[
    str, Path(min_length=1, max_length=80, examples=["prison_to_probation_dlq"])
]
_REFUSALS = responses(400, 401, 403, 404, 503)


@contextmanager
def _known() -> Iterator[None]:
    try:
        yield
    except KeyError:
        raise HmppsError(
            404, "No such queue", "not one of this service's queues"
        ) from None


def router(admin: SqsQueueAdmin, role: Callable[..., Mapping[str, Any]]) -> APIRouter:
    """The queue-admin routes."""
    api = APIRouter(
        prefix="/queue-admin", tags=["queue-admin"], dependencies=[Depends(role)]
    )

    @api.put("/retry-dlq/{dlqName}", response_model=Redriven, responses=_REFUSALS,
             summary="Move a DLQ's messages back (parking repeaters)")  # fmt: skip
    def retry_dlq(dlqName: QueueName) -> Redriven:  # noqa: N803 - the wire name
        with _known():
            report = admin.retry_dlq(dlqName)
        return Redriven(redriven=report.redriven, parked=report.parked)

    @api.put("/retry-all-dlqs", response_model=list[DlqRedriven], responses=_REFUSALS,
             summary="Redrive every DLQ (the housekeeping job)")  # fmt: skip
    def retry_all() -> list[DlqRedriven]:
        return [
            DlqRedriven(dlq=r.dlq, redriven=r.redriven, parked=r.parked)
            for r in admin.retry_all()
        ]

    @api.put("/purge-queue/{queueName}", response_model=Purged, responses=_REFUSALS,
             summary="Purge one of the service's queues")  # fmt: skip
    def purge(queueName: QueueName) -> Purged:  # noqa: N803 - the wire name
        with _known():
            return Purged(messagesPurged=admin.purge(queueName))

    @api.get("/get-dlq-messages/{dlqName}", response_model=DlqMessages,
             responses=_REFUSALS, summary="Peek at a DLQ's messages")  # fmt: skip
    def dlq_messages(
        dlqName: QueueName,  # noqa: N803 - the wire names
        maxMessages: Annotated[  # noqa: N803
            int, Query(ge=1, le=MAX_MESSAGES, description="At most 100")
        ] = MAX_MESSAGES,
    ) -> DlqMessages:
        with _known():
            return DlqMessages.model_validate(admin.list_dlq(dlqName, maxMessages))

    @api.get("/parked", response_model=DlqMessages, responses=_REFUSALS,
             summary="Peek at what redrive parked")  # fmt: skip
    def parked(
        request: Request,
        maxMessages: Annotated[  # noqa: N803 - the wire name
            int, Query(ge=1, le=MAX_MESSAGES, description="At most 100")
        ] = MAX_MESSAGES,
    ) -> DlqMessages:
        found = DlqMessages.model_validate(admin.list_parked(maxMessages))
        log.info(
            "parked messages listed",
            extra={"by": actor(request), "returned": found.messagesReturnedCount},
        )
        return found

    @api.put("/retry-parked", response_model=ParkedMoved, responses=_REFUSALS,
             summary="Move parked messages back (logged)")  # fmt: skip
    def retry_parked(
        request: Request,
    ) -> ParkedMoved:
        return ParkedMoved(moved=admin.retry_parked(by=actor(request)))

    return api
