"""Start (or not) the Azure Monitor OpenTelemetry distro, and flush it at the end.

With no connection string nothing is imported, built or started: no exporter, no
background thread. With one, the distro exports spans, custom events and its standard
metrics to the resource the string names, sampling traces at its default rate limit
(custom events are never sampled; `OTEL_TRACES_SAMPLER` changes it). We add the
instrumentations it lacks (SQLAlchemy, botocore), a privacy processor ahead of its
exporter, and keep the distro's own calls home to Microsoft (statsbeat, the control
plane, live metrics) off. SQL statements become dependencies through `sql_spans`
(only beneath a recorded span), unless the settings ask for the contrib SQLAlchemy
instrumentation; AWS calls through botocore's, skipped beneath a dropped span
(`aws_spans`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

import attrs

from hmpps_workers.runners.telemetry.events import EVENTS_LOGGER, events_logger
from hmpps_workers.runners.telemetry.settings import (
    SqlInstrumentation,
    TelemetrySettings,
)

log = logging.getLogger(__name__)

# The distro reads these from the process environment; each keeps a call to a
# Microsoft endpoint (or the cloud metadata address) that is not our resource.
QUIET = {
    "APPLICATIONINSIGHTS_STATSBEAT_DISABLED_ALL": "true",
    "APPLICATIONINSIGHTS_SDKSTATS_DISABLED": "true",
    "APPLICATIONINSIGHTS_CONTROLPLANE_DISABLED": "true",
    "OTEL_EXPERIMENTAL_RESOURCE_DETECTORS": "otel",
}
# Instrumentations the distro would switch on that we do not want: the frameworks we
# do not use, and the layers under requests and botocore (each call once, not twice).
_NOT_INSTRUMENTED = ("django", "flask", "psycopg2", "urllib", "urllib3")
HEALTH_PATHS = "health,health/.*,prometheus,info"
_LOGS_EXPORTER = "OTEL_LOGS_EXPORTER"
# The exporters convert telemetry on background threads; with CPython's default 5 ms
# switch interval each database or HTTP round trip of the worker thread can wait that
# long for the interpreter behind them. A shorter interval keeps the work moving
# (P2P ingest with every trace: 0.91 of its speed off at 0.5 ms, 0.80 at 5 ms; the
# bench's --compare-switch and docs/telemetry-cost.md have the figures).
SWITCH_INTERVAL = 0.0005


class Runtime(Protocol):
    """What a runner holds on to: flush and stop at the end."""

    @property
    def enabled(self) -> bool:
        """True when telemetry is being exported."""
        ...

    def shutdown(self) -> None:
        """Flush what is buffered and stop the exporters' threads."""
        ...


@attrs.frozen
class Disabled:
    """Telemetry off: nothing was built, so there is nothing to flush."""

    enabled: bool = False

    def shutdown(self) -> None:
        """Nothing to do."""


@attrs.define
class Exporting:
    """The distro's providers, and the instrumentors we switched on."""

    providers: list[Any]
    instrumentors: list[Any]
    enabled: bool = True

    def shutdown(self) -> None:
        """Flush and stop every provider, then undo our instrumentation.

        The providers flush side by side, each on its own thread: each flush is
        mostly waiting for the ingestion endpoint's answer, and one after another
        the waits added up at the end of every run. A signal turned off
        (`OTEL_LOGS_EXPORTER=none`, say) leaves OpenTelemetry's no-op proxy in its
        place, which has nothing to flush or stop.
        """
        with ThreadPoolExecutor(
            max_workers=max(len(self.providers), 1), thread_name_prefix="telemetry-stop"
        ) as threads:
            stopping = [threads.submit(_stop, provider) for provider in self.providers]
            for stopped in stopping:
                stopped.result()  # a provider's error is raised here, as before
        for instrumentor in self.instrumentors:
            instrumentor.uninstrument()


def _stop(provider: Any) -> None:  # noqa: ANN401 - any of the SDK's providers
    if hasattr(provider, "force_flush"):
        provider.force_flush()
    if hasattr(provider, "shutdown"):
        provider.shutdown()


def sql_instrumentor(choice: SqlInstrumentation) -> Any:  # noqa: ANN401
    """Ours unless the contrib instrumentation is asked for (each has uninstrument)."""
    if choice is SqlInstrumentation.LEAN:
        from hmpps_workers.runners.telemetry.sql_spans import SqlSpans  # noqa: PLC0415

        lean = SqlSpans()
        lean.instrument()
        return lean
    from opentelemetry.instrumentation.sqlalchemy import (  # noqa: PLC0415
        SQLAlchemyInstrumentor,
    )

    contrib = SQLAlchemyInstrumentor()
    # It still declares "< 2.1" though it works on the 2.1 we run (the export
    # integration test holds it): skip its version check.
    contrib.instrument(skip_dep_check=True)
    _no_connect_spans()
    return contrib


def _no_connect_spans() -> None:
    """Keep SQL statements as dependencies but not each pool checkout ("connect").

    The task store opens a connection per statement, so these would double the SQL
    dependencies without telling anyone anything.
    """
    from opentelemetry.instrumentation.utils import unwrap  # noqa: PLC0415
    from sqlalchemy.engine.base import Engine  # noqa: PLC0415

    unwrap(Engine, "connect")


def _no_logs() -> bool:
    return os.environ.get(_LOGS_EXPORTER, "").strip().lower() == "none"


