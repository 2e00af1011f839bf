"""Readiness of the service process follows its threads and its listener."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

from hmpps_workers.runners.prison_to_probation.service import Service


def _service(*, listener_enabled, receiving, thread_alive=True):
    services = SimpleNamespace(
        config=SimpleNamespace(listener_enabled=listener_enabled),
        consumer=SimpleNamespace(receiving=receiving),
    )
    service = Service(services)  # type: ignore[arg-type]
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    if thread_alive:
        thread.start()
    service.threads.append(thread)
    return service, stop, thread


class TestServiceReadiness:
    """`/health/readiness` is UP only while the listener takes messages."""

    @pytest.mark.parametrize(
        ("listener_enabled", "receiving", "thread_alive", "expected"),
        [
            (True, True, True, True),
            (True, False, True, False),
            (False, False, True, True),
            (True, True, False, False),
        ],
        ids=["listening", "queue-unreachable", "no-listener", "thread-died"],
    )
    def test_ready_needs_live_threads_and_a_receiving_listener(
        self, listener_enabled, receiving, thread_alive, expected
    ):
        """Alive threads, and a receiving listener where one runs."""
        service, stop, thread = _service(
            listener_enabled=listener_enabled,
            receiving=receiving,
            thread_alive=thread_alive,
        )
        try:
            assert expected == service.ready()
        finally:
            stop.set()
            if thread_alive:
                thread.join(5)


class TestLockMarginSettings:
    """The lock margin fits the lease, by default or with a clear error."""

    def test_a_short_lease_scales_the_default_margin(self):
        """A 4-second lease gets a margin of a tenth of it, not 2 minutes."""
        from hmpps_workers.runners.prison_to_probation.config import (  # noqa: PLC0415
            _pipeline_settings,
        )

        settings = _pipeline_settings({"PRISONTOPROBATION_LOCK_AT_MOST_FOR": "4s"})
        assert settings.lock_margin.total_seconds() == 0.4

    def test_a_margin_longer_than_the_lease_is_a_named_error(self):
        """Both variables are named; nothing crashes."""
        from hmpps_workers.core.errors import ConfigurationError  # noqa: PLC0415
        from hmpps_workers.runners.prison_to_probation.config import (  # noqa: PLC0415
            _pipeline_settings,
        )

        with pytest.raises(ConfigurationError, match="PRISONTOPROBATION_LOCK_MARGIN"):
            _pipeline_settings(
                {
                    "PRISONTOPROBATION_LOCK_AT_MOST_FOR": "1m",
                    "PRISONTOPROBATION_LOCK_MARGIN": "2m",
                }
            )


class TestServiceStop:
    """SIGTERM's stop tells every thread at once and shares one deadline."""

    def test_stop_tells_every_thread_and_joins_those_that_finish(self):
        """Threads waiting on the stop event all end; none is left running."""
        services = SimpleNamespace(
            config=SimpleNamespace(listener_enabled=False),
            consumer=SimpleNamespace(stop=lambda: None, receiving=True),
            hmpps_consumer=SimpleNamespace(stop=lambda: None, receiving=True),
        )
        service = Service(services)  # type: ignore[arg-type]
        for _ in range(3):
            thread = threading.Thread(target=service.stop_event.wait)
            thread.start()
            service.threads.append(thread)
        service.stop(timeout=30)
        assert [t.is_alive() for t in service.threads] == [False, False, False]

    def test_a_thread_that_never_finishes_does_not_hold_the_others(self, caplog):
        """Past the deadline the stuck thread is named and stop returns."""
        services = SimpleNamespace(
            config=SimpleNamespace(listener_enabled=False),
            consumer=SimpleNamespace(stop=lambda: None, receiving=True),
            hmpps_consumer=SimpleNamespace(stop=lambda: None, receiving=True),
        )
        service = Service(services)  # type: ignore[arg-type]
        stuck = threading.Event()
        hung = threading.Thread(target=stuck.wait, name="p2p-hung", daemon=True)
        polite = threading.Thread(target=service.stop_event.wait, name="p2p-polite")
        for thread in (hung, polite):
            thread.start()
            service.threads.append(thread)
        try:
            with caplog.at_level("INFO"):
                service.stop(timeout=0.2)
        finally:
            stuck.set()
            hung.join(5)
        stopped = [r for r in caplog.records if r.getMessage() == "service stopped"]
        assert stopped[-1].threads_left == ["p2p-hung"]
        assert polite.is_alive() is False
