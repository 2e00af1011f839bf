"""Custom events as plain records: the library's envelopes, batched as the SDK does."""

from __future__ import annotations

import json
import threading

import pytest
from azure.monitor.opentelemetry.exporter import AzureMonitorLogExporter
from azure.monitor.opentelemetry.exporter._generated.exporter._utils.model_base import (
    SdkJSONEncoder,
)
from opentelemetry import context as otel_context
from opentelemetry.instrumentation.utils import is_instrumentation_enabled
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import (
    InMemoryLogRecordExporter,
    SimpleLogRecordProcessor,
)
from opentelemetry.trace import (
    NonRecordingSpan,
    SpanContext,
    TraceFlags,
    set_span_in_context,
)

from hmpps_workers.runners.telemetry import events as events_module
from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.event_export import CustomEventExporter
from hmpps_workers.runners.telemetry.event_pipeline import EventPipeline
from hmpps_workers.runners.telemetry.events import (
    EVENTS_LOGGER,
    EventRecord,
    OpenTelemetryEvents,
    send_events_to,
)
from support import custom_events as events


@pytest.fixture(autouse=True)
def _quiet(monkeypatch):
    """No calls home from the exporters built here; no sink left behind."""
    for name, value in setup.QUIET.items():
        monkeypatch.setenv(name, value)
    yield
    send_events_to(None)


class Collecting:
    """A sink that keeps what it is given."""

    def __init__(self):
        self.records = []

    def add(self, record):
        self.records.append(record)


def _wire(envelope) -> str:
    return json.dumps([envelope], cls=SdkJSONEncoder, exclude_readonly=True)


def _both_ways(monkeypatch, properties_list):
    """Each event sent once through the SDK's logger and once as a plain record."""
    captured = InMemoryLogRecordExporter()
    provider = LoggerProvider(resource=events.resource("worker"))
    provider.add_log_record_processor(SimpleLogRecordProcessor(captured))
    through_sdk = OpenTelemetryEvents(logger=provider.get_logger(EVENTS_LOGGER))
    sink = Collecting()
    for index, (name, properties) in enumerate(properties_list):
        stamp = 1_764_979_200_123_456_789 + index * 1_000_001
        monkeypatch.setattr(events_module.time, "time_ns", lambda s=stamp: s)
        span = NonRecordingSpan(
            SpanContext(
                0x0AF7651916CD43DD8448EB211C80319C + index,
                0xB7AD6B7169203331 + index,
                is_remote=False,
                trace_flags=TraceFlags(TraceFlags.SAMPLED),
            )
        )
        token = otel_context.attach(set_span_in_context(span))
        try:
            send_events_to(None)
            through_sdk.track_event(name, properties)
            send_events_to(sink)
            OpenTelemetryEvents().track_event(name, properties)
        finally:
            otel_context.detach(token)
    send_events_to(None)
    return list(captured.get_finished_logs()), sink.records


def _shapes():
    return [
        *((name, properties) for name, properties, _, _ in events.PLAIN),
        *(("TaskCompleted", special) for special in events.SPECIAL),
    ]


class TestPlainRecords:
    """Our records' envelopes against the library's for the SDK's records."""

    def test_every_event_serializes_to_the_librarys_bytes(self, monkeypatch):
        """Every shape the services send, the edges and the special keys alike."""
        records, plain = _both_ways(monkeypatch, _shapes())
        library = AzureMonitorLogExporter(connection_string=events.CONNECTION)
        ours = CustomEventExporter(connection_string=events.CONNECTION)
        ours.events_resource = records[0].resource
        ours._plain = True  # as `export` sets it with no storage and no SDK stats

        expected = [_wire(library._log_to_envelope(r)) for r in records]
        actual = [_wire(ours._log_to_envelope(r)) for r in plain]

        assert expected == actual

    def test_records_after_the_first_skip_the_models(self, monkeypatch):
        """The fast path is taken, so the comparison above tests it."""
        records, plain = _both_ways(monkeypatch, _shapes())
        ours = CustomEventExporter(connection_string=events.CONNECTION)
        ours.events_resource = records[0].resource
        ours._plain = True

        built = [type(ours._log_to_envelope(r)) is dict for r in plain]

        expected = (
            [False] + [True] * (len(events.PLAIN) - 1) + [False] * len(events.SPECIAL)
        )
        assert expected == built

    def test_an_event_is_a_record_not_an_sdk_log_record(self):
        """While a sink is set, the worker thread builds a tuple and nothing else."""
        sink = Collecting()
        send_events_to(sink)
        OpenTelemetryEvents().track_event("TaskCompleted", events.TASK)
        (record,) = sink.records
        assert (type(record), record.name, record.properties) == (
            EventRecord,
            "TaskCompleted",
            events.TASK,
        )

    def test_the_properties_are_copied_when_sent(self):
        """A caller changing its mapping afterwards changes nothing sent."""
        sink = Collecting()
        send_events_to(sink)
        properties = dict(events.TASK)
        OpenTelemetryEvents().track_event("TaskCompleted", properties)
        properties["taskId"] = "changed"
        assert sink.records[0].properties["taskId"] == "1042"


def _record(index: int) -> EventRecord:
    return EventRecord(index, 1, 2, 1, "TaskCompleted", {"taskId": str(index)})


