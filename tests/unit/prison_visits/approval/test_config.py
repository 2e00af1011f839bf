"""Auto-approval settings: the newest enabled row as it stands, else the defaults."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.approval import (
    AutoApprovalDefaults,
    parse_rules_disabled,
    resolve_settings,
)
from hmpps_workers.core.prison_visits.claims.records import AutoApprovalConfig
from hmpps_workers.runners.prison_visits.handler_config import (
    approval_defaults_from_env,
)

RULE_NAME = st.text("abcdefghijklmnopqrstuvwxyz-0123456789", min_size=1, max_size=30)


class TestParseRulesDisabled:
    """RulesDisabled is a comma-separated list of rule names."""

    def test_names_are_trimmed(self):
        """A space after a comma no longer leaves the second rule enabled."""
        expected = frozenset({"is-visit-in-past", "is-claimant-trusted"})
        assert expected == parse_rules_disabled(
            "is-visit-in-past, is-claimant-trusted "
        )

    @pytest.mark.parametrize("text", [None, "", " ", ",", " , "])
    def test_nothing_listed_disables_nothing(self, text):
        """Empty, blank or comma-only values name no rule."""
        assert frozenset() == parse_rules_disabled(text)

    @given(st.lists(RULE_NAME, max_size=6), st.sampled_from([",", ", ", " ,", " , "]))
    def test_any_separator_spacing_gives_the_same_names(self, names, separator):
        """Whatever spaces surround the commas, the same rule names come back."""
        assert frozenset(names) == parse_rules_disabled(separator.join(names))


class TestResolveSettings:
    """`resolve_settings(row, defaults)`."""

    def test_no_row_takes_every_default(self):
        """Without an enabled row the environment defaults apply."""
        settings = resolve_settings(None, AutoApprovalDefaults())
        assert (True, Decimal(10), Decimal(250), 28, 26, 4, 4) == (
            settings.enabled,
            settings.cost_variance_percentage,
            settings.max_claim_total,
            settings.max_days_after_apvu_visit,
            settings.max_number_of_claims_per_year,
            settings.max_number_of_claims_per_month,
            settings.number_of_consecutive_auto_approvals,
        )
        assert frozenset() == settings.rules_disabled

    def test_a_row_is_used_as_it_stands_even_with_nulls(self):
        """A null column stays null; no default is merged in (kept from the original)."""
        row = AutoApprovalConfig(
            auto_approval_enabled=True, max_claim_total=Decimal(99)
        )
        settings = resolve_settings(row, AutoApprovalDefaults())
        assert (Decimal(99), None, None, None) == (
            settings.max_claim_total,
            settings.cost_variance_percentage,
            settings.max_number_of_claims_per_year,
            settings.cost_per_mile,
        )

    def test_a_row_with_auto_approval_unset_disables_it(self):
        """A null AutoApprovalEnabled is falsy, so nothing is auto-approved."""
        assert not resolve_settings(
            AutoApprovalConfig(), AutoApprovalDefaults()
        ).enabled

    def test_a_row_lists_disabled_rules(self):
        """RulesDisabled of the row is parsed, trimmed."""
        row = AutoApprovalConfig(auto_approval_enabled=True, rules_disabled="a, b")
        expected = frozenset({"a", "b"})
        assert expected == resolve_settings(row, AutoApprovalDefaults()).rules_disabled

    def test_england_and_wales_rate_always_comes_from_the_environment(self):
        """CostPerMileEngWal has no column; a row never changes it."""
        defaults = AutoApprovalDefaults(cost_per_mile_eng_wal=Decimal("0.25"))
        row = AutoApprovalConfig(auto_approval_enabled=True, cost_per_mile=Decimal(1))
        settings = resolve_settings(row, defaults)
        assert (Decimal(1), Decimal("0.25")) == (
            settings.cost_per_mile,
            settings.cost_per_mile_eng_wal,
        )


class TestAutoApprovalDefaultsFromEnv:
    """`APVS_AUTO_APPROVAL_*`."""

    def test_unset_variables_give_the_current_defaults(self):
        """The current version's defaults: 0.30 a mile, 0.20 in England and Wales."""
        assert AutoApprovalDefaults() == approval_defaults_from_env({})

    def test_every_variable_is_read(self):
        """Each variable sets its field."""
        env = {
            "APVS_AUTO_APPROVAL_ENABLED": "false",
            "APVS_AUTO_APPROVAL_COST_VARIANCE": "15",
            "APVS_AUTO_APPROVAL_MAX_CLAIM_TOTAL": "300.50",
            "APVS_AUTO_APPROVAL_MAX_DAYS_AFTER_APVU_VISIT": "30",
            "APVS_AUTO_APPROVAL_MAX_CLAIMS_PER_YEAR": "20",
            "APVS_AUTO_APPROVAL_MAX_CLAIMS_PER_MONTH": "3",
            "APVS_AUTO_APPROVAL_COST_PER_MILE": "0.13",
            "APVS_AUTO_APPROVAL_NUMBER_OF_CONSECUTIVE_AUTO_APPROVALS": "2",
            "APVS_AUTO_APPROVAL_COST_PER_MILE_ENGWAL": "0.22",
        }
        expected = AutoApprovalDefaults(
            enabled=False,
            cost_variance_percentage=Decimal(15),
            max_claim_total=Decimal("300.50"),
            max_days_after_apvu_visit=30,
            max_number_of_claims_per_year=20,
            max_number_of_claims_per_month=3,
            cost_per_mile=Decimal("0.13"),
            number_of_consecutive_auto_approvals=2,
            cost_per_mile_eng_wal=Decimal("0.22"),
        )
        assert expected == approval_defaults_from_env(env)

    def test_enabled_is_true_only_for_the_string_true(self):
        """As the original compared it: anything but 'true' switches it off."""
        assert not approval_defaults_from_env(
            {"APVS_AUTO_APPROVAL_ENABLED": "yes"}
        ).enabled

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            ("APVS_AUTO_APPROVAL_MAX_CLAIM_TOTAL", "lots"),
            ("APVS_AUTO_APPROVAL_COST_PER_MILE", "-1"),
            ("APVS_AUTO_APPROVAL_COST_VARIANCE", "NaN"),
            ("APVS_AUTO_APPROVAL_MAX_CLAIMS_PER_YEAR", "2.5"),
        ],
    )
    def test_a_malformed_variable_is_named_and_its_value_not_echoed(self, name, value):
        """ConfigurationError says which variable, never what it held."""
        with pytest.raises(ConfigurationError) as raised:
            approval_defaults_from_env({name: value})
        assert name in str(raised.value)
        assert value not in str(raised.value)
