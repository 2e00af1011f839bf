"""The HMPPS domain-events queue: consumed and logged, as the original did at bbd72b5.

The original's listener logged each message and did nothing else. This one logs the
event type and SNS MessageId only, never the body, which can name a person.
"""

from __future__ import annotations

import logging

from hmpps_workers.core.prison_to_probation.envelope import parse_envelope

log = logging.getLogger(__name__)


def log_domain_event(body: str | bytes) -> str:
    """Log one domain event by type; a malformed body raises (dead-letter it)."""
    envelope = parse_envelope(body)
    log.info(
        "HMPPS domain event received",
        extra={
            "event_type": envelope.event_type,
            "sns_message_id": envelope.message_id,
        },
    )
    return envelope.event_type
