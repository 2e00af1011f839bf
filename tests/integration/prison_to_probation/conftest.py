"""Moto's server for the prison-to-probation AWS adapters, reset before every test."""

from __future__ import annotations

import pytest

from hmpps_workers.adapters.aws.clients import (
    AwsSettings,
    dynamodb_client,
    sns_client,
    sqs_client,
)
from hmpps_workers.adapters.aws.p2p_resources import P2pResources, bootstrap
from support import aws


@pytest.fixture(scope="session")
def moto_url():
    """One moto server for the session."""
    with aws.moto_server() as url:
        yield url


@pytest.fixture
def aws_env(moto_url, monkeypatch):
    """A clean moto with the standard endpoint variables pointing at it."""
    aws.reset(moto_url)
    for name, value in aws.aws_environment(moto_url).items():
        monkeypatch.setenv(name, value)
    return moto_url


@pytest.fixture
def dynamodb(aws_env):
    """A DynamoDB client on moto."""
    return dynamodb_client(AwsSettings(), session=aws.session())


@pytest.fixture
def sqs(aws_env):
    """An SQS client on moto (short long-poll allowance)."""
    return sqs_client(AwsSettings(), session=aws.session(), wait=2)


@pytest.fixture
def sns(aws_env):
    """An SNS client on moto."""
    return sns_client(AwsSettings(), session=aws.session())


@pytest.fixture
def resources(dynamodb, sqs, sns):
    """Every prison-to-probation resource, created on moto."""
    created = P2pResources()
    bootstrap(created, dynamodb=dynamodb, sqs=sqs, sns=sns)
    return created


@pytest.fixture
def hmpps():
    """The fake HMPPS Auth and APIs, with no mappings loaded."""
    from support.hmpps import hmpps_fakes  # noqa: PLC0415

    with hmpps_fakes(None) as fakes:
        yield fakes


@pytest.fixture
def web(aws_env, hmpps):
    """The service's application on moto and the fakes, behind a test client."""
    from support.p2p_http import http_world  # noqa: PLC0415

    with http_world(hmpps) as world:
        yield world
