"""`/health` runs its pings together, each within a timeout, and caches the answer."""

from __future__ import annotations

import threading
from datetime import timedelta

from hmpps_workers.adapters.aws.sqs_admin import QueueUnhealthyError
from hmpps_workers.runners.prison_to_probation.http_api.health import HealthCheck


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


class TestHealthCheck:
    """Components from pings; DOWN on time when one hangs; at most 2 s old."""

    def test_a_hung_dependency_is_down_and_the_others_still_up(self):
        """The hung ping is DOWN as timed out; the answer does not wait for it."""
        release = threading.Event()
        check = HealthCheck(
            {"slow": lambda: release.wait(30) and {}, "fast": lambda: {"rows": 3}},
            timeout=timedelta(milliseconds=50),
        )
        try:
            up, body = check()
        finally:
            release.set()
            check.close()
        assert (up, body["status"]) == (False, "DOWN")
        assert body["components"]["slow"] == {
            "status": "DOWN", "details": {"error": "timed out"}}  # fmt: skip
        assert body["components"]["fast"] == {"status": "UP", "details": {"rows": 3}}

    def test_a_failing_ping_is_down_with_its_error_type_or_details(self):
        """An exception's type, or the details an unhealthy queue carries."""

        def broken():
            raise OSError("connection refused to 10.0.0.1")

        def no_dlq():
            raise QueueUnhealthyError({"dlqStatus": "The queue does not exist"})

        check = HealthCheck({"api": broken, "queue": no_dlq})
        up, body = check()
        check.close()
        assert up is False
        assert body["components"]["api"]["details"] == {"error": "OSError"}
        assert body["components"]["queue"]["details"] == {
            "dlqStatus": "The queue does not exist"}  # fmt: skip

    def test_answers_are_cached_for_the_configured_time(self):
        """Within 2 s one ping; after, another."""
        calls = []
        clock = Clock()
        check = HealthCheck(
            {"api": lambda: calls.append(1) or {}},
            cache_for=timedelta(seconds=2),
            monotonic=clock,
        )
        check()
        clock.now += 1.9
        check()
        clock.now += 0.2
        up, _ = check()
        check.close()
        assert (up, len(calls)) == (True, 2)

    def test_a_ping_still_running_is_not_started_again(self):
        """A hung dependency holds one thread however often /health is asked."""
        release = threading.Event()
        started = []

        def slow():
            started.append(1)
            release.wait(30)
            return {}

        check = HealthCheck(
            {"slow": slow},
            timeout=timedelta(milliseconds=20),
            cache_for=timedelta(0),
        )
        try:
            for _ in range(3):
                check()
        finally:
            release.set()
            check.close()
        assert len(started) == 1
