"""Telemetry settings from the originals' variables, custom events and task outcomes."""

from __future__ import annotations

import subprocess
import sys
import threading

import attrs
import pytest
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import (
    InMemoryLogRecordExporter,
    SimpleLogRecordProcessor,
)

from hmpps_workers.core.errors import ConfigurationError, PermanentError
from hmpps_workers.core.tasks import NewTask, Schema
from hmpps_workers.core.tasks.engine import TaskWorker
from hmpps_workers.core.tasks.registry import HandlerRegistry
from hmpps_workers.core.testing import FakeClock, InMemoryTaskStore
from hmpps_workers.runners.telemetry import setup
from hmpps_workers.runners.telemetry.events import (
    CUSTOM_EVENT_NAME,
    EVENTS_LOGGER,
    OpenTelemetryEvents,
    TaskOutcomeEvents,
    events_logger,
)
from hmpps_workers.runners.telemetry.settings import Service, telemetry_settings


class Recorder:
    def __init__(self):
        self.events = []

    def track_event(self, name, properties):
        self.events.append((name, dict(properties)))


class TestTelemetrySettings:
    """Which resource, role and instance, from the original variables."""

    def test_no_connection_string_means_telemetry_is_off(self):
        """Neither variable set: disabled."""
        settings = telemetry_settings({}, Service.PRISON_TO_PROBATION)
        assert settings.enabled is False

    def test_the_worker_accepts_the_older_instrumentation_key(self):
        """APPINSIGHTS_INSTRUMENTATIONKEY becomes a connection string for the worker."""
        env = {"APPINSIGHTS_INSTRUMENTATIONKEY": "abc-123"}
        settings = telemetry_settings(env, Service.PRISON_VISITS)
        assert (settings.enabled, settings.connection_string) == (
            True,
            "InstrumentationKey=abc-123",
        )

    def test_the_p2p_service_reads_only_the_connection_string(self):
        """The Kotlin service's helm chart built the string itself; the key alone is off."""
        env = {"APPINSIGHTS_INSTRUMENTATIONKEY": "abc-123"}
        assert telemetry_settings(env, Service.PRISON_TO_PROBATION).enabled is False

    def test_role_names_default_to_the_originals(self):
        """The package name for the worker, the applicationinsights.json name for p2p."""
        names = [telemetry_settings({}, s).role_name for s in Service]
        assert names == [
            "help-with-prison-visits-asynchronous-worker",
            "prison-to-probation-update",
        ]

    def test_role_instance_and_name_are_configurable(self):
        """APPLICATIONINSIGHTS_ROLE_NAME and _ROLE_INSTANCE override the defaults."""
        env = {
            "APPLICATIONINSIGHTS_ROLE_NAME": "p2p-blue",
            "APPLICATIONINSIGHTS_ROLE_INSTANCE": "pod-7",
            "BUILD_NUMBER": "2026-12-04.1",
        }
        settings = telemetry_settings(env, Service.PRISON_TO_PROBATION)
        assert (settings.role_name, settings.role_instance, settings.version) == (
            "p2p-blue",
            "pod-7",
            "2026-12-04.1",
        )

    def test_a_connection_string_without_a_key_is_refused_without_echoing_it(self):
        """The error names the variable, not its value."""
        env = {"APPLICATIONINSIGHTS_CONNECTION_STRING": "IngestionEndpoint=https://x/"}
        with pytest.raises(ConfigurationError) as raised:
            telemetry_settings(env, Service.PRISON_VISITS)
        assert "https://x/" not in str(raised.value)

    def test_the_connection_string_is_not_in_the_repr(self):
        """It holds the instrumentation key."""
        env = {"APPLICATIONINSIGHTS_CONNECTION_STRING": "InstrumentationKey=k-5f1e"}
        assert "k-5f1e" not in repr(telemetry_settings(env, Service.PRISON_VISITS))


