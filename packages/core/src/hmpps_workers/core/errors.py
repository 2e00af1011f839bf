"""The exception tree every package shares; retryable or permanent decides what next.

Docstrings double as default messages, and no message may carry personal data:
callers pass ids and field names, never values.
"""

from __future__ import annotations


class WorkerError(Exception):
    """Something went wrong in hmpps-workers."""

    def __init__(self, message: str | None = None) -> None:
        """Use the class docstring when no message is given."""
        super().__init__(message or (self.__class__.__doc__ or "").strip())


class RetryableError(WorkerError):
    """A transient failure: the same work may succeed if tried again later."""


class PermanentError(WorkerError):
    """A failure that trying again will not fix: bad data, or a refusal."""


class ConfigurationError(PermanentError):
    """The configuration is missing or invalid."""


class InvalidTaskError(PermanentError):
    """The task row cannot be processed as it stands."""


class UnknownTaskTypeError(InvalidTaskError):
    """No handler is registered for this task type."""


class LeaseLostError(WorkerError):
    """The task's lease was taken over before its work committed: nothing written."""
