"""The Notify templates the worker uses: their configuration keys and default ids.

The ids are the ones the original's Helm values set, the same in every environment;
`APVS_` + the key overrides one.
"""

from __future__ import annotations

import enum


class Template(enum.Enum):
    """A Notify email template: value is (configuration key, default template id)."""

    ACCEPTED_CLAIM_BANK = (
        "NOTIFY_ACCEPTED_CLAIM_BANK_EMAIL_TEMPLATE_ID",
        "4c34eb1e-1449-4ae9-b5f1-05e317388d98",
    )
    ACCEPTED_CLAIM_ADVANCE_BANK = (
        "NOTIFY_ACCEPTED_CLAIM_ADVANCE_BANK_EMAIL_TEMPLATE_ID",
        "d0ccc069-01a6-4cc3-b1f0-ee4cbec4d652",
    )
    ACCEPTED_CLAIM_PAYOUT = (
        "NOTIFY_ACCEPTED_CLAIM_PAYOUT_EMAIL_TEMPLATE_ID",
        "ed7eccf8-5623-482a-93e2-d78e4acebe73",
    )
    ACCEPTED_CLAIM_ADVANCE_PAYOUT = (
        "NOTIFY_ACCEPTED_CLAIM_ADVANCE_PAYOUT_EMAIL_TEMPLATE_ID",
        "2dd232f8-3977-4d34-8296-b5bad6fa7d61",
    )
    ACCEPTED_CLAIM_MANUAL = (
        "NOTIFY_ACCEPTED_CLAIM_MANUAL_EMAIL_TEMPLATE_ID",
        "73ee742e-6e9b-433d-a406-246405fd9c3e",
    )
    REJECTED_CLAIM = (
        "NOTIFY_REJECTED_CLAIM_EMAIL_TEMPLATE_ID",
        "daade7c1-ad2e-47c1-bd7a-7a79b115b995",
    )
    REQUEST_INFORMATION_CLAIM = (
        "NOTIFY_REQUEST_INFORMATION_CLAIM_EMAIL_TEMPLATE_ID",
        "72a3ee72-321a-4470-9db1-e05811364a86",
    )
    REQUEST_INFORMATION_REMINDER = (
        "NOTIFY_REQUEST_INFORMATION_REMINDER_EMAIL_TEMPLATE_ID",
        "7a465799-0b93-4ff9-9952-0ac73de01344",
    )
    REQUEST_INFORMATION_RESPONSE_SUBMITTED = (
        "NOTIFY_REQUEST_INFORMATION_RESPONSE_SUBMITTED_EMAIL_TEMPLATE_ID",
        "5dd77ed5-5c16-4c70-afb5-9b4f999b88f3",
    )
    SUBMIT_CLAIM = (
        "NOTIFY_SUBMIT_CLAIM_EMAIL_TEMPLATE_ID",
        "508b23b3-3f1c-45c2-bdc7-db90e3fae8b0",
    )
    ADVANCE_CLAIM_EVIDENCE_REMINDER = (
        "NOTIFY_ADVANCE_CLAIM_EVIDENCE_REMINDER_TEMPLATE_ID",
        "b6de4d5e-9bbf-43b2-8b16-a3a3e3f3007e",
    )
    ADVANCE_CLAIM_SECOND_EVIDENCE_REMINDER = (
        "NOTIFY_ADVANCE_CLAIM_SECOND_EVIDENCE_REMINDER_TEMPLATE_ID",
        "0ffe86ba-608c-4cde-ad0a-9ec8f0e45a81",
    )
    MALWARE_UPLOAD = (
        "NOTIFY_MALWARE_UPLOAD_EMAIL_TEMPLATE_ID",
        "0c5d8ccc-cc04-4789-bac7-467c4714af4a",
    )
    SEND_REFERENCE_RECOVERY = (
        "NOTIFY_SEND_REFERENCE_RECOVERY_EMAIL_TEMPLATE_ID",
        "b647aca3-03c1-497d-9d92-997d8dd49aa1",
    )
    UPDATE_CONTACT_DETAILS = (
        "NOTIFY_UPDATE_CONTACT_DETAILS_EMAIL_TEMPLATE_ID",
        "b4478243-1120-4fc3-8cab-a8a512868254",
    )

    @property
    def config_key(self) -> str:
        """The configuration key; the environment variable is `APVS_` + this."""
        return self.value[0]

    @property
    def default_id(self) -> str:
        """The template id the original deployed everywhere."""
        return self.value[1]

    @property
    def env_var(self) -> str:
        """The environment variable that overrides the id."""
        return f"APVS_{self.config_key}"