@contextlib.contextmanager
def _distro_logs(*, enabled: bool) -> Iterator[None]:
    """The distro builds its logs pipeline unless `OTEL_LOGS_EXPORTER` is "none".

    Its `disable_logging` option is overwritten by that variable's default, so the
    variable is what turns it off; it is put back as it was straight after.
    """
    if enabled:
        yield
        return
    before = os.environ.get(_LOGS_EXPORTER)
    os.environ[_LOGS_EXPORTER] = "none"
    try:
        yield
    finally:
        if before is None:
            del os.environ[_LOGS_EXPORTER]
        else:
            os.environ[_LOGS_EXPORTER] = before


def _start_events(connection_string: str, given: Any) -> Any:  # noqa: ANN401
    """Custom events through `event_export`, on the traces' resource, as the distro's.

    The distro would give them its own pipeline (disabled in `start`): the same
    batching, the same exporter but for the envelope, the same handler on the events
    logger, and a processor copying gen-AI agent attributes we never set. Events
    sent through `OpenTelemetryEvents` skip the SDK's log record: they go to an
    `event_pipeline` with an exporter of its own, which is returned (flushed and
    stopped with the providers).
    """
    from opentelemetry import trace  # noqa: PLC0415
    from opentelemetry._logs import set_logger_provider  # noqa: PLC0415
    from opentelemetry.instrumentation.logging.handler import (  # noqa: PLC0415
        LoggingHandler,
    )
    from opentelemetry.sdk.resources import Resource  # noqa: PLC0415

    from hmpps_workers.runners.telemetry.event_export import (  # noqa: PLC0415
        CustomEventExporter,
        events_provider,
    )
    from hmpps_workers.runners.telemetry.event_pipeline import (  # noqa: PLC0415
        EventPipeline,
    )
    from hmpps_workers.runners.telemetry.events import (  # noqa: PLC0415
        send_events_to,
    )

    # The traces' resource is the one the distro made of ours (and its detectors').
    resource = getattr(trace.get_tracer_provider(), "resource", None)
    if not isinstance(resource, Resource):
        resource = given
    provider, _ = events_provider(connection_string, resource)
    set_logger_provider(provider)
    logger = events_logger()
    if not any(isinstance(handler, LoggingHandler) for handler in logger.handlers):
        logger.addHandler(LoggingHandler(logger_provider=provider))
    exporter = CustomEventExporter(
        connection_string=connection_string, disable_offline_storage=True
    )
    exporter.events_resource = resource
    pipeline = EventPipeline(
        export=exporter.export, shutdown_exporter=exporter.shutdown
    )
    send_events_to(pipeline)
    return pipeline


def start(settings: TelemetrySettings) -> Runtime:
    """Configure the distro for `settings`, or do nothing when it is off."""
    if not settings.enabled:
        return Disabled()
    for name, value in QUIET.items():
        os.environ.setdefault(name, value)
    sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
    os.environ.setdefault("OTEL_PYTHON_FASTAPI_EXCLUDED_URLS", HEALTH_PATHS)

    # Imported here: with telemetry off the distro is never loaded.
    from azure.monitor.opentelemetry import configure_azure_monitor  # noqa: PLC0415
    from opentelemetry import metrics, trace  # noqa: PLC0415
    from opentelemetry._logs import get_logger_provider  # noqa: PLC0415
    from opentelemetry.sdk.resources import Resource  # noqa: PLC0415

    from hmpps_workers.runners.telemetry.aws_spans import AwsSpans  # noqa: PLC0415
    from hmpps_workers.runners.telemetry.privacy import (  # noqa: PLC0415
        PrivacySpanProcessor,
    )
    from hmpps_workers.runners.telemetry.sampling import (  # noqa: PLC0415
        follow_dropped_parents,
    )
    from hmpps_workers.runners.telemetry.span_export import (  # noqa: PLC0415
        plain_span_export,
    )

    events_logger()
    # Live metrics read the distro's logs pipeline; OTEL_LOGS_EXPORTER=none asks for
    # no logs at all, as the distro takes it.
    own_events = not settings.live_metrics and not _no_logs()
    resource = Resource.create(
        {
            "service.name": settings.role_name,
            "service.instance.id": settings.role_instance,
            "service.version": settings.version,
        }
    )
    with _distro_logs(enabled=not own_events), plain_span_export():
        configure_azure_monitor(
            connection_string=settings.connection_string,
            resource=resource,
            logger_name=EVENTS_LOGGER,
            span_processors=[PrivacySpanProcessor()],
            enable_live_metrics=settings.live_metrics,
            enable_performance_counters=False,
            disable_offline_storage=True,
            instrumentation_options={
                name: {"enabled": False} for name in _NOT_INSTRUMENTED
            },
        )
    pipelines: list[Any] = []
    if own_events:
        pipelines.append(_start_events(settings.connection_string or "", resource))
    botocore = AwsSpans()
    botocore.instrument(skip_dep_check=True)
    instrumentors: list[Any] = [
        sql_instrumentor(settings.sql_instrumentation),
        botocore,
    ]
    follow_dropped_parents(trace.get_tracer_provider())
    log.info(
        "telemetry to Application Insights is on",
        extra={"role": settings.role_name, "instance": settings.role_instance},
    )
    return Exporting(
        providers=[
            trace.get_tracer_provider(),
            get_logger_provider(),
            metrics.get_meter_provider(),
            *pipelines,
        ],
        instrumentors=instrumentors,
    )
