"""AWS failures mapped onto retryable and permanent errors, naming codes, never data."""

from __future__ import annotations

from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

from hmpps_workers.core.errors import PermanentError, RetryableError

_TRANSIENT = {
    "ProvisionedThroughputExceededException",
    "ThrottlingException",
    "Throttling",
    "RequestLimitExceeded",
    "InternalServerError",
    "ServiceUnavailable",
    "RequestTimeout",
    "TransactionConflictException",
}
_SERVER_ERROR = 500


class AwsUnavailableError(RetryableError):
    """An AWS service could not be reached or was overloaded."""


class AwsRejectedError(PermanentError):
    """An AWS service refused the request."""


def error_code(error: ClientError) -> str:
    """The AWS error code of a ClientError ("unknown" when absent)."""
    return str(error.response.get("Error", {}).get("Code", "unknown"))


def translate(error: Exception, operation: str) -> Exception:
    """Map a boto3 failure to a retryable or permanent error naming the operation."""
    if isinstance(error, ClientError):
        code = error_code(error)
        status = int(
            error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        )
        text = f"{operation} failed: {code[:80]} (HTTP {status})"
        if code in _TRANSIENT or status >= _SERVER_ERROR:
            return AwsUnavailableError(text)
        return AwsRejectedError(text)
    if isinstance(error, NoCredentialsError):
        return AwsRejectedError(f"{operation}: no AWS credentials found")
    if isinstance(error, BotoCoreError):
        return AwsUnavailableError(f"{operation} failed: {type(error).__name__}")
    return error
