"""The prison-to-probation service's configuration, by the original's variable names.

AWS endpoints come from boto3's standard `AWS_ENDPOINT_URL_<SERVICE>` variables, so
nothing here knows about moto or LocalStack. The original's static keys per table and
queue (`DYNAMODB_AWS_ACCESS_KEY_ID`, `SQS_AWS_ACCESS_KEY_ID`, ...) are honoured when
set; otherwise the default credential chain (IRSA in the cluster) applies.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

import attrs
import boto3

from hmpps_workers.adapters.aws.p2p_resources import P2pResources
from hmpps_workers.adapters.aws.sqs_redelivery import RedeliveryPolicy
from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_to_probation import (
    InterestedPrisons,
    PipelineSettings,
    RetryTier,
    default_tiers,
)
from hmpps_workers.runners.env import Env, Secret
from hmpps_workers.runners.telemetry.settings import (
    Service,
    TelemetrySettings,
    telemetry_settings,
)


def _text(env: Mapping[str, str], name: str, default: str = "") -> str:
    return Env(env).text(name, default)


def _bool(env: Mapping[str, str], name: str, *, default: bool) -> bool:
    return Env(env).boolean(name, default=default)


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    return Env(env).integer(name, default, low, high)


def spring_duration(env: Mapping[str, str], name: str, default: str) -> timedelta:
    """A Spring duration: `15m`, `60m`, `0m`, `10s`, or bare milliseconds."""
    return Env(env).duration(name, default, bare="ms")


def session_for(env: Mapping[str, str], prefix: str, region: str) -> boto3.Session:
    """A session with `<prefix>_ACCESS_KEY_ID`/`_SECRET_ACCESS_KEY` if both are set."""
    key = _text(env, f"{prefix}_ACCESS_KEY_ID")
    secret = _text(env, f"{prefix}_SECRET_ACCESS_KEY")
    if bool(key) != bool(secret):
        raise ConfigurationError(
            f"set both {prefix}_ACCESS_KEY_ID and {prefix}_SECRET_ACCESS_KEY,"
            " or neither"
        )
    if key:
        return boto3.Session(
            aws_access_key_id=key, aws_secret_access_key=secret, region_name=region
        )
    return boto3.Session(region_name=region)


def aws_names(env: Mapping[str, str]) -> P2pResources:
    """`SQS_QUEUE_NAME`, `DYNAMODB_TABLENAME` and the rest (later names too)."""
    d = P2pResources()
    return P2pResources(
        region=_text(env, "AWS_REGION", d.region),
        queue=_text(env, "HMPPS_SQS_QUEUES_PRISONEVENTQUEUE_QUEUE_NAME")
        or _text(env, "SQS_QUEUE_NAME", d.queue),
        dlq=_text(env, "HMPPS_SQS_QUEUES_PRISONEVENTQUEUE_DLQ_NAME")
        or _text(env, "SQS_DLQ_NAME", d.dlq),
        parking_queue=_text(env, "SQS_PARKING_QUEUE_NAME", d.parking_queue),
        topic=_text(env, "SNS_OFFENDER_EVENTS_TOPIC_NAME", d.topic),
        hmpps_queue=_text(env, "HMPPS_SQS_QUEUE_NAME", d.hmpps_queue),
        hmpps_dlq=_text(env, "HMPPS_SQS_DLQ_NAME", d.hmpps_dlq),
        message_table=_text(env, "DYNAMODB_TABLENAME", d.message_table),
        schedule_table=_text(env, "DYNAMODB_SCHEDULE_TABLENAME", d.schedule_table),
    )


def _redelivery(env: Mapping[str, str]) -> RedeliveryPolicy:
    """How a failing inbound message is retried and when it is parked."""
    first = spring_duration(env, "PRISONTOPROBATION_RETRY_FIRST_DELAY", "30s")
    longest = spring_duration(env, "PRISONTOPROBATION_RETRY_MAX_DELAY", "15m")
    try:
        return RedeliveryPolicy(
            first_delay=first,
            max_delay=longest,
            park_after=spring_duration(env, "PRISONTOPROBATION_PARK_AFTER", "24h"),
        )
    except ValueError:
        raise ConfigurationError(
            "PRISONTOPROBATION_RETRY_MAX_DELAY must be at most 15m (SQS's limit)"
        ) from None


def _lock_margin(env: Mapping[str, str]) -> dict[str, timedelta]:
    """The margin if set; otherwise PipelineSettings scales it to the lease."""
    if not _text(env, "PRISONTOPROBATION_LOCK_MARGIN"):
        return {}
    return {"lock_margin": spring_duration(env, "PRISONTOPROBATION_LOCK_MARGIN", "2m")}


def _pipeline_settings(env: Mapping[str, str]) -> PipelineSettings:
    """Hold-back, batch, lease and margin; the margin must fit inside the lease."""
    hold_back = spring_duration(env, "PRISONTOPROBATION_HOLD_BACK_DURATION", "15m")
    batch_size = _int(env, "PRISONTOPROBATION_BATCH_SIZE", 100, 1, 10_000)
    lease = spring_duration(env, "PRISONTOPROBATION_LOCK_AT_MOST_FOR", "20m")
    margin = _lock_margin(env)
    prisons = InterestedPrisons.parse(_text(env, "PRISONTOPROBATION_ONLY_PRISONS"))
    try:
        return PipelineSettings(
            hold_back=hold_back,
            batch_size=batch_size,
            lock_at_most_for=lease,
            prisons=prisons,
            **margin,
        )
    except ValueError:
        raise ConfigurationError(
            "PRISONTOPROBATION_LOCK_MARGIN must be shorter than"
            " PRISONTOPROBATION_LOCK_AT_MOST_FOR"
        ) from None


@attrs.frozen(kw_only=True)
class P2pConfig:
    """Everything the service needs; built by `from_env`, checked up front."""

    aws: P2pResources
    oauth_url: str
    client_id: str
    client_secret: Secret
    prison_url: str
    community_url: str
    search_url: str
    settings: PipelineSettings
    tiers: tuple[RetryTier, ...]
    delay: timedelta = timedelta(seconds=1)
    processor_enabled: bool = True
    listener_enabled: bool = True
    port: int = 8080
    http_timeout: timedelta = timedelta(seconds=10)
    max_response_bytes: int = 5 * 1024 * 1024
    max_message_bytes: int = 64 * 1024
    max_redrives: int = 3
    redelivery: RedeliveryPolicy = attrs.field(factory=RedeliveryPolicy)
    backfill_reads_per_second: int = 200
    backfill_writes_per_second: int = 10
    sqs_wait_seconds: int = 20
    version: str = "dev"
    telemetry: TelemetrySettings = attrs.field(
        factory=lambda: telemetry_settings({}, Service.PRISON_TO_PROBATION)
    )
    dynamodb_session: boto3.Session | None = attrs.field(default=None, eq=False)
    schedule_session: boto3.Session | None = attrs.field(default=None, eq=False)
    sqs_session: boto3.Session | None = attrs.field(default=None, eq=False)
    dlq_session: boto3.Session | None = attrs.field(default=None, eq=False)
    hmpps_sqs_session: boto3.Session | None = attrs.field(default=None, eq=False)
    hmpps_dlq_session: boto3.Session | None = attrs.field(default=None, eq=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> P2pConfig:
        """Read and check every variable; ConfigurationError names what is wrong."""
        Env(env).required(
            "OAUTH_ENDPOINT_URL",
            "OAUTH_CLIENT_ID",
            "OAUTH_CLIENT_SECRET",
            "PRISON_ENDPOINT_URL",
            "COMMUNITY_ENDPOINT_URL",
            "OFFENDER_SEARCH_ENDPOINT_URL",
            "DYNAMODB_TABLENAME",
            "DYNAMODB_SCHEDULE_TABLENAME",
        )
        names = aws_names(env)
        tiers = default_tiers(
            short=_text(env, "RETRY_SCHEDULES_SHORT_CRON", "0 0 * * * *"),
            medium=_text(env, "RETRY_SCHEDULES_MEDIUM_CRON", "0 15 */4 * * *"),
            long=_text(env, "RETRY_SCHEDULES_LONG_CRON", "0 30 23 * * *"),
        )
        return cls(
            aws=names,
            oauth_url=_text(env, "OAUTH_ENDPOINT_URL"),
            client_id=_text(env, "OAUTH_CLIENT_ID"),
            client_secret=Env(env).required_secret("OAUTH_CLIENT_SECRET"),
            prison_url=_text(env, "PRISON_ENDPOINT_URL"),
            community_url=_text(env, "COMMUNITY_ENDPOINT_URL"),
            search_url=_text(env, "OFFENDER_SEARCH_ENDPOINT_URL"),
            settings=_pipeline_settings(env),
            tiers=tiers,
            delay=spring_duration(
                env, "PRISONTOPROBATION_MESSAGE_PROCESSOR_DELAY", "1000"
            ),
            processor_enabled=_bool(
                env, "PRISONTOPROBATION_MESSAGE_PROCESSOR_ENABLED", default=True
            ),
            listener_enabled=_bool(
                env, "PRISONTOPROBATION_LISTENER_ENABLED", default=True
            ),
            port=_int(env, "SERVER_PORT", 8080, 0, 65535),
            http_timeout=timedelta(
                seconds=_int(env, "HMPPS_API_TIMEOUT_SECONDS", 10, 1, 300)
            ),
            max_response_bytes=_int(
                env, "HMPPS_API_MAX_RESPONSE_BYTES", 5 * 1024 * 1024, 1024, 1 << 30
            ),
            max_message_bytes=_int(
                env, "PRISONTOPROBATION_MAX_MESSAGE_BYTES", 64 * 1024, 1024, 1 << 20
            ),
            max_redrives=_int(env, "QUEUE_ADMIN_MAX_REDRIVES", 3, 1, 100),
            redelivery=_redelivery(env),
            backfill_reads_per_second=_int(
                env, "P2P_BACKFILL_READS_PER_SECOND", 200, 1, 100_000
            ),
            backfill_writes_per_second=_int(
                env, "P2P_BACKFILL_WRITES_PER_SECOND", 10, 1, 100_000
            ),
            sqs_wait_seconds=_int(
                env, "PRISONTOPROBATION_SQS_WAIT_TIME_SECONDS", 20, 0, 20
            ),
            version=_text(env, "BUILD_VERSION", "dev"),
            telemetry=telemetry_settings(
                env,
                Service.PRISON_TO_PROBATION,
                version=_text(env, "BUILD_NUMBER") or _text(env, "BUILD_VERSION"),
            ),
            dynamodb_session=session_for(env, "DYNAMODB_AWS", names.region),
            schedule_session=session_for(env, "DYNAMODB_SCHEDULE_AWS", names.region),
            sqs_session=session_for(env, "SQS_AWS", names.region),
            dlq_session=session_for(env, "SQS_AWS_DLQ", names.region),
            hmpps_sqs_session=session_for(env, "HMPPS_SQS_AWS", names.region),
            hmpps_dlq_session=session_for(env, "HMPPS_SQS_AWS_DLQ", names.region),
        )


@attrs.frozen(kw_only=True)
class AwsBootstrapConfig:
    """What `p2p bootstrap-aws` needs: names, AWS sessions and the backfill's pace."""

    aws: P2pResources
    dynamodb_session: boto3.Session | None = attrs.field(default=None, eq=False)
    schedule_session: boto3.Session | None = attrs.field(default=None, eq=False)
    sqs_session: boto3.Session | None = attrs.field(default=None, eq=False)
    backfill_reads_per_second: int = 200
    backfill_writes_per_second: int = 10

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> AwsBootstrapConfig:
        """The names (each with the original's default) and the static keys if set."""
        names = aws_names(env)
        return cls(
            aws=names,
            dynamodb_session=session_for(env, "DYNAMODB_AWS", names.region),
            schedule_session=session_for(env, "DYNAMODB_SCHEDULE_AWS", names.region),
            sqs_session=session_for(env, "SQS_AWS", names.region),
            backfill_reads_per_second=_int(
                env, "P2P_BACKFILL_READS_PER_SECOND", 200, 1, 100_000
            ),
            backfill_writes_per_second=_int(
                env, "P2P_BACKFILL_WRITES_PER_SECOND", 10, 1, 100_000
            ),
        )
