"""What escapes from libraries at start-up still ends as one line naming what to check."""

from __future__ import annotations

from botocore.exceptions import (
    ClientError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
)

from hmpps_workers.runners.failures import aws_failure, unexpected_failure


class TestAwsFailure:
    def test_an_unreachable_endpoint_names_it_and_the_variable(self):
        """The endpoint URL and AWS_ENDPOINT_URL are named."""
        error = EndpointConnectionError(endpoint_url="http://127.0.0.1:9/")
        assert aws_failure(error) == (
            "cannot reach AWS at http://127.0.0.1:9/: check AWS_ENDPOINT_URL"
            " (or AWS_ENDPOINT_URL_<SERVICE>) and AWS_REGION"
        )

    def test_missing_credentials_and_region_name_their_settings(self):
        """No credentials points at IRSA or the key pair; no region at AWS_REGION."""
        assert "AWS_ACCESS_KEY_ID" in aws_failure(NoCredentialsError())
        assert aws_failure(NoRegionError()) == "no AWS region: set AWS_REGION"

    def test_a_refusal_names_the_operation_and_code(self):
        """AccessDenied on CreateQueue says so, without the message body."""
        error = ClientError(
            {"Error": {"Code": "AccessDenied", "Message": "arn:aws:iam::1:role/x"}},
            "CreateQueue",
        )
        line = aws_failure(error)
        assert line.startswith("AWS refused CreateQueue (AccessDenied)")
        assert "arn:aws" not in line


class TestUnexpectedFailure:
    def test_anything_else_is_its_type_in_one_line(self):
        """The type and where to find the traceback; not the exception's text."""
        line = unexpected_failure(RuntimeError("row 12 went wrong"))
        assert line == (
            "failed with an unexpected RuntimeError"
            " (LOGGING_LEVEL=DEBUG logs the traceback)"
        )
