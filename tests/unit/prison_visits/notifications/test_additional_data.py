"""AdditionalData parsers: the right fields out, or a named error, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.errors import InvalidTaskError
from hmpps_workers.core.prison_visits import additional_data as parse
from hmpps_workers.core.prison_visits.additional_data import (
    AdvanceReminder,
    ReferenceRecoveryRequest,
    ReminderKind,
    TechnicalHelpRequest,
)
from hmpps_workers.core.prison_visits.task_types import TaskType

EMAIL = "visitor@example.com"
MARK = "QZXJ"
anything = st.one_of(
    st.none(),
    st.text().map(lambda t: MARK + t),
    st.text(alphabet="~@ a.b\n", max_size=30).map(lambda t: t + MARK),
    st.text(alphabet="~@ a.b\n", max_size=30).map(lambda t: f"{MARK}@x.y~~{t}"),
)


def _error_text(call, text):
    """The InvalidTaskError message, or "" when the text parsed."""
    try:
        call(text)
    except InvalidTaskError as error:
        return str(error)
    return ""


def _fails_cleanly(call, text):
    """Either a value or InvalidTaskError whose message does not echo the input."""
    assert MARK not in _error_text(call, text)


class TestRecipient:
    """Notification tasks carry one email address."""

    def test_the_address_is_returned_trimmed(self):
        """Surrounding spaces are dropped."""
        expected = EMAIL
        assert expected == parse.recipient(
            TaskType.SEND_CLAIM_NOTIFICATION, f" {EMAIL} "
        )

    @pytest.mark.parametrize(
        "text", [None, "", "  ", "no-at-sign", "a@b@c", "a b@c.d", "@x"]
    )
    def test_a_missing_or_malformed_address_is_an_invalid_task(self, text):
        """Named after the task type, not the value."""
        with pytest.raises(InvalidTaskError, match="ACCEPT-CLAIM-NOTIFICATION"):
            parse.recipient(TaskType.ACCEPT_CLAIM_NOTIFICATION, text)

    @given(anything)
    def test_never_crashes(self, text):
        """Any text gives an address or InvalidTaskError."""
        _fails_cleanly(lambda t: parse.recipient(TaskType.SEND_MALWARE_ALERT, t), text)


class TestAdvanceReminder:
    """`<email>~~firstReminder` or `<email>~~secondReminder`."""

    @pytest.mark.parametrize("kind", list(ReminderKind))
    def test_both_kinds(self, kind):
        """The email and the reminder kind."""
        expected = AdvanceReminder(email=EMAIL, kind=kind)
        assert expected == parse.advance_reminder(f"{EMAIL}~~{kind}")

    def test_another_kind_is_not_a_valid_reminder_type(self):
        """The original's message, without the value."""
        with pytest.raises(InvalidTaskError, match="Not valid reminder type"):
            parse.advance_reminder(f"{EMAIL}~~thirdReminder")

    @pytest.mark.parametrize(
        "text", [None, EMAIL, f"{EMAIL}~~firstReminder~~x", "~~firstReminder"]
    )
    def test_wrong_shape_is_an_invalid_task(self, text):
        """Missing or extra fields, or no email."""
        with pytest.raises(InvalidTaskError):
            parse.advance_reminder(text)

    @given(anything)
    def test_never_crashes(self, text):
        """Any text gives a reminder or InvalidTaskError."""
        _fails_cleanly(parse.advance_reminder, text)


class TestTechnicalHelp:
    """`<name>~~<email>~~<issue>`."""

    def test_fields(self):
        """Name trimmed, issue kept as written."""
        expected = TechnicalHelpRequest(
            name="Val", email=EMAIL, issue="Reference number: X\n\nHelp"
        )
        assert expected == parse.technical_help(
            f"Val ~~{EMAIL}~~Reference number: X\n\nHelp"
        )

    def test_a_separator_inside_the_issue_stays_in_it(self):
        """The original cut the issue short at a second `~~`."""
        expected = "before ~~ after"
        assert expected == parse.technical_help(f"Val~~{EMAIL}~~before ~~ after").issue

    @pytest.mark.parametrize(
        "text",
        [
            None,
            "",
            "Val~~" + EMAIL,
            "Val~~x~~issue",
        ],
    )
    def test_wrong_shape_is_an_invalid_task(self, text):
        """Missing fields or a bad email."""
        with pytest.raises(InvalidTaskError, match="TECHNICAL_HELP_SUBMITTED"):
            parse.technical_help(text)

    @pytest.mark.parametrize("text", [f"~~{EMAIL}~~issue", f"Val~~{EMAIL}~~ "])
    def test_empty_name_or_issue_is_still_a_request(self, text):
        """As in the original, the ticket is raised; the helpdesk decides."""
        assert parse.technical_help(text).email == EMAIL

    @given(anything)
    def test_never_crashes(self, text):
        """Any text gives a request or InvalidTaskError."""
        _fails_cleanly(parse.technical_help, text)


class TestReferenceRecovery:
    """`<email>~~<prisonNumber>`."""

    def test_fields(self):
        """Email and prison number, trimmed."""
        expected = ReferenceRecoveryRequest(email=EMAIL, prison_number="A1234BC")
        assert expected == parse.reference_recovery(f"{EMAIL}~~ A1234BC ")

    @pytest.mark.parametrize(
        "text", [None, EMAIL, f"{EMAIL}~~", f"{EMAIL}~~A~~B", "x~~A1234BC"]
    )
    def test_wrong_shape_is_an_invalid_task(self, text):
        """Exactly two fields, a real email and a prison number."""
        with pytest.raises(InvalidTaskError, match="REFERENCE_RECOVERY"):
            parse.reference_recovery(text)

    @given(anything)
    def test_never_crashes(self, text):
        """Any text gives a request or InvalidTaskError."""
        _fails_cleanly(parse.reference_recovery, text)


class TestFreeText:
    """COMPLETE-CLAIM's claim type and the claimant's message."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("repeat", "repeat"),
            (" first-time ", "first-time"),
            ("", None),
            (None, None),
        ],
    )
    def test_claim_type_is_recorded_as_given(self, text, expected):
        """Trimmed; empty is None."""
        assert expected == parse.claim_type(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [("Thanks", "Thanks"), (" ", " "), ("", None), (None, None)],
    )
    def test_message_is_none_only_when_empty(self, text, expected):
        """As the original: any non-empty text becomes a MESSAGE event."""
        assert expected == parse.claimant_message(text)

    @given(anything)
    def test_never_crash(self, text):
        """Free text is never refused."""
        parse.claim_type(text)
        parse.claimant_message(text)
