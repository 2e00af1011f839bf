"""Car journey pricing: postcodes, rates, rounding and the maximum distance."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.pricing import (
    Postcodes,
    PricingSettings,
    choose_postcodes,
    expenses_to_price,
    price_journey,
    rate_per_mile,
    return_miles,
    round_money,
    to_fixed_2,
)
from hmpps_workers.core.prison_visits.prisons import Prison, PrisonDirectory
from hmpps_workers.core.testing.approval_builders import default_settings
from hmpps_workers.core.testing.claim_builders import claim_graph
from hmpps_workers.runners.prison_visits.handler_config import pricing_from_env

PRISONS = PrisonDirectory.of(
    [Prison(value="hewell", display_name="Hewell", region="ENG", postcode="B97 6QS")]
)
GRAPH = claim_graph()
CAR = GRAPH.expenses[0]  # car, cost 0, Testtown to hewell
rates = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("2.00"), places=2)
metres = st.integers(min_value=1, max_value=2_000_000)


class TestRounding:
    """The original's two roundings, reproduced."""

    @pytest.mark.parametrize(
        ("value", "money", "fixed"),
        [
            (1.005, "1.01", "1.00"),
            (0.125, "0.13", "0.13"),
            (2.675, "2.68", "2.67"),
            (12.42742, "12.43", "12.43"),
            (0.0, "0.00", "0.00"),
        ],
    )
    def test_spec_examples(self, value, money, fixed):
        """Cost rounds the shortest decimal form; Distance the binary value."""
        expected = (Decimal(money), Decimal(fixed))
        assert expected == (round_money(value), to_fixed_2(value))

    @given(st.integers(min_value=0, max_value=10**9))
    def test_a_whole_penny_amount_never_loses_a_penny(self, pence):
        """Any float written from pence rounds back to exactly those pence."""
        expected = Decimal(pence) / 100
        assert expected == round_money(pence / 100)

    @given(st.floats(min_value=0, max_value=1e7, allow_nan=False))
    def test_rounding_moves_by_at_most_half_a_penny(self, value):
        """Both roundings stay within half a penny of the value, at two places."""
        for rounded in (round_money(value), to_fixed_2(value)):
            assert rounded.as_tuple().exponent == -2
            assert abs(rounded - Decimal(repr(value))) <= Decimal("0.005")


class TestPriceJourney:
    """Distance and cost from the one-way metres."""

    def test_a_ten_kilometre_trip_at_twenty_pence(self):
        """10 km each way is 12.43 miles, 2.49 at 0.20 a mile."""
        expected = (Decimal("12.43"), Decimal("2.49"))
        price = price_journey(10_000, rate=Decimal("0.20"), max_miles=Decimal(1500))
        assert expected == (price.distance, price.cost)

    @pytest.mark.parametrize("distance", [None, 0])
    def test_no_route_prices_at_zero(self, distance):
        """A missing or zero distance writes 0.00 miles and 0.00 cost."""
        price = price_journey(distance, rate=Decimal("0.20"), max_miles=Decimal(1500))
        expected = (Decimal("0.00"), Decimal("0.00"))
        assert expected == (price.distance, price.cost)

    @given(metres, rates)
    def test_cost_is_the_rounded_return_miles_times_the_rate(self, one_way, rate):
        """Half a penny at most from miles times rate, unless over the maximum."""
        miles = one_way / 1000 * 2 * 0.621371
        price = price_journey(one_way, rate=rate, max_miles=Decimal(1500))
        if miles > 1500:
            assert price.cost == Decimal("0.00")
        else:
            exact = Decimal(repr(miles * float(rate)))
            assert abs(price.cost - exact) <= Decimal("0.005")
        assert abs(price.distance - Decimal(miles)) <= Decimal("0.005")

    @given(metres, metres, rates)
    def test_a_longer_journey_never_costs_less_below_the_maximum(self, a, b, rate):
        """Cost is monotone in distance up to the maximum."""
        short, long_ = sorted((a, b))
        limit = Decimal(10_000)
        expected = True
        actual = (
            price_journey(short, rate=rate, max_miles=limit).cost
            <= price_journey(long_, rate=rate, max_miles=limit).cost
        )
        assert expected == actual

    def test_the_maximum_is_on_the_return_distance_and_inclusive(self):
        """1500 return miles is paid; a metre more each way is not."""
        limit_metres = 1500 / 0.621371 / 2 * 1000
        under = price_journey(
            int(limit_metres), rate=Decimal(1), max_miles=Decimal(1500)
        )
        over = price_journey(
            int(limit_metres) + 1, rate=Decimal(1), max_miles=Decimal(1500)
        )
        expected = (True, Decimal("0.00"))
        assert expected == (under.cost > 0, over.cost)

    def test_return_miles_doubles_the_one_way_distance(self):
        """Metres / 1000 * 2 * 0.621371, in floats as the original."""
        expected = 1234 / 1000 * 2 * 0.621371
        assert expected == return_miles(1234)


