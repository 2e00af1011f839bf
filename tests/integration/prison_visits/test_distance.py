"""Both Google distance adapters against the fake distance server over loopback."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import attrs
import pytest

from hmpps_workers.adapters.distance import (
    DistanceSettings,
    GoogleDirectionsDistanceCalculator,
    GoogleDistanceMatrixDistanceCalculator,
    GoogleRoutesDistanceCalculator,
)
from hmpps_workers.adapters.testing.distance import FakeDistance
from hmpps_workers.core.prison_visits.distance.ports import (
    DistanceQuery,
    DistanceRejectedError,
    DistanceUnavailableError,
)
from hmpps_workers.core.testing.contracts.distance import DistanceCalculatorContract

QUERY = DistanceQuery(origin="BT7 1NT", destination="BT48 7NR")


@pytest.fixture
def fake_distance() -> Iterator[FakeDistance]:
    """A fake Google on a free loopback port."""
    with FakeDistance() as fake:
        yield fake


@attrs.define
class DistanceEnv:
    """A Google adapter and the fake it talks to."""

    calculator: (
        GoogleDirectionsDistanceCalculator
        | GoogleDistanceMatrixDistanceCalculator
        | GoogleRoutesDistanceCalculator
    )
    fake: FakeDistance

    def fail_next(self, failure: str) -> None:
        self.fake.fail_next(failure)


class TestGoogleDirectionsDistanceCalculator(DistanceCalculatorContract):
    """The Directions adapter keeps the distance contract."""

    @pytest.fixture
    def distance_env(self, fake_distance) -> DistanceEnv:
        settings = DistanceSettings(
            api_key=fake_distance.api_key, url=fake_distance.directions_url
        )
        return DistanceEnv(GoogleDirectionsDistanceCalculator(settings), fake_distance)

    def test_the_originals_parameters_are_sent_url_encoded(self, distance_env):
        """origin, destination and key, encoded (the original sent them raw)."""
        query = DistanceQuery(origin="M1 1AE & co", destination="BT48 7NR")
        distance_env.calculator.driving_metres(query)
        sent = distance_env.fake.requests[-1]
        assert (sent.param("origin"), sent.param("destination")) == (
            "M1 1AE & co",
            "BT48 7NR",
        )
        assert sent.param("key") == distance_env.fake.api_key


class TestGoogleDistanceMatrixDistanceCalculator(DistanceCalculatorContract):
    """The Distance Matrix adapter keeps the distance contract."""

    @pytest.fixture
    def distance_env(self, fake_distance) -> DistanceEnv:
        settings = DistanceSettings(
            api_key=fake_distance.api_key, url=fake_distance.distance_matrix_url
        )
        return DistanceEnv(
            GoogleDistanceMatrixDistanceCalculator(settings), fake_distance
        )

    def test_one_origin_one_destination_driving_metric(self, distance_env):
        """origins, destinations, driving mode, metric units and the key."""
        distance_env.calculator.driving_metres(QUERY)
        sent = distance_env.fake.requests[-1]
        assert (
            sent.param("origins"),
            sent.param("destinations"),
            sent.param("mode"),
            sent.param("units"),
        ) == (QUERY.origin, QUERY.destination, "driving", "metric")


class TestGoogleRoutesDistanceCalculator(DistanceCalculatorContract):
    """The Routes API adapter keeps the distance contract."""

    @pytest.fixture
    def distance_env(self, fake_distance) -> DistanceEnv:
        settings = DistanceSettings(
            api_key=fake_distance.api_key, url=fake_distance.routes_url
        )
        return DistanceEnv(GoogleRoutesDistanceCalculator(settings), fake_distance)

    def test_the_key_travels_in_a_header_not_the_url(self, distance_env):
        """No key in the request line."""
        distance_env.calculator.driving_metres(QUERY)
        sent = distance_env.fake.requests[-1]
        assert (dict(sent.query), sent.headers["x-goog-api-key"]) == (
            {},
            distance_env.fake.api_key,
        )


class TestDistanceFailuresKeepSecretsOut:
    """Failing paths name neither postcodes nor the key."""

    @pytest.mark.parametrize(
        "adapter",
        [
            GoogleDirectionsDistanceCalculator,
            GoogleDistanceMatrixDistanceCalculator,
            GoogleRoutesDistanceCalculator,
        ],
    )
    def test_no_key_or_postcode_in_logs_or_errors(self, fake_distance, caplog, adapter):
        """Wrong key, quota, server errors and an unreachable host, at DEBUG."""
        caplog.set_level(logging.DEBUG)
        url = {
            GoogleDirectionsDistanceCalculator: fake_distance.directions_url,
            GoogleDistanceMatrixDistanceCalculator: fake_distance.distance_matrix_url,
            GoogleRoutesDistanceCalculator: fake_distance.routes_url,
        }[adapter]
        errors = []
        wrong = adapter(DistanceSettings(api_key="secret-key-123", url=url))
        with pytest.raises(DistanceRejectedError) as raised:
            wrong.driving_metres(QUERY)
        errors.append(str(raised.value))
        good = adapter(DistanceSettings(api_key=fake_distance.api_key, url=url))
        for failure in ("quota", "server-error"):
            fake_distance.fail_next(failure)
            with pytest.raises(DistanceUnavailableError) as raised:
                good.driving_metres(QUERY)
            errors.append(str(raised.value))
        gone = adapter(
            DistanceSettings(
                api_key="secret-key-123", url="http://127.0.0.1:9/x?key=secret-key-123"
            )
        )
        with pytest.raises(DistanceUnavailableError) as raised:
            gone.driving_metres(QUERY)
        errors.append(str(raised.value))
        text = caplog.text + "\n".join(errors)
        leaks = ("secret-key-123", fake_distance.api_key, "BT7", "BT48")
        assert [s for s in leaks if s in text] == []
