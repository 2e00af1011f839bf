"""The last line of a failed run: one line naming the problem and what to check.

Configuration and worker errors already carry such a line. This covers what escapes
from libraries at start-up (an unreachable AWS endpoint, missing credentials) and, as a
last resort, anything else: its type in one line, the traceback only at DEBUG.
"""

from __future__ import annotations

import logging

from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
)

log = logging.getLogger(__name__)


def aws_failure(error: BotoCoreError | ClientError) -> str:
    """One line for an AWS failure, naming the endpoint or the settings to check."""
    if isinstance(error, EndpointConnectionError):
        endpoint = error.kwargs.get("endpoint_url", "the AWS endpoint")
        return (
            f"cannot reach AWS at {endpoint}: check AWS_ENDPOINT_URL (or"
            " AWS_ENDPOINT_URL_<SERVICE>) and AWS_REGION"
        )
    if isinstance(error, NoCredentialsError):
        return (
            "no AWS credentials: check the pod's service account (IRSA) or"
            " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
        )
    if isinstance(error, NoRegionError):
        return "no AWS region: set AWS_REGION"
    if isinstance(error, ClientError):
        code = error.response.get("Error", {}).get("Code", "error")
        return (
            f"AWS refused {error.operation_name} ({code}): check the credentials,"
            " AWS_REGION and the queue and table names"
        )
    return f"AWS failed ({type(error).__name__}): check AWS_ENDPOINT_URL and AWS_REGION"


def unexpected_failure(error: BaseException) -> str:
    """One line for anything else; the traceback goes to the log at DEBUG only."""
    log.debug("unexpected failure", exc_info=error)
    return (
        f"failed with an unexpected {type(error).__name__}"
        " (LOGGING_LEVEL=DEBUG logs the traceback)"
    )