class TestTelemetryOff:
    """With no connection string nothing is built, imported or started."""

    def test_start_without_a_connection_string_starts_no_thread(self):
        """The runtime is the disabled one and the thread count is unchanged."""
        before = {t.name for t in threading.enumerate()}
        runtime = setup.start(telemetry_settings({}, Service.PRISON_VISITS))
        runtime.shutdown()
        after = {t.name for t in threading.enumerate()}
        assert (runtime.enabled, after - before) == (False, set())

    def test_start_without_a_connection_string_never_loads_the_exporter(self):
        """In a fresh interpreter, the distro and the SDK stay unimported."""
        code = (
            "import sys, threading\n"
            "from hmpps_workers.runners.telemetry import setup, settings\n"
            "s = settings.telemetry_settings({}, settings.Service.PRISON_VISITS)\n"
            "setup.start(s).shutdown()\n"
            "loaded = [m for m in sys.modules if m.startswith(('azure', 'opentelemetry.sdk'))]\n"
            "print(len(loaded), threading.active_count())\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.split() == ["0", "1"]


class TestOpenTelemetryEvents:
    """Core's port as a log record the distro turns into a custom event."""

    def test_an_event_is_a_log_record_with_its_name_and_properties(self):
        """Name in the body and the custom-event attribute, properties as attributes."""
        exporter = InMemoryLogRecordExporter()
        provider = LoggerProvider()
        provider.add_log_record_processor(SimpleLogRecordProcessor(exporter))
        OpenTelemetryEvents(logger=provider.get_logger(EVENTS_LOGGER)).track_event(
            "P2POffenderNumberSet",
            {"offenderNo": "A5089DY", "bookingNumber": "38339A", "crn": "X142620"},
        )
        (readable,) = exporter.get_finished_logs()
        record = readable.log_record
        assert (
            record.body,
            dict(record.attributes),
            readable.instrumentation_scope.name,
        ) == (
            "P2POffenderNumberSet",
            {
                "offenderNo": "A5089DY",
                "bookingNumber": "38339A",
                "crn": "X142620",
                CUSTOM_EVENT_NAME: "P2POffenderNumberSet",
            },
            EVENTS_LOGGER,
        )

    def test_the_events_logger_never_reaches_the_console(self):
        """Anything logged to the events logger stays off stdout."""
        assert events_logger().propagate is False


@attrs.define
class _CountingStore(InMemoryTaskStore):
    """The in-memory store, noting which of record and record_and_claim ran."""

    calls: list[str] = attrs.field(factory=list)

    def record(self, outcomes, *, now):
        """Note the call, then record."""
        self.calls.append("record")
        return super().record(outcomes, now=now)

    def record_and_claim(self, outcomes, schema, **kwargs):
        """Note the call, then record and claim."""
        self.calls.append("record_and_claim")
        return super().record_and_claim(outcomes, schema, **kwargs)


class TestTaskOutcomeEvents:
    """The worker's task outcomes as TaskCompleted and TaskFailed."""

    def _run(self, handler):
        clock = FakeClock()
        store = InMemoryTaskStore()
        store.enqueue(NewTask(task="DWP-CHECK", schema=Schema.EXT), now=clock.now())
        recorder = Recorder()
        TaskWorker(
            store=TaskOutcomeEvents(store, recorder),
            registry=HandlerRegistry({"DWP-CHECK": handler}),
            clock=clock,
            owner="test",
        ).drain()
        return recorder.events

    def test_a_completed_task_is_reported_with_type_schema_and_outcome(self):
        """TaskCompleted, no payload."""
        events = self._run(lambda task: None)
        assert events == [
            (
                "TaskCompleted",
                {
                    "taskType": "DWP-CHECK",
                    "schema": "ExtSchema",
                    "outcome": "completed",
                    "taskId": "1",
                    "attempt": "1",
                },
            )
        ]

    def test_outcomes_recorded_with_the_next_claim_are_reported(self):
        """The wrapper keeps the engine's combined record-and-claim (issue 17).

        A drain of three one-task batches records the first two outcomes in the
        calls that claim the next batch, and each written outcome is reported once.
        """
        clock = FakeClock()
        store = _CountingStore()
        for _ in range(3):
            store.enqueue(NewTask(task="DWP-CHECK", schema=Schema.EXT), now=clock.now())
        recorder = Recorder()
        TaskWorker(
            store=TaskOutcomeEvents(store, recorder),
            registry=HandlerRegistry({"DWP-CHECK": lambda task: None}),
            clock=clock,
            owner="test",
            batch_size=1,
            schemas=(Schema.EXT,),
        ).drain()
        assert store.calls.count("record_and_claim") >= 2
        assert sorted(props["taskId"] for _, props in recorder.events) == [
            "1",
            "2",
            "3",
        ]
        assert {name for name, _ in recorder.events} == {"TaskCompleted"}

    def test_a_failed_task_is_reported_without_its_reason(self):
        """TaskFailed with outcome failed; the reason stays in the task row."""

        def fails(task):
            raise PermanentError("the benefit checker refused the reference")

        events = self._run(fails)
        assert [
            (name, props["outcome"], "reason" in props) for name, props in events
        ] == [("TaskFailed", "failed", False)]
