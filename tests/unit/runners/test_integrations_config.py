"""Configuration of the outside services from the original environment variables."""

from __future__ import annotations

import pytest

from hmpps_workers.core.errors import ConfigurationError
from hmpps_workers.core.prison_visits.benefits import (
    BenefitCheckResult,
    NotRunBenefitChecker,
)
from hmpps_workers.core.prison_visits.email.templates import Template
from hmpps_workers.core.prison_visits.helpdesk import DisabledHelpdesk
from hmpps_workers.core.testing.documents import InMemoryFileStore
from hmpps_workers.core.testing.email import InMemoryEmailSender
from hmpps_workers.runners.prison_visits.integrations import build_integrations
from hmpps_workers.runners.prison_visits.integrations_config import (
    BenefitCheckerConfig,
    DistanceConfig,
    IntegrationsConfig,
    NotifyConfig,
    ZendeskConfig,
)

SERVICE = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"


class TestNotifyConfig:
    """`APVS_NOTIFY_*`."""

    def test_template_ids_default_to_the_originals_helm_values(self):
        """With nothing set, every template id is the one deployed everywhere."""
        config = NotifyConfig.from_env({})
        assert config.templates[Template.SUBMIT_CLAIM] == (
            "508b23b3-3f1c-45c2-bdc7-db90e3fae8b0"
        )
        assert (config.do_not_send, config.api_key) == ("donotsend@apvs.com", None)

    def test_a_template_variable_overrides_its_id(self):
        """`APVS_NOTIFY_REJECTED_CLAIM_EMAIL_TEMPLATE_ID` replaces the default."""
        other = "00000000-0000-4000-8000-000000000001"
        env = {"APVS_NOTIFY_REJECTED_CLAIM_EMAIL_TEMPLATE_ID": other}
        assert NotifyConfig.from_env(env).templates[Template.REJECTED_CLAIM] == other

    def test_a_template_id_that_is_not_a_uuid_is_refused_by_name(self):
        """The error names the variable."""
        env = {"APVS_NOTIFY_SUBMIT_CLAIM_EMAIL_TEMPLATE_ID": "oops"}
        with pytest.raises(ConfigurationError, match="SUBMIT_CLAIM_EMAIL_TEMPLATE_ID"):
            NotifyConfig.from_env(env)

    def test_the_originals_split_client_id_and_key_are_combined(self):
        """APVS_NOTIFY_CLIENT_ID plus a bare secret makes a combined key."""
        env = {"APVS_NOTIFY_CLIENT_ID": SERVICE, "APVS_NOTIFY_API_KEY": SECRET}
        key = NotifyConfig.from_env(env).api_key
        assert key is not None
        assert key.value.endswith(f"-{SERVICE}-{SECRET}")
        assert SECRET not in repr(NotifyConfig.from_env(env))


