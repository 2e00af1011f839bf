"""The service's composition root: AWS, the HMPPS APIs and the pipeline, wired once.

Nothing happens at import time and nothing reaches the network while wiring (the
queue's URL is looked up when the listener starts); `bootstrap` takes the
configuration and keyword overrides (clock, telemetry) and returns the parts, each
also usable alone by a CronJob, and `close` releases what it built.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import attrs
import httpx

from hmpps_workers.adapters.aws.clients import (
    AwsSettings,
    dynamodb_client,
    sns_client,
    sqs_client,
)
from hmpps_workers.adapters.aws.dynamodb import DynamoDbMessageStore
from hmpps_workers.adapters.aws.dynamodb_lock import DynamoDbLock
from hmpps_workers.adapters.aws.p2p_backfill import (
    BackfillMarker,
    BackfillProgress,
    DynamoDbBackfill,
)
from hmpps_workers.adapters.aws.p2p_resources import bootstrap as create_resources
from hmpps_workers.adapters.aws.sqs import SqsConsumer
from hmpps_workers.adapters.aws.sqs_admin import SqsQueueAdmin, SqsQueueHealth
from hmpps_workers.adapters.hmpps_apis.auth import ClientCredentials
from hmpps_workers.adapters.hmpps_apis.community_api import (
    HttpCommunityApi,
    HttpOffenderSearch,
)
from hmpps_workers.adapters.hmpps_apis.http import ApiClient
from hmpps_workers.adapters.hmpps_apis.prison_api import HttpPrisonApi
from hmpps_workers.core.clock import Clock, SystemClock
from hmpps_workers.core.prison_to_probation import Pipeline
from hmpps_workers.core.prison_to_probation.domain_events import log_domain_event
from hmpps_workers.core.prison_to_probation.ports import Telemetry
from hmpps_workers.runners.prison_to_probation.config import (
    AwsBootstrapConfig,
    P2pConfig,
)
from hmpps_workers.runners.prison_to_probation.metrics import (
    MeteredCommunityApi,
    MeteredTelemetry,
    P2pMetrics,
    StatusChangeMeter,
)
from hmpps_workers.runners.process import worker_id
from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.setup import Disabled, Runtime
from hmpps_workers.runners.telemetry.wiring import (
    exported_events,
    message_handler,
    message_processor,
    message_store,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_sqs import SQSClient

log = logging.getLogger(__name__)


class LoggingTelemetry:
    """Custom events as log lines, beside Application Insights (ids only, by design)."""

    def track_event(self, name: str, properties: object) -> None:
        """Log the event name and its id-only properties."""
        log.info("telemetry event", extra={"event": name, "properties": properties})


@attrs.define
class P2pServices:
    """Everything the service runs and reports on."""

    config: P2pConfig
    pipeline: Pipeline
    store: DynamoDbMessageStore
    lock: DynamoDbLock
    consumer: SqsConsumer
    hmpps_consumer: SqsConsumer
    queue_admin: SqsQueueAdmin
    # one client per resource, with that resource's keys (as the original allowed)
    sqs: SQSClient
    dlq_sqs: SQSClient
    hmpps_sqs: SQSClient
    hmpps_dlq_sqs: SQSClient
    apis: dict[str, ApiClient]
    metrics: P2pMetrics
    http: httpx.Client
    clock: Clock
    telemetry: Runtime = attrs.field(factory=Disabled)
    pings: dict[str, Callable[[], Mapping[str, object]]] = attrs.field(factory=dict)
    # the HMPPS domain-events queue and its DLQ, for /health and the depth gauge
    hmpps_queue: SqsQueueHealth | None = None

    def close(self) -> None:
        """Release the connection pool, then flush and stop telemetry."""
        self.http.close()
        self.telemetry.shutdown()


def bootstrap_aws(
    config: P2pConfig | AwsBootstrapConfig,
    *,
    indexes: bool = True,
    on_page: Callable[[BackfillProgress], None] | None = None,
) -> tuple[str, BackfillProgress]:
    """Create what is missing (idempotent), then backfill the index keys.

    Returns the topic ARN and the backfill's progress (done, or as far as it got).
    """
    settings = AwsSettings(region=config.aws.region)
    dynamodb = dynamodb_client(settings, session=config.dynamodb_session)
    schedule = dynamodb_client(settings, session=config.schedule_session)
    topic = create_resources(
        attrs.evolve(config.aws, indexes=indexes),
        dynamodb=dynamodb,
        sqs=sqs_client(settings, session=config.sqs_session),
        sns=sns_client(settings, session=config.sqs_session),
    )
    if not indexes:
        return topic, BackfillProgress()
    backfill = DynamoDbBackfill(
        client=dynamodb,
        table=config.aws.message_table,
        marker=_marker(config, schedule),
        reads_per_second=config.backfill_reads_per_second,
        writes_per_second=config.backfill_writes_per_second,
        on_page=on_page,
    )
    return topic, backfill.run()


def _marker(
    config: P2pConfig | AwsBootstrapConfig, schedule: DynamoDBClient
) -> BackfillMarker:
    return BackfillMarker(
        client=schedule,
        table=config.aws.schedule_table,
        message_table=config.aws.message_table,
    )


def bootstrap(
    config: P2pConfig,
    *,
    clock: Clock | None = None,
    telemetry: Telemetry | None = None,
    wait_seconds: int = 20,
    runtime: Runtime | None = None,
) -> P2pServices:
    """Wire the service; nothing is started and no network is reached.

    Telemetry to Application Insights starts first (when configured), so the HTTP,
    AWS and web instrumentations are in place before anything they watch is built.
    """
    runtime = runtime or setup.start(config.telemetry)
    clock = clock or SystemClock()
    metrics = P2pMetrics()
    http = httpx.Client()
    credentials = ClientCredentials(
        base_url=config.oauth_url,
        client_id=config.client_id,
        client_secret=config.client_secret.value,
        timeout=config.http_timeout,
        http=http,
    )

    def api(service: str, url: str, token: ClientCredentials | None) -> ApiClient:
        return ApiClient(
            service=service, base_url=url, credentials=token,
            timeout=config.http_timeout, http=http,
            max_response_bytes=config.max_response_bytes,
        )  # fmt: skip

    apis = {
        "OAuthApiHealth": api("hmpps-auth", config.oauth_url, None),
        "prisonApiHealth": api("prison-api", config.prison_url, credentials),
        "communityApiHealth": api("community-api", config.community_url, credentials),
        "searchApiHealth": api("offender-search", config.search_url, credentials),
    }
    settings = AwsSettings(region=config.aws.region)
    dynamodb = dynamodb_client(settings, session=config.dynamodb_session)
    schedule = dynamodb_client(settings, session=config.schedule_session)
    store = DynamoDbMessageStore(
        dynamodb,
        config.aws.message_table,
        backfilled=_marker(config, schedule).done,
    )
    lock = DynamoDbLock(schedule, config.aws.schedule_table)
    events = MeteredTelemetry(
        exported_events(telemetry or LoggingTelemetry(), runtime), metrics
    )
    prison_api = HttpPrisonApi(apis["prisonApiHealth"])
    community_api = HttpCommunityApi(apis["communityApiHealth"])
    community = MeteredCommunityApi(community_api, metrics)
    search = HttpOffenderSearch(apis["searchApiHealth"])
    pipeline = Pipeline(
        store=message_store(store, runtime),
        lock=lock,
        prison_api=prison_api,
        processor=message_processor(runtime).build(
            prison_api=prison_api,
            search=search,
            community_api=community,
            telemetry=events,
            prisons=config.settings.prisons,
        ),
        clock=clock,
        owner=worker_id(),
        settings=config.settings,
        observer=StatusChangeMeter(metrics),
    )
    sqs = sqs_client(settings, session=config.sqs_session, wait=wait_seconds)
    dlq_sqs = sqs_client(settings, session=config.dlq_session)
    hmpps_sqs = sqs_client(
        settings, session=config.hmpps_sqs_session, wait=wait_seconds
    )
    consumer = SqsConsumer(
        client=sqs,
        queue_name=config.aws.queue,
        handle=message_handler(pipeline.receive, config.aws.queue, runtime),
        wait_seconds=wait_seconds,
        max_body_bytes=config.max_message_bytes,
        redelivery=config.redelivery,
        clock=clock.now,
    )
    hmpps_consumer = SqsConsumer(
        client=hmpps_sqs,
        queue_name=config.aws.hmpps_queue,
        handle=log_domain_event,
        wait_seconds=wait_seconds,
        max_body_bytes=config.max_message_bytes,
        redelivery=config.redelivery,
        clock=clock.now,
    )
    hmpps_dlq_sqs = sqs_client(settings, session=config.hmpps_dlq_session)
    hmpps_queue = SqsQueueHealth(
        hmpps_sqs, hmpps_dlq_sqs, config.aws.hmpps_queue, config.aws.hmpps_dlq
    )
    admin = SqsQueueAdmin(
        client=sqs_client(settings, session=config.sqs_session),
        dlq_client=dlq_sqs,
        queue=config.aws.queue,
        dlq=config.aws.dlq,
        parking_queue=config.aws.parking_queue,
        telemetry=events,
        max_redrives=config.max_redrives,
    )
    return P2pServices(
        config=config, pipeline=pipeline, store=store, lock=lock, consumer=consumer,
        hmpps_consumer=hmpps_consumer, queue_admin=admin, sqs=sqs, dlq_sqs=dlq_sqs,
        hmpps_sqs=hmpps_sqs, hmpps_dlq_sqs=hmpps_dlq_sqs,
        apis=apis, metrics=metrics, http=http, clock=clock, telemetry=runtime,
        pings={  # the /health components, in the original's names
            "OAuthApiHealth": lambda: {"HttpStatus": apis["OAuthApiHealth"].ping()},
            "prisonApiHealth": prison_api.ping, "searchApiHealth": search.ping,
            "communityApiHealth": community_api.ping, "messageTable": store.ping,
            "scheduleTable": lock.ping, "prisonEventsQueueHealth": admin.ping,
            "HMPPSEventsQueueHealth": hmpps_queue.ping,
        },
        hmpps_queue=hmpps_queue,
    )  # fmt: skip
