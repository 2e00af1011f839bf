"""The log redaction filter catches the personal data the test data uses."""

from __future__ import annotations

import pytest

from hmpps_workers.core.redaction import REDACTED, redact


class TestRedact:
    """Personal data patterns are replaced; ids and timestamps are kept."""

    @pytest.mark.parametrize(
        "text",
        [
            "email jane.doe+x@example.co.uk here",
            "nino QQ123456C",
            "nino QQ 12 34 56 C",
            "born 01/02/1980",
            "sort code 11-22-33",
            "account 12345678",
            "phone 07700 900123",
            "postcode SW1A 1AA",
        ],
    )
    def test_personal_data_is_redacted(self, text):
        """Each pattern is replaced by the marker."""
        assert REDACTED in redact(text)

    def test_ids_and_timestamps_survive(self):
        """Task ids, claim ids and ISO timestamps are not personal data."""
        text = "IntSchema.Task 123 claim 4567 at 2026-11-22T10:00:00+00:00"
        assert redact(text) == text