class TestSwitchedServices:
    """DWP, distance and Zendesk must be complete when switched on."""

    def test_dwp_is_off_by_default_and_answers_not_run(self):
        """The original's default: no call, NOT-RUN."""
        config = IntegrationsConfig.from_env(
            {"APVS_DISTANCE_CALCULATION_ENABLED": "false"}
        )
        integrations = build_integrations(
            config, email=InMemoryEmailSender(), files=InMemoryFileStore()
        )
        assert isinstance(integrations.benefits, NotRunBenefitChecker)
        assert integrations.benefits.check(None) == BenefitCheckResult.NOT_RUN  # type: ignore[arg-type]
        assert isinstance(integrations.helpdesk, DisabledHelpdesk)
        assert integrations.distance is None

    def test_dwp_switched_on_without_its_fields_names_them(self):
        """Every missing variable is listed."""
        with pytest.raises(ConfigurationError, match="CLIENTORGID"):
            BenefitCheckerConfig.from_env(
                {
                    "APVS_DWP_BENEFIT_CHECKER_ENABLED": "true",
                    "APVS_DWP_BENEFIT_CHECKER_URL": "https://x",
                }
            )

    def test_distance_is_on_by_default_and_needs_its_key(self):
        """As in the original, distance pricing is on unless switched off."""
        with pytest.raises(ConfigurationError, match="DIRECTIONS_API_KEY"):
            DistanceConfig.from_env({})

    def test_distance_can_use_the_routes_api(self):
        """`APVS_DISTANCE_CALCULATION_API=routes` selects the Routes matrix."""
        config = DistanceConfig.from_env(
            {
                "APVS_DISTANCE_CALCULATION_API": "routes",
                "APVS_DISTANCE_CALCULATION_DIRECTIONS_API_KEY": "k",
            }
        )
        assert (config.api, config.url) == (
            "routes",
            "https://routes.googleapis.com/distanceMatrix/v2:computeRouteMatrix",
        )

    @pytest.mark.parametrize(
        ("env", "expected"),
        [
            ({}, True),
            ({"APVS_ZENDESK_TEST_ENVIRONMENT": "false"}, False),
            ({"APVS_ZENDESK_PROD_ENVIRONMENT": "true"}, False),
            (
                {
                    "APVS_ZENDESK_PROD_ENVIRONMENT": "false",
                    "APVS_ZENDESK_TEST_ENVIRONMENT": "false",
                },
                True,
            ),
        ],
    )
    def test_zendesk_test_mode_follows_either_switch(self, env, expected):
        """Test mode by default; the later PROD flag wins over the TEST flag."""
        assert ZendeskConfig.from_env(env).test_mode is expected


class TestDistanceMatrixSelection:
    """The issue's named API can be chosen by configuration."""

    def test_distance_matrix_is_selectable_with_its_own_url(self):
        """`APVS_DISTANCE_CALCULATION_API=distance-matrix` uses the matrix URL."""
        from hmpps_workers.runners.prison_visits.integrations_config import (  # noqa: PLC0415
            DISTANCE_MATRIX_URL,
            DistanceConfig,
        )

        config = DistanceConfig.from_env(
            {
                "APVS_DISTANCE_CALCULATION_API": "distance-matrix",
                "APVS_DISTANCE_CALCULATION_DIRECTIONS_API_KEY": "k",
            }
        )
        assert (config.api, config.url) == ("distance-matrix", DISTANCE_MATRIX_URL)


class TestResponseSizeCap:
    """`APVS_HTTP_MAX_RESPONSE_BYTES` caps every requests-based adapter's answers."""

    def test_the_cap_defaults_to_one_mebibyte(self):
        """Unset, answers are capped at 1 MiB."""
        config = IntegrationsConfig.from_env(
            {"APVS_DISTANCE_CALCULATION_DIRECTIONS_API_KEY": "k"}
        )
        assert config.max_response_bytes == 1024 * 1024

    def test_the_cap_reaches_the_distance_adapter(self):
        """The configured cap is the adapter's."""
        from hmpps_workers.runners.prison_visits.integrations import (  # noqa: PLC0415
            distance_calculator,
        )

        config = IntegrationsConfig.from_env(
            {
                "APVS_DISTANCE_CALCULATION_DIRECTIONS_API_KEY": "k",
                "APVS_HTTP_MAX_RESPONSE_BYTES": "4096",
            }
        )
        calculator = distance_calculator(config)
        assert calculator is not None
        assert calculator.settings.max_response_bytes == 4096  # type: ignore[attr-defined]

    @pytest.mark.parametrize("raw", ["12", "lots", str(1 << 31)])
    def test_a_cap_out_of_range_is_refused_by_name(self, raw):
        """Below 1 KiB, above 1 GiB or not a number: the error names the variable."""
        with pytest.raises(ConfigurationError, match="APVS_HTTP_MAX_RESPONSE_BYTES"):
            IntegrationsConfig.from_env(
                {
                    "APVS_DISTANCE_CALCULATION_DIRECTIONS_API_KEY": "k",
                    "APVS_HTTP_MAX_RESPONSE_BYTES": raw,
                }
            )
