"""A claimant's follow-up upload: which internal documents the new ones replace.

Deciding what is replaced and what the audit trail says is business, so it is planned
here; the repository carries the plan out in one transaction.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from hmpps_workers.core.prison_visits.claims.model import ClaimDocument
from hmpps_workers.core.prison_visits.claims.records import ClaimEvent
from hmpps_workers.core.prison_visits.claims.values import (
    ClaimEventType,
    DocumentStatus,
    same_text,
)


@attrs.frozen(kw_only=True)
class DocumentReplacement:
    """ExtSchema documents to move in, IntSchema documents they disable, and events."""

    incoming: tuple[ClaimDocument, ...]
    disabled_document_ids: tuple[int, ...] = ()
    events: tuple[ClaimEvent, ...] = ()

    @property
    def moved(self) -> bool:
        """True if any document came in."""
        return bool(self.incoming)


def _replaces(new: ClaimDocument, old: ClaimDocument) -> bool:
    return (
        same_text(new.document_type, old.document_type)
        and new.claim_expense_id == old.claim_expense_id
    )


def plan_document_replacement(
    *,
    claim_id: int,
    incoming: tuple[ClaimDocument, ...],
    current: tuple[ClaimDocument, ...],
    now: datetime,
) -> DocumentReplacement:
    """Disable each current document an incoming one replaces (same type and expense).

    A replaced document that had been uploaded gets a REPLACED-PREVIOUS-DOCUMENT event
    pointing at it, as the original worker wrote.
    """
    enabled = tuple(d for d in incoming if d.is_enabled)
    replaced = [
        old
        for old in current
        if old.is_enabled and any(_replaces(n, old) for n in enabled)
    ]
    events = tuple(
        ClaimEvent(
            eligibility_id=old.eligibility_id,
            claim_id=claim_id,
            reference=old.reference,
            date_added=now,
            event=ClaimEventType.REPLACED_PREVIOUS_DOCUMENT.value,
            claim_document_id=old.claim_document_id,
            note=f"Replaced previous document {old.document_type}",
            is_internal=True,
        )
        for old in replaced
        if same_text(old.document_status, DocumentStatus.UPLOADED)
    )
    return DocumentReplacement(
        incoming=enabled,
        disabled_document_ids=tuple(old.claim_document_id for old in replaced),
        events=events,
    )
