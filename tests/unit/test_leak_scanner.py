"""The personal-data scanner that guards every test's logs does catch a leak."""

from __future__ import annotations

import logging

from support.personal_data import LeakScanner, leaks


def record(
    name: str, message: str, *args: object, **extra: object
) -> logging.LogRecord:
    entry = logging.LogRecord(name, logging.INFO, __file__, 1, message, args, None)
    entry.__dict__.update(extra)
    return entry


class TestLeakScanner:
    """Records are checked in their message, arguments and structured fields."""

    def test_a_nino_in_the_arguments_is_caught(self):
        """`log.info("checking %s", nino)` is a leak."""
        scanner = LeakScanner()
        scanner.emit(record("hmpps_workers.x", "checking %s", "QQ123456C"))
        assert scanner.found == ["hmpps_workers.x: NINO"]

    def test_an_email_in_a_structured_field_is_caught(self):
        """`extra={"to": email}` is a leak too."""
        scanner = LeakScanner()
        scanner.emit(record("hmpps_workers.x", "sent", to="visitor@example.com"))
        assert scanner.found == ["hmpps_workers.x: email"]

    def test_the_fakes_own_logs_are_not_ours(self):
        """A fake server logging what it received is the peer's business."""
        scanner = LeakScanner()
        scanner.emit(
            record(
                "hmpps_workers.adapters.testing.notify", "to %s", "visitor@example.com"
            )
        )
        assert scanner.found == []

    def test_runner_output_is_checked_the_same_way(self):
        """`leaks` names each category found in a block of text."""
        assert leaks("x AA1 1AA y 07700900000") == ["phone number", "postcode"]
