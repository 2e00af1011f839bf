"""Keep personal data out of log lines and error text.

Names cannot be recognised by pattern, so the first rule is never to log them; this
catches the rest (emails, NINOs, UK dates, sort codes, account numbers, phone numbers,
postcodes) wherever a value slips into a message or a structured field.
"""

from __future__ import annotations

import re

REDACTED = "[REDACTED]"

_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+",  # email
        r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]?\b",  # NINO, test prefixes too
        r"\b\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d{2}\b",  # d/m/yyyy
        r"\b\d{2}-\d{2}-\d{2}\b",  # sort code
        r"(?<![\w.:-])\d{8}(?![\w.:-])",  # account number
        r"(?<![\w.:-])(?:\+44 ?|0)\d{4} ?\d{6}(?![\w.:-])",  # UK phone number
        r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b",  # UK postcode
    )
)


def redact(text: str) -> str:
    """Return `text` with anything that looks like personal data replaced."""
    for pattern in _PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text