class Exported:
    """An exporter that keeps each batch and whether instrumentation was on."""

    def __init__(self, *, fail_first=False):
        self.batches = []
        self.instrumented = []
        self.fail_first = fail_first
        self.stopped = False
        self.arrived = threading.Event()

    def export(self, batch):
        self.instrumented.append(is_instrumentation_enabled())
        self.batches.append([r.timestamp for r in batch])
        self.arrived.set()
        if self.fail_first and len(self.batches) == 1:
            raise RuntimeError("ingestion refused")

    def shutdown(self):
        self.stopped = True


def _pipeline(exported, **settings) -> EventPipeline:
    return EventPipeline(
        export=exported.export,
        shutdown_exporter=exported.shutdown,
        **{"delay": 3600.0, **settings},
    )


class TestEventPipeline:
    """Batched as the SDK's processor batches log records."""

    def test_nothing_is_exported_before_a_batch_is_full(self):
        """Below the batch size the thread sleeps: no wake-up per event."""
        exported = Exported()
        pipeline = _pipeline(exported, batch=3)
        for index in range(2):
            pipeline.add(_record(index))
        try:
            assert (exported.arrived.wait(0.2), exported.batches) == (False, [])
        finally:
            pipeline.shutdown()

    def test_a_full_batch_is_exported_on_the_pipelines_thread(self):
        """The third of three wakes the thread, which exports the batch, oldest first."""
        exported = Exported()
        pipeline = _pipeline(exported, batch=3)
        for index in range(3):
            pipeline.add(_record(index))
        try:
            assert exported.arrived.wait(10)
        finally:
            pipeline.shutdown()
        assert exported.batches == [[0, 1, 2]]

    def test_a_flush_exports_everything_in_batches(self):
        """Seven events, batches of three: three posts, nothing left."""
        exported = Exported()
        pipeline = _pipeline(exported, batch=3, max_queue=100)
        for index in range(7):
            pipeline.add(_record(index))
        assert pipeline.force_flush() is True
        pipeline.shutdown()
        assert exported.batches == [[0, 1, 2], [3, 4, 5], [6]]

    def test_shutdown_exports_the_rest_stops_and_lets_go(self):
        """Queued events go out, the exporter stops, later events go nowhere."""
        exported = Exported()
        pipeline = _pipeline(exported)
        send_events_to(pipeline)
        OpenTelemetryEvents().track_event("TaskCompleted", {"a": "b"})
        pipeline.shutdown()
        pipeline.add(_record(9))
        assert (len(exported.batches), exported.stopped, events_module._SINKS) == (
            1,
            True,
            [],
        )

    def test_a_full_queue_drops_the_oldest_and_counts_them(self):
        """As the SDK's bounded queue: the newest are kept."""
        exported = Exported()
        pipeline = _pipeline(exported, batch=100, max_queue=3)
        with pipeline._exporting:  # the woken thread waits until all five are in
            for index in range(5):
                pipeline.add(_record(index))
        pipeline.force_flush()
        pipeline.shutdown()
        assert (pipeline.dropped, exported.batches) == (2, [[2, 3, 4]])

    def test_an_export_error_loses_that_batch_only(self):
        """The next batch is still exported; nothing is raised to the worker."""
        exported = Exported(fail_first=True)
        pipeline = _pipeline(exported, batch=2, max_queue=10)
        for index in range(4):
            pipeline.add(_record(index))
        pipeline.force_flush()
        pipeline.shutdown()
        assert exported.batches == [[0, 1], [2, 3]]

    def test_the_exporters_own_calls_are_not_instrumented(self):
        """Its HTTP post would otherwise be a dependency of its own."""
        exported = Exported()
        pipeline = _pipeline(exported)
        pipeline.add(_record(0))
        pipeline.shutdown()
        assert exported.instrumented == [False]

    def test_the_sdks_variables_apply(self, monkeypatch):
        """OTEL_BLRP_* as for the SDK's processor; nonsense falls back to defaults."""
        monkeypatch.setenv("OTEL_BLRP_SCHEDULE_DELAY", "250")
        monkeypatch.setenv("OTEL_BLRP_MAX_QUEUE_SIZE", "64")
        monkeypatch.setenv("OTEL_BLRP_MAX_EXPORT_BATCH_SIZE", "many")
        pipeline = EventPipeline(export=lambda batch: None)
        pipeline.shutdown()
        assert (pipeline.delay, pipeline.max_queue, pipeline.batch) == (0.25, 64, 64)

    @pytest.mark.parametrize("value", ["many", "0", "-5", "2.5"])
    def test_a_bad_setting_is_named_in_one_warning(self, monkeypatch, caplog, value):
        """The variable and the default used are named, not silently replaced."""
        monkeypatch.setenv("OTEL_BLRP_MAX_EXPORT_BATCH_SIZE", value)
        with caplog.at_level("WARNING", logger="hmpps_workers.runners.telemetry"):
            pipeline = EventPipeline(export=lambda batch: None)
            pipeline.shutdown()
        warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
        expected = (
            "OTEL_BLRP_MAX_EXPORT_BATCH_SIZE is not a positive whole number:"
            " the default, 512, is used"
        )
        assert warnings == [expected]

    def test_good_or_absent_settings_warn_nothing(self, monkeypatch, caplog):
        """Only a value that cannot be used is worth a warning."""
        monkeypatch.setenv("OTEL_BLRP_SCHEDULE_DELAY", "250")
        monkeypatch.delenv("OTEL_BLRP_MAX_QUEUE_SIZE", raising=False)
        with caplog.at_level("WARNING", logger="hmpps_workers.runners.telemetry"):
            EventPipeline(export=lambda batch: None).shutdown()
        assert [r for r in caplog.records if r.levelname == "WARNING"] == []