class TestRatePerMile:
    """The current version's England-and-Wales rate and the general one."""

    @pytest.mark.parametrize(
        ("country", "expected"),
        [
            ("England", Decimal("0.20")),
            ("Wales", Decimal("0.20")),
            ("Scotland", Decimal("0.30")),
            ("Northern Ireland", Decimal("0.30")),
            (None, Decimal("0.30")),
        ],
    )
    def test_rate_by_country(self, country, expected):
        """England and Wales at 0.20, everywhere else at CostPerMile (0.30)."""
        assert expected == rate_per_mile(country, default_settings())

    def test_a_config_row_without_cost_per_mile_is_a_configuration_error(self):
        """The original priced at NaN and failed the update; we name the cause."""
        with pytest.raises(ConfigurationError, match="CostPerMile"):
            rate_per_mile("Scotland", default_settings(cost_per_mile=None))


class TestChoosePostcodes:
    """The expense's postcodes, else the visitor's home and the prison's."""

    @pytest.mark.parametrize(
        ("changes", "expected"),
        [
            ({}, Postcodes(origin="AA1 1AA", destination="B97 6QS")),
            (
                {"from_post_code": "ZZ9 9ZZ", "to_post_code": "YY1 1YY"},
                Postcodes(origin="ZZ9 9ZZ", destination="YY1 1YY"),
            ),
            (
                {"travel_to": "Birmingham"},
                Postcodes(origin="AA1 1AA", destination=None),
            ),
            (
                {"travel_to": "Birmingham", "to_post_code": "B1 1AA"},
                Postcodes(origin="AA1 1AA", destination="B1 1AA"),
            ),
            (
                {"from_post_code": ""},
                Postcodes(origin="AA1 1AA", destination="B97 6QS"),
            ),
        ],
    )
    def test_choice(self, changes, expected):
        """Each case of the original's choice."""
        expense = attrs.evolve(CAR, **changes)
        actual = choose_postcodes(
            expense, visitor=GRAPH.visitor, prisoner=GRAPH.prisoner, prisons=PRISONS
        )
        assert expected == actual

    def test_an_unknown_or_island_prison_has_no_destination(self):
        """No postcode in the directory, so the journey is not routed."""
        assert GRAPH.prisoner is not None
        for prison in ("la-moye", "new-prison"):
            prisoner = attrs.evolve(GRAPH.prisoner, name_of_prison=prison)
            expense = attrs.evolve(CAR, travel_to=prison)
            chosen = choose_postcodes(
                expense, visitor=GRAPH.visitor, prisoner=prisoner, prisons=PRISONS
            )
            assert not chosen.complete

    def test_without_visitor_or_prisoner_only_the_expense_counts(self):
        """Nothing to fall back on."""
        expected = Postcodes(origin=None, destination=None)
        assert expected == choose_postcodes(
            CAR, visitor=None, prisoner=None, prisons=PRISONS
        )


class TestExpensesToPrice:
    """Which expenses the distance calculation touches."""

    def test_only_enabled_car_expenses_without_a_cost(self):
        """A car with a cost, a disabled car and a bus are left alone."""
        priced = attrs.evolve(CAR, claim_expense_id=2, cost=Decimal("5.00"))
        disabled = attrs.evolve(CAR, claim_expense_id=3, is_enabled=False)
        expected = (CAR,)
        assert expected == expenses_to_price((CAR, priced, disabled, GRAPH.expenses[1]))


class TestPricingSettings:
    """`APVS_DISTANCE_CALCULATION_*`."""

    def test_defaults(self):
        """Enabled, 1500 miles."""
        expected = PricingSettings(enabled=True, max_miles=Decimal(1500))
        assert expected == pricing_from_env({})

    def test_switched_off_unless_exactly_true(self):
        """Compared with the string 'true', as the original did."""
        env = {"APVS_DISTANCE_CALCULATION_ENABLED": "TRUE"}
        assert not pricing_from_env(env).enabled

    def test_a_malformed_maximum_is_named(self):
        """The variable is named, its value not echoed."""
        with pytest.raises(ConfigurationError, match="MAX_MILES"):
            pricing_from_env({"APVS_DISTANCE_CALCULATION_MAX_MILES": "far"})


class TestPrisonDirectory:
    """Slugs to names and postcodes."""

    def test_known_unknown_and_missing_names(self):
        """An unknown slug is humanised instead of failing the email."""
        expected = ("Hewell", "New Hall", "", "Les Nicolles")
        actual = (
            PRISONS.display_name("hewell"),
            PRISONS.display_name("new-hall"),
            PRISONS.display_name(None),
            PRISONS.display_name("les-nicolles"),
        )
        assert expected == actual

    def test_an_empty_postcode_is_no_postcode(self):
        """Jersey has no postcode in the original's enum."""
        expected = (None, "B97 6QS", None)
        actual = (
            PRISONS.postcode("la-moye"),
            PRISONS.postcode("hewell"),
            PRISONS.postcode("nowhere"),
        )
        assert expected == actual
