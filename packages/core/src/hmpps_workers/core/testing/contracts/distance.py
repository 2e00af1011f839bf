"""The DistanceCalculator contract: what every distance adapter must do."""

from __future__ import annotations

from typing import Literal, Protocol

from hmpps_workers.core.prison_visits.distance.ports import (
    DistanceCalculator,
    DistanceQuery,
    DistanceRejectedError,
    DistanceUnavailableError,
)
from hmpps_workers.core.testing.contracts.expect import raises
from hmpps_workers.core.testing.distance import NO_ROUTE, distance_rule

Failure = Literal["quota", "denied", "server-error"]


class DistanceEnvironment(Protocol):
    """What a contract test needs: the calculator and failure injection."""

    calculator: DistanceCalculator

    def fail_next(self, failure: Failure) -> None:
        """Make the service's next answer fail this way."""
        ...


class DistanceCalculatorContract:
    """Tests every DistanceCalculator must pass; subclasses provide `distance_env`."""

    def test_a_known_route_has_its_one_way_distance(
        self, distance_env: DistanceEnvironment
    ) -> None:
        """Belfast to Londonderry is 117.5 km one way by the test rule."""
        query = DistanceQuery(origin="BT7 1NT", destination="BT48 7NR")
        assert distance_env.calculator.driving_metres(query) == 117_500

    def test_any_other_route_follows_the_test_rule(
        self, distance_env: DistanceEnvironment
    ) -> None:
        """Postcodes with spaces and odd characters arrive intact."""
        query = DistanceQuery(origin="SW1A 1AA", destination="M1 1AE & co")
        expected = distance_rule("SW1A 1AA", "M1 1AE & co")
        assert expected == distance_env.calculator.driving_metres(query)

    def test_an_unreachable_place_has_no_distance(
        self, distance_env: DistanceEnvironment
    ) -> None:
        """No route is None, not an error."""
        query = DistanceQuery(origin="BT7 1NT", destination=NO_ROUTE)
        assert distance_env.calculator.driving_metres(query) is None

    def _test_quota_and_server_errors_are_retryable(
        self, distance_env: DistanceEnvironment, failure: Failure
    ) -> None:
        """Over quota or a server error: try again later."""
        distance_env.fail_next(failure)
        query = DistanceQuery(origin="BT7 1NT", destination="BT48 7NR")
        with raises(DistanceUnavailableError) as raised:
            distance_env.calculator.driving_metres(query)
        assert "BT7" not in str(raised.value)
        assert distance_env.calculator.driving_metres(query) == 117_500

    def test_a_denied_request_is_permanent(
        self, distance_env: DistanceEnvironment
    ) -> None:
        """A refused key will not work next time either."""
        distance_env.fail_next("denied")
        query = DistanceQuery(origin="BT7 1NT", destination="BT48 7NR")
        with raises(DistanceRejectedError):
            distance_env.calculator.driving_metres(query)

    def test_over_quota_is_retryable(self, distance_env: DistanceEnvironment) -> None:
        """Over the query limit: try again later."""
        self._test_quota_and_server_errors_are_retryable(distance_env, "quota")

    def test_a_server_error_is_retryable(
        self, distance_env: DistanceEnvironment
    ) -> None:
        """A server error: try again later."""
        self._test_quota_and_server_errors_are_retryable(distance_env, "server-error")

    def test_ping_succeeds_when_the_service_is_up(
        self, distance_env: DistanceEnvironment
    ) -> None:
        """A healthy service answers the health check."""
        distance_env.calculator.ping()
