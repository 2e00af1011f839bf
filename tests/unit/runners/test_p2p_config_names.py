"""One definition of the AWS names, the domain-events queue, keys and redelivery."""

from __future__ import annotations

from datetime import timedelta

import pytest

from hmpps_workers.adapters.aws.p2p_resources import P2pResources
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.runners.prison_to_probation.config import P2pConfig, aws_names

REQUIRED = {
    "OAUTH_ENDPOINT_URL": "http://auth/auth",
    "OAUTH_CLIENT_ID": "client",
    "OAUTH_CLIENT_SECRET": "s3cr3t-value",
    "PRISON_ENDPOINT_URL": "http://prison",
    "COMMUNITY_ENDPOINT_URL": "http://community",
    "OFFENDER_SEARCH_ENDPOINT_URL": "http://search",
    "DYNAMODB_TABLENAME": "cp-message",
    "DYNAMODB_SCHEDULE_TABLENAME": "cp-schedule",
}


class TestAwsNames:
    """The configuration reads its names into the resources' one definition."""

    def test_defaults_are_the_originals_and_the_schedule_table_is_a_string(self):
        """With nothing set, every name is the original's local default text."""
        names = aws_names({})
        assert names == P2pResources()
        assert names.schedule_table == "cp-schedule"

    def test_hmpps_domain_events_queue_names(self):
        """HMPPS_SQS_QUEUE_NAME and HMPPS_SQS_DLQ_NAME, as the original's secrets."""
        names = aws_names({"HMPPS_SQS_QUEUE_NAME": "hq", "HMPPS_SQS_DLQ_NAME": "hdlq"})
        assert (names.hmpps_queue, names.hmpps_dlq) == ("hq", "hdlq")

    def test_hmpps_queue_keys_are_their_own(self):
        """HMPPS_SQS_AWS_… and HMPPS_SQS_AWS_DLQ_… make separate sessions."""
        config = P2pConfig.from_env(
            {**REQUIRED, "HMPPS_SQS_AWS_ACCESS_KEY_ID": "hk",
             "HMPPS_SQS_AWS_SECRET_ACCESS_KEY": "hs",
             "HMPPS_SQS_AWS_DLQ_ACCESS_KEY_ID": "dk",
             "HMPPS_SQS_AWS_DLQ_SECRET_ACCESS_KEY": "ds"}
        )  # fmt: skip
        keys = [
            session.get_credentials().access_key
            for session in (config.hmpps_sqs_session, config.hmpps_dlq_session)
        ]
        assert keys == ["hk", "dk"]


class TestRedeliverySettings:
    """How long a failing message is retried before it is parked."""

    def test_park_after_defaults_to_a_day_and_can_be_set(self):
        """PRISONTOPROBATION_PARK_AFTER is a Spring duration."""
        default = P2pConfig.from_env(REQUIRED).redelivery.park_after
        set_ = P2pConfig.from_env(
            {**REQUIRED, "PRISONTOPROBATION_PARK_AFTER": "48h"}
        ).redelivery.park_after
        assert (default, set_) == (timedelta(hours=24), timedelta(hours=48))

    def test_a_delay_over_sqs_limit_is_a_named_error(self):
        """SQS delays at most 15 minutes."""
        with pytest.raises(ConfigurationError, match="RETRY_MAX_DELAY"):
            P2pConfig.from_env({**REQUIRED, "PRISONTOPROBATION_RETRY_MAX_DELAY": "1h"})
