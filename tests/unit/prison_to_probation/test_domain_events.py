"""The HMPPS domain-events queue: logged by type, body never logged."""

from __future__ import annotations

import json
import logging

import pytest

from hmpps_workers.core.prison_to_probation import MalformedEventError
from hmpps_workers.core.prison_to_probation.domain_events import log_domain_event

BODY = json.dumps({
    "MessageId": "d-1",
    "Message": json.dumps({"eventType": "PRISONER_RELEASED", "nomsNumber": "A5089DY"}),
    "MessageAttributes": {"eventType": {"Type": "String", "Value": "PRISONER_RELEASED"}},
})  # fmt: skip


class TestDomainEvents:
    """As the original's placeholder listener: acknowledge and log."""

    def test_event_is_logged_by_type_without_its_body(self, caplog):
        """The log names the type and MessageId, never the prison number inside."""
        with caplog.at_level(logging.INFO):
            assert log_domain_event(BODY) == "PRISONER_RELEASED"
        (record,) = caplog.records
        assert (record.event_type, record.sns_message_id) == (
            "PRISONER_RELEASED",
            "d-1",
        )
        assert "A5089DY" not in caplog.text + repr(record.__dict__)

    def test_malformed_body_is_refused_for_the_dead_letter_queue(self):
        """Not an SNS envelope: a permanent error."""
        with pytest.raises(MalformedEventError):
            log_domain_event("not json")
