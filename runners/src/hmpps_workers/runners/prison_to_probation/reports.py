"""The section 9 reports: three CSVs with the original's exact columns, and a summary.

opencsv's bean writer set the format: upper-cased field names in alphabetical order,
every value double-quoted, null as "", dates as Java's ISO local text (UK wall clock,
seconds left out when zero), DELETEBY as a UTC local date-time, rows by createdDate,
and an empty body (no header) when nothing matches. Filter bounds are exclusive.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from hmpps_workers.core.clock import to_uk_wall
from hmpps_workers.core.prison_to_probation.model import (
    EventType,
    StoredMessage,
    SynchroniseState,
)

IN_PROGRESS_COLUMNS = (
    "BOOKINGID", "BOOKINGNO", "CREATEDDATE", "CRNS", "DELETEBY", "EVENTTYPE",
    "LEGALSTATUS", "LOCATION", "LOCATIONID", "OFFENDERNO", "RECALL", "STATUS",
)  # fmt: skip
PROCESSED_COLUMNS = (*IN_PROGRESS_COLUMNS[:10], "PROCESSEDDATE", "RECALL", "STATUS")
NOT_MATCHED = {
    SynchroniseState.NO_MATCH,
    SynchroniseState.NO_MATCH_WITH_SENTENCE_DATE,
    SynchroniseState.TOO_MANY_MATCHES,
}
CATEGORIES = {
    SynchroniseState.NO_MATCH: "no-match",
    SynchroniseState.NO_MATCH_WITH_SENTENCE_DATE: "no-match-sentence",
    SynchroniseState.TOO_MANY_MATCHES: "too-many-matches",
    SynchroniseState.BOOKING_NUMBER_NOT_ASSIGNED: "book-number-set-fail",
    SynchroniseState.LOCATION_NOT_UPDATED: "location-set-fail",
    SynchroniseState.KEY_DATES_NOT_UPDATED: "key-dates-set-fail",
    SynchroniseState.ERROR: "error-fail",
}


def java_local(value: datetime | None, *, utc: bool = False) -> str:
    """Java's LocalDateTime.toString of the UK (or UTC) wall-clock time."""
    if value is None:
        return ""
    wall = value.astimezone(UTC).replace(tzinfo=None) if utc else to_uk_wall(value)
    text = wall.strftime("%Y-%m-%dT%H:%M")
    if wall.second or wall.microsecond:
        text += wall.strftime(":%S")
    if wall.microsecond:
        micros = f"{wall.microsecond:06d}"
        text += "." + (micros[:3] if micros.endswith("000") else micros)
    return text


def _row(message: StoredMessage) -> dict[str, str]:
    recall = "" if message.recall is None else str(message.recall).lower()
    return {
        "BOOKINGID": str(message.booking_id),
        "BOOKINGNO": message.booking_no or "",
        "CREATEDDATE": java_local(message.created_date),
        "CRNS": message.matching_crns or "",
        "DELETEBY": java_local(message.delete_by, utc=True),
        "EVENTTYPE": message.event_type,
        "LEGALSTATUS": message.legal_status or "",
        "LOCATION": message.location_description or "",
        "LOCATIONID": message.location_id or "",
        "OFFENDERNO": message.offender_no or "",
        "PROCESSEDDATE": java_local(message.processed_date),
        "RECALL": recall,
        "STATUS": message.status.value,
    }


def to_csv(messages: Iterable[StoredMessage], columns: Sequence[str]) -> str:
    """Quoted CSV by createdDate; empty when there are no rows."""
    rows = sorted(messages, key=lambda m: (m.created_date, m.id))
    if not rows:
        return ""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(columns)
    for message in rows:
        row = _row(message)
        writer.writerow([row[column] for column in columns])
    return out.getvalue()


def in_progress(messages: Iterable[StoredMessage]) -> str:
    """Every unprocessed item."""
    return to_csv((m for m in messages if not m.processed), IN_PROGRESS_COLUMNS)


def not_matched(
    messages: Iterable[StoredMessage], *, now: datetime, days_old: int
) -> str:
    """Unprocessed, unmatched, and older than `days_old` days."""
    cutoff = now - timedelta(days=days_old)
    return to_csv(
        (m for m in messages if not m.processed and m.status in NOT_MATCHED
         and m.created_date < cutoff),
        IN_PROGRESS_COLUMNS,
    )  # fmt: skip


def between(
    value: datetime | None, start: datetime | None, end: datetime | None
) -> bool:
    """Inside the exclusive bounds (no bounds: anything, even None)."""
    if value is None:
        return start is None and end is None
    return (start is None or value > start) and (end is None or value < end)


def processed(messages: Iterable[StoredMessage], filters: Mapping[str, Any]) -> str:
    """Processed items, filtered by location, type and exclusive date bounds."""
    chosen = [
        m
        for m in messages
        if m.processed
        and filters.get("locationId") in {None, m.location_id}
        and filters.get("eventType") in {None, m.event_type}
        and between(m.processed_date, filters.get("processedDateStartDateTime"),
                     filters.get("processedDateEndDateTime"))
        and between(m.created_date, filters.get("createdDateStartDateTime"),
                     filters.get("createdDateEndDateTime"))
    ]  # fmt: skip
    return to_csv(chosen, PROCESSED_COLUMNS)


def _categories(messages: Sequence[StoredMessage]) -> dict[str, int]:
    counts = dict.fromkeys(CATEGORIES.values(), 0)
    for message in messages:
        if message.status in CATEGORIES:
            counts[CATEGORIES[message.status]] += 1
    return counts


def match_summary(
    messages: Iterable[StoredMessage],
    *,
    now: datetime,
    sla_days: int,
    keep: Callable[[StoredMessage], bool],
) -> dict[str, object]:
    """The JSON summary of imprisonment-status matching."""
    status_changes = [
        m for m in messages
        if m.event_type == EventType.IMPRISONMENT_STATUS_CHANGED and keep(m)
    ]  # fmt: skip
    cutoff = now - timedelta(days=sla_days)
    done = [m for m in status_changes if m.processed]
    rejected = [m for m in done if m.status == SynchroniseState.NO_LONGER_VALID]
    open_ = [m for m in status_changes if not m.processed]
    waiting = [m for m in open_ if m.created_date >= cutoff]
    late = [m for m in open_ if m.created_date < cutoff]
    fresh = sum(1 for m in waiting if m.retry_count == 0)
    return {
        "total": len(status_changes),
        "completed": {
            "total": len(done),
            "success": len(done) - len(rejected),
            "rejected": len(rejected),
        },
        "waiting": {
            "total": len(waiting),
            "new": fresh,
            "retry": len(waiting) - fresh,
            "category": _categories(waiting),
        },
        "exceeded-sla": {"total": len(late), "category": _categories(late)},
    }
