"""The section 9 reports, behind ROLE_PTPU_REPORT, with every parameter checked."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from hmpps_workers.core.clock import from_uk_wall
from hmpps_workers.runners.prison_to_probation import reports
from hmpps_workers.runners.prison_to_probation.bootstrap import P2pServices
from hmpps_workers.runners.prison_to_probation.http_api.errors import (
    HmppsError,
    responses,
)
from hmpps_workers.runners.prison_to_probation.http_api.models import MatchSummary

MAX_DAYS = 3650
MAX_TEXT = 64
CSV = "text/csv"
_CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {CSV: {"schema": {"type": "string"}}},
        "description": "Quoted CSV, a header then a row per item; empty when none",
    },
    **responses(400, 401, 403, 503),
}

Days = Annotated[int, Query(ge=0, le=MAX_DAYS, description="Whole days (0-3650)")]
Text = Annotated[str | None, Query(min_length=1, max_length=MAX_TEXT)]
When = Annotated[
    str | None,
    Query(
        max_length=40,
        description="An ISO date-time; without an offset, UK local time (exclusive)",
        json_schema_extra={"format": "date-time"},
    ),
]


def _instant(name: str, text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
        return from_uk_wall(value) if value.tzinfo is None else value.astimezone()
    except (ValueError, OverflowError):
        raise HmppsError(
            400, f"Invalid parameter {name}", f"{name}: must be an ISO date-time"
        ) from None


def _csv(text: str) -> Response:
    return Response(text.encode(), media_type=CSV)


def router(services: P2pServices, role: Callable[..., Mapping[str, Any]]) -> APIRouter:
    """The report routes."""
    api = APIRouter(prefix="/report", tags=["reports"], dependencies=[Depends(role)])

    def items() -> tuple[datetime, list[Any]]:
        now = services.clock.now()
        return now, list(services.store.find_all(now=now))

    @api.get("/in-progress", response_class=Response, responses=_CSV_RESPONSE,
             summary="Every unprocessed item")  # fmt: skip
    def in_progress() -> Response:
        return _csv(reports.in_progress(items()[1]))

    @api.get("/not-matched", response_class=Response, responses=_CSV_RESPONSE,
             summary="Unprocessed unmatched items older than daysOld days")  # fmt: skip
    def not_matched(daysOld: Days = 7) -> Response:  # noqa: N803 - the wire name
        now, found = items()
        return _csv(reports.not_matched(found, now=now, days_old=daysOld))

    @api.get("/processed", response_class=Response, responses=_CSV_RESPONSE,
             summary="Processed items, filtered")  # fmt: skip
    def processed(  # noqa: PLR0917 - one per filter
        locationId: Text = None,  # noqa: N803 - the wire names
        eventType: Text = None,  # noqa: N803
        processedDateStartDateTime: When = None,  # noqa: N803
        processedDateEndDateTime: When = None,  # noqa: N803
        createdDateStartDateTime: When = None,  # noqa: N803
        createdDateEndDateTime: When = None,  # noqa: N803
    ) -> Response:
        dates = {
            "processedDateStartDateTime": processedDateStartDateTime,
            "processedDateEndDateTime": processedDateEndDateTime,
            "createdDateStartDateTime": createdDateStartDateTime,
            "createdDateEndDateTime": createdDateEndDateTime,
        }
        filters: dict[str, Any] = {k: _instant(k, v) for k, v in dates.items() if v}
        texts = {"locationId": locationId, "eventType": eventType}
        filters |= {k: v for k, v in texts.items() if v is not None}
        return _csv(reports.processed(items()[1], filters))

    @api.get("/match-summary", response_model=MatchSummary,
             responses=responses(400, 401, 403, 503),
             summary="Imprisonment-status matching, against an SLA")  # fmt: skip
    def match_summary(
        locationId: Text = None,  # noqa: N803 - the wire names
        createdDateStartDateTime: When = None,  # noqa: N803
        createdDateEndDateTime: When = None,  # noqa: N803
        slaDays: Days = 7,  # noqa: N803
    ) -> Any:  # noqa: ANN401 - validated against MatchSummary
        start = _instant("createdDateStartDateTime", createdDateStartDateTime)
        end = _instant("createdDateEndDateTime", createdDateEndDateTime)
        now, found = items()
        return reports.match_summary(
            found,
            now=now,
            sla_days=slaDays,
            keep=lambda m: (
                locationId in {None, m.location_id}
                and reports.between(m.created_date, start, end)
            ),
        )

    return api
